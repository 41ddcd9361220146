/** paperboy serve: the reader, the API and the archive over HTTP, and delivery on schedule. */
import { existsSync } from 'node:fs';
import { ApiError, toErrorData } from '../../common/errors.ts';
import { RENDERER_DIR } from '../repo-paths.ts';
import { startServer } from '../server.ts';
import type { Runners } from './runner.ts';

const DEFAULT_PORT = 4817;
export const serveCommand = {
  async serve({ values }, services, io, json) {
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
    const server = await startServer({
      services,
      host: (values.host as string | undefined) ?? '127.0.0.1',
      port,
      ...(built && { rendererDir: RENDERER_DIR }),
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        throw new ApiError('invalid', `Port ${port} is in use; pick another with --port`);
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        throw new ApiError('invalid', `Cannot listen on ${values.host}: no such address here`);
      }
      throw error;
    });
    const archive = services.archive.root;
    io.stdout(
      json
        ? `${JSON.stringify({ url: server.url, archive })}\n`
        : `Paperboy is serving ${archive} at ${server.url}\n`,
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
