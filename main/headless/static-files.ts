/**
 * Serves the built renderer. Request paths are normalised and must stay inside
 * the renderer folder; HTML answers carry the content security policy.
 */
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../common/csp.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export async function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  head: boolean,
) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return plain(res, 400, 'Bad path.');
  }
  if (decoded.includes('\0') || decoded.split('/').includes('..'))
    return plain(res, 400, 'Bad path.');
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return plain(res, 400, 'Bad path.');
  const stat = await fs.promises.stat(file).catch(() => undefined);
  if (!stat?.isFile()) return plain(res, 404, 'Not found.');
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': type,
    'content-length': String(stat.size),
    // Built assets carry a content hash in their names; the page itself must revalidate.
    'cache-control': relative.startsWith('assets/')
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  };
  if (type.startsWith('text/html')) headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
  res.writeHead(200, headers);
  if (head) return res.end();
  fs.createReadStream(file).pipe(res);
}

export function plain(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}
