/** paperboy serve: the reader, the API and the archive over HTTP, and delivery on schedule. */
import { existsSync } from 'node:fs';
import { ApiError, toErrorData } from '../../common/errors.ts';
import { RENDERER_DIR } from '../repo-paths.ts';
import { startServer } from '../server.ts';
import { isLoopback, newToken } from '../server-access.ts';
import type { Runners } from './runner.ts';

const DEFAULT_PORT = 4817;
export const serveCommand = {
  async serve({ values }, { api, io, json, settings, services }) {
    if (!services) throw new ApiError('invalid', 'serve: not with --server');
    const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ApiError(
        'invalid',
        `--port ${values.port}: must be a whole number from 0 to 65535`,
      );
    }
    await services.start();
    const built = existsSync(`${RENDERER_DIR}/index.html`);
    if (!built)
      io.stderr(
        'paperboy: the reader is not built (run npm run build); serving the API and files only\n',
      );
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    // Beyond loopback the server is locked with a token, made once and kept in the settings.
    let token: string | undefined;
    if (!isLoopback(host)) {
      token = settings.get('serveToken');
      if (!token) {
        token = newToken();
        settings.set('serveToken', token);
      }
    }
    const readOnly = values['read-only'] === true;
    const server = await startServer({
      services,
      host,
      port,
      ...(built && { rendererDir: RENDERER_DIR }),
      access: { ...(token && { token }), readOnly },
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new ApiError('invalid', `Port ${port} is in use; pick another with --port`);
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        throw new ApiError('invalid', `Cannot listen on ${values.host}: no such address here`);
      }
      throw error;
    });
    const archive = (await api.call('archive.info', {})).root;
    const url = token ? `${server.url}?token=${token}` : server.url;
    const how = readOnly ? ', read-only' : '';
    io.stdout(
      json
        ? `${JSON.stringify({ url, archive, readOnly, locked: token !== undefined })}\n`
        : `Paperboy is serving ${archive}${how} at ${url}\n`,
    );
    if (token && !json)
      io.stderr(
        'paperboy: this address is reachable from the network; it is locked: open the address above (its token is kept as a cookie)\n',
      );
    if (values['no-ocr'] !== true)
      services.startOcr((error) => io.stderr(`paperboy: OCR: ${toErrorData(error).message}\n`));
    if (values['no-schedule'] !== true) {
      services.startSchedule((error) =>
        io.stderr(`paperboy: scheduled delivery: ${toErrorData(error).message}\n`),
      );
    }
    await io.stopped;
    await server.close();
    return 0;
  },
} satisfies Runners<'serve'>;
