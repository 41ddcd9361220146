/**
 * Who may use a running `serve`. On loopback (the default) only requests
 * addressed to a loopback name are answered, so no web page can rebind a DNS
 * name onto the server. Bound to any other address (the LAN), the server is
 * locked as well:
 *   1. every request carries the server's token: once in the URL `serve` prints
 *      (`?token=…`, then kept as a cookie, HttpOnly and SameSite=Strict, and the
 *      address shown again without it), or as `Authorization: Bearer …`;
 *   2. the Host header must name this server: a loopback name, the machine's
 *      name, or one of its addresses;
 *   3. on every bind, a contract call sent from a page of another origin (its
 *      Origin or Sec-Fetch-Site say so) is refused;
 *   4. with `readOnly`, every method that changes something is refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';

export const TOKEN_COOKIE = 'paperboy_token';
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1', '[::1]'];

export interface ServerAccess {
  /** Required of every request when set (the server is not on loopback). */
  token?: string;
  readOnly?: boolean;
}

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A new token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The names a request may address this server by (lower case, without the port). */
export function hostNames(bind: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (isLoopback(bind)) return names;
  const name = os.hostname().toLowerCase();
  names.add(name);
  names.add(`${name}.local`);
  if (bind !== '0.0.0.0' && bind !== '::') names.add(bind.toLowerCase());
  for (const address of lanAddresses(true)) names.add(address);
  return names;
}

/** The machine's addresses (IPv6 in brackets, as a Host header has them). */
function lanAddresses(withInternal: boolean): string[] {
  const found: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const address of list ?? []) {
      if (address.internal && !withInternal) continue;
      found.push(address.family === 'IPv6' ? `[${address.address}]` : address.address);
    }
  }
  return found;
}

/** The address to print for a bind: the machine's LAN address for 0.0.0.0 and ::. */
export function shownHost(bind: string, listening: string): string {
  if (bind !== '0.0.0.0' && bind !== '::') return listening;
  const lan = lanAddresses(false);
  return lan.find((a) => !a.startsWith('[')) ?? lan[0] ?? listening;
}

/** The Host header's name, lower case, without the port. */
export function requestHost(req: IncomingMessage): string {
  return (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
}

/**
 * Whether the request shows the token: in the cookie, as a bearer, or as the
 * password of HTTP Basic authentication (any user name), which is what OPDS
 * readers can send.
 */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const authorization = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization)?.[1];
  const password = basic
    ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':')
    : undefined;
  return same(bearer, token) || same(password, token) || same(cookie(req, TOKEN_COOKIE), token);
}

/** Whether a contract call comes from a page of this server's own origin (or from no page). */
export function sameOrigin(req: IncomingMessage, names: Set<string>, port: number): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const url = URL.parse(origin);
  if (url?.protocol !== 'http:') return false;
  return names.has(url.hostname.toLowerCase()) && Number(url.port || 80) === port;
}

export function same(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
