/**
 * The headless shell's HTTP server: the built renderer, the contract as JSON RPC
 * (`POST /api/<method>`), events as Server-Sent Events (`GET /api/events`) and
 * archive files with Range support (`/files/<edition-id>/<file>`). It binds
 * 127.0.0.1 unless told otherwise; who may use it, on loopback and beyond, is
 * said in server-access.ts.
 */

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES, isMethodName, mutates } from '../common/api.ts';
import { routeForDeepLink } from '../common/deep-link.ts';
import type { Services } from '../core/services.ts';
import { STATUS_OF } from './http-status.ts';
import { answerOpds, OPDS_PREFIX } from './opds.ts';
import {
  hasToken,
  hostNames,
  isLoopback,
  requestHost,
  type ServerAccess,
  same,
  sameOrigin,
  shownHost,
  TOKEN_COOKIE,
} from './server-access.ts';
import { plain, serveStatic } from './static-files.ts';

export interface ServerOptions {
  /** What the server serves of the core: the contract's endpoint and the files. */
  services: Pick<Services, 'endpoint' | 'files'>;
  host?: string;
  port?: number;
  /** The built renderer (out/renderer); without it only the API and files are served. */
  rendererDir?: string;
  /** The lock (server-access.ts): a token is required on any bind but loopback. */
  access?: ServerAccess;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
/** A saved web page sent to clips.link can be several megabytes. */
const MAX_BODY = 10 * 1024 * 1024;

const isOpds = (pathname: string) =>
  pathname === OPDS_PREFIX || pathname.startsWith(`${OPDS_PREFIX}/`);
/** How long the rest of a body too large is read (and dropped) after the 413 answer. */
const DRAIN_MS = 5000;
const HEARTBEAT_MS = 25_000;
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.access?.token;
  if (!isLoopback(host) && !token)
    throw new Error(`A server on ${host}, beyond loopback, needs a token.`);
  const names = hostNames(host);
  let port = 0;
  const streams = new Set<ServerResponse>();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) plain(res, 500, (error as Error).message);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    if (!names.has(requestHost(req)))
      return plain(res, 421, 'This server answers only to its own names and addresses.');
    const url = new URL(req.url ?? '/', 'http://local');
    const { pathname } = url;
    if (token) {
      // The first visit, by the URL serve printed: the token becomes a cookie, and
      // the address is shown again without it.
      const given = url.searchParams.get('token');
      if (given !== null && (req.method === 'GET' || req.method === 'HEAD') && same(given, token)) {
        url.searchParams.delete('token');
        res.writeHead(303, {
          'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          location: `${url.pathname}${url.search}`,
          'cache-control': 'no-store',
        });
        return res.end();
      }
      if (!hasToken(req, token)) {
        // An OPDS reader is asked for the token as a password.
        if (isOpds(pathname))
          res.setHeader('www-authenticate', 'Basic realm="Paperboy", charset="UTF-8"');
        return plain(
          res,
          401,
          isOpds(pathname)
            ? 'This Paperboy is locked: give its token as the password (any user name).'
            : 'This Paperboy is locked: open the address paperboy serve printed, with its ?token=…',
        );
      }
    }
    if (pathname === `${API_PREFIX}events` && req.method === 'GET') return openEvents(req, res);
    if (pathname.startsWith(API_PREFIX)) return rpc(req, res, pathname.slice(API_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(res, 405, 'Method not allowed.');
    if (options.services.files.serves(pathname)) {
      const answer = await options.services.files.answer(pathname, {
        method: req.method,
        range: req.headers.range,
        ifRange: req.headers['if-range'] as string | undefined,
      });
      res.writeHead(answer.status, answer.headers);
      if (answer.message) return res.end(`${answer.message}\n`);
      if (!answer.body) return res.end();
      answer.body.on('error', () => res.destroy());
      res.on('close', () => answer.body?.destroy());
      return answer.body.pipe(res);
    }
    if (isOpds(pathname)) {
      const controller = new AbortController();
      res.on('close', () => controller.abort());
      const answer = await answerOpds(
        options.services.endpoint,
        url,
        new Date(),
        controller.signal,
      );
      res.writeHead(answer.status, {
        'content-type': answer.type,
        'cache-control': 'no-cache',
      });
      return res.end(req.method === 'HEAD' ? undefined : answer.body);
    }
    if (pathname.startsWith('/edition/')) {
      // A deep link (see common/deep-link.ts): the reader at that page and region.
      const route = routeForDeepLink(`http://local${req.url}`);
      if (!route) return plain(res, 404, 'Not a link to an edition page.');
      res.writeHead(302, { location: `/${route}` });
      return res.end();
    }
    if (!options.rendererDir)
      return plain(res, 404, 'The reader is not built here: run npm run build.');
    return serveStatic(options.rendererDir, pathname, res, req.method === 'HEAD');
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return plain(res, 405, 'Contract methods are called with POST.');
    if (!sameOrigin(req, names, port))
      return plain(res, 403, 'Contract calls from a page of another site are refused.');
    // A JSON content type cannot be sent cross-site without a CORS preflight, which we never grant.
    // Media types are not case-sensitive (RFC 9110 §8.3.1).
    const media = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (media !== 'application/json') {
      return plain(res, 415, 'Send arguments as application/json.');
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)) || '{}');
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        // Answered, not reset: the rest of the body is not read, and the connection closes.
        res.setHeader('connection', 'close');
        // The rest is read and dropped so the client gets the answer (a reset could lose
        // it), for a few seconds at most.
        res.on('finish', () => setTimeout(() => req.destroy(), DRAIN_MS).unref());
        return sendEnvelope(res, 413, {
          ok: false,
          error: { code: 'invalid', message: error.message },
        });
      }
      return sendEnvelope(res, 400, {
        ok: false,
        error: { code: 'invalid', message: `Bad request body: ${(error as Error).message}` },
      });
    }
    if (options.access?.readOnly && isMethodName(method) && mutates(method)) {
      return sendEnvelope(res, STATUS_OF.forbidden, {
        ok: false,
        error: { code: 'forbidden', message: `This Paperboy is read-only: ${method} is refused.` },
      });
    }
    const controller = new AbortController();
    // The client went away before the answer: cancel the work it asked for.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const envelope = await options.services.endpoint.call(method, body, controller.signal);
    if (res.destroyed) return;
    sendEnvelope(res, envelope.ok ? 200 : STATUS_OF[envelope.error.code], envelope);
  }

  function openEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('event: ready\ndata: {}\n\n');
    const off = options.services.endpoint.subscribe((event, payload) => {
      if (EVENT_NAMES.includes(event))
        res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    streams.add(res);
    req.on('close', () => {
      clearInterval(heartbeat);
      off();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  port = address.port;
  const listening = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost(host, listening)}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendEnvelope(res: ServerResponse, status: number, envelope: unknown) {
  const text = JSON.stringify(envelope);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

class BodyTooLarge extends Error {
  constructor() {
    super(`The request body is larger than ${MAX_BODY / 1024 / 1024} MB.`);
  }
}
