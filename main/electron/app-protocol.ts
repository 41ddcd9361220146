/**
 * The paperboy:// scheme. The renderer is loaded from paperboy://app/ (not
 * file://, per Electron's security guide), and archive files are served from the
 * same origin at paperboy://app/files/<edition-id>/<file> with Range support,
 * so pdf.js loads pages by URL exactly as it does over HTTP.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../common/csp.ts';
import type { FileAnswers } from '../core/services.ts';

export const SCHEME = 'paperboy';
export const APP_ORIGIN = `${SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        corsEnabled: true,
      },
    },
  ]);
}

export function handleAppProtocol(rendererDir: string, files: FileAnswers): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    if (files.serves(url.pathname)) {
      const answer = await files.answer(url.pathname, {
        method: request.method,
        range: request.headers.get('range'),
        ifRange: request.headers.get('if-range'),
      });
      const body = answer.body ? (Readable.toWeb(answer.body) as ReadableStream) : answer.message;
      return new Response(body ?? null, { status: answer.status, headers: answer.headers });
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname).slice(
      1,
    );
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(path.resolve(rendererDir) + path.sep))
      return new Response('Bad path', { status: 400 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!file.endsWith('.html')) return response;
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
}
