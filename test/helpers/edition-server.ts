/**
 * A real HTTP server on 127.0.0.1 for delivery tests: it serves bodies at paths
 * and misbehaves on purpose, per request, the way real e-paper servers do.
 * Each route lists what to do on its 1st, 2nd, … request; after the list it
 * answers normally (with Range and If-Range support unless told otherwise).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { onCleanup } from './cleanup.ts';

export type Fault =
  | 'ok'
  | '500'
  | 'reset'
  | 'short'
  | 'stall'
  /** Never answers (the connection is left open, with no headers). */
  | 'silent'
  /** Answers 200 and streams bytes without end (no Content-Length), until the client hangs up. */
  | 'endless'
  | { status: number; retryAfter?: string }
  | { redirect: string };

export interface Route {
  body?: Buffer;
  contentType?: string;
  /** The ETag on each request, by attempt (the last one repeats). */
  etags?: string[];
  ignoreRange?: boolean;
  faults?: Fault[];
  /**
   * For 'reset': what to wait for between sending the first half and resetting
   * the connection (that the client has the half on disk), so a test does not
   * depend on how fast the client reads.
   */
  beforeReset?: () => Promise<void>;
}

export interface SeenRequest {
  method: string;
  path: string;
  query?: string;
  range?: string;
  ifRange?: string;
}

export interface EditionServer {
  url: string;
  routes: Map<string, Route>;
  seen: SeenRequest[];
  /** Resolves when a stalled answer has sent its first 64 KB. */
  stalled: () => Promise<string>;
}

const STALL_AFTER = 64 * 1024;
const ENDLESS_CAP = 256 * 1024 * 1024;

export async function startEditionServer(): Promise<EditionServer> {
  const routes = new Map<string, Route>();
  const attempts = new Map<string, number>();
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let stallWaiters: ((path: string) => void)[] = [];

  const server = http.createServer((req, res) => {
    const address = new URL(req.url ?? '/', 'http://x');
    const path = address.pathname;
    seen.push({
      method: req.method ?? 'GET',
      path,
      ...(address.search && { query: address.search }),
      ...(req.headers.range && { range: req.headers.range }),
      ...(req.headers['if-range'] && { ifRange: String(req.headers['if-range']) }),
    });
    // A route may be set for a path with its query (`/a/?sp=2`), or for the path alone.
    const key = routes.has(path + address.search) ? path + address.search : path;
    const route = routes.get(key);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    const fault = route.faults?.[attempt] ?? 'ok';
    const body = route.body ?? Buffer.alloc(0);
    const etag = route.etags?.[Math.min(attempt, route.etags.length - 1)];
    const headers: Record<string, string> = {
      'content-type': route.contentType ?? 'application/pdf',
    };
    if (etag) headers.etag = etag;

    if (fault === '500') return void res.writeHead(500).end('oops');
    if (fault === 'silent') return;
    if (fault === 'endless') {
      // Bounded all the same: at most ENDLESS_CAP, should a client never stop reading.
      res.writeHead(200, { 'content-type': route.contentType ?? 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < ENDLESS_CAP && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => {
        sent = ENDLESS_CAP;
      });
      return pump();
    }
    if (typeof fault === 'object' && 'status' in fault) {
      return void res
        .writeHead(fault.status, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {})
        .end();
    }
    if (typeof fault === 'object' && 'redirect' in fault) {
      return void res.writeHead(302, { location: fault.redirect }).end();
    }

    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (range && !route.ignoreRange && (!ifRange || ifRange === etag)) start = Number(range[1]);
    const slice = body.subarray(start);
    if (start > 0) {
      res.writeHead(206, {
        ...headers,
        'content-length': String(slice.length),
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      });
    } else {
      res.writeHead(200, {
        ...headers,
        'content-length': String(body.length),
        'accept-ranges': route.ignoreRange ? 'none' : 'bytes',
      });
    }
    if (req.method === 'HEAD') return void res.end();
    if (fault === 'ok') return void res.end(slice);
    if (fault === 'reset') {
      res.write(slice.subarray(0, Math.floor(slice.length / 2)), () => {
        void (route.beforeReset?.() ?? Promise.resolve()).finally(() => res.socket?.destroy());
      });
      return;
    }
    if (fault === 'short') {
      res.write(slice.subarray(0, Math.floor(slice.length * 0.6)), () => res.socket?.end());
      return;
    }
    // stall: send 64 KB, then nothing, with the connection left open.
    res.write(slice.subarray(0, STALL_AFTER), () => {
      for (const wake of stallWaiters) wake(path);
      stallWaiters = [];
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    seen,
    stalled: () => new Promise((resolve) => stallWaiters.push(resolve)),
  };
}
