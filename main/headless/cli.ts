/**
 * `paperboy`, the headless shell: the archive from the command line, and `serve`
 * for any browser. Exit codes: 0 ok, 1 failure, 2 bad usage or bad input, each
 * failure with one line on stderr (and `{"error": …}` on stdout with --json).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Api } from '../common/api.ts';
import { toErrorData } from '../common/errors.ts';
import { createHttpApi } from '../common/http-api.ts';
import { systemClock } from '../core/clock.ts';
import { archiveDir } from '../core/paths.ts';
import { createServices, type Services } from '../core/services.ts';
import { helpText, type ParsedCommand, parseCommandLine, UsageError } from './cli-args.ts';
import { archiveCommands } from './commands/archive-commands.ts';
import { clipCommands } from './commands/clip-commands.ts';
import { deliveryCommands } from './commands/delivery-commands.ts';
import type { CliIo, Runners } from './commands/runner.ts';
import { serveCommand } from './commands/serve-command.ts';
import { textCommands } from './commands/text-commands.ts';
import { REPO_ROOT, RESOURCES_DIR } from './repo-paths.ts';
import { openSettings } from './settings-store.ts';

export type { CliIo } from './commands/runner.ts';

export function version(): string {
  return (JSON.parse(readFileSync(`${REPO_ROOT}package.json`, 'utf8')) as { version: string })
    .version;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed: ParsedCommand;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    const message = `${(error as Error).message} (see paperboy --help)`;
    // The arguments could not be read, but a script that asked for JSON still gets it.
    if (argv.includes('--json'))
      io.stdout(`${JSON.stringify({ error: { code: 'invalid', message } })}\n`);
    io.stderr(`paperboy: ${printable(message)}\n`);
    return 2;
  }
  if (parsed.command === 'help') {
    io.stdout(helpText(parsed.positionals[0]));
    return 0;
  }
  if (parsed.command === 'version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const json = parsed.values.json === true;
  let services: Services | undefined;
  let api: Api | undefined;
  try {
    const settings = openSettings();
    const server = parsed.values.server as string | undefined;
    if (server !== undefined) {
      api = remoteApi(parsed, server);
      return await COMMAND_RUNNERS[parsed.command](parsed, { api, io, json, settings });
    }
    services = await createServices({
      archiveDir: archiveDir(
        parsed.values.archive as string | undefined,
        settings.get('archiveDir'),
      ),
      settings,
      clock: systemClock(),
      fetch: globalThis.fetch,
      resourcesDir: RESOURCES_DIR,
      ...(typeof parsed.values.lang === 'string' && {
        ocrLanguages: parsed.values.lang.split('+'),
      }),
      version: version(),
    });
    return await COMMAND_RUNNERS[parsed.command](parsed, {
      api: services.api,
      io,
      json,
      settings,
      services,
    });
  } catch (error) {
    const data = toErrorData(error);
    if (json) io.stdout(`${JSON.stringify({ error: data })}\n`);
    io.stderr(`paperboy: ${printable(data.message)}\n`);
    return error instanceof UsageError || data.code === 'invalid' || data.code === 'not-found'
      ? 2
      : 1;
  } finally {
    api?.close();
    await services?.close();
  }
}

/** The contract of a running `paperboy serve`, for --server URL [--token T]. */
function remoteApi(parsed: ParsedCommand, server: string): Api {
  if (parsed.command === 'serve') throw new UsageError('serve: not with --server');
  if (parsed.values.archive !== undefined)
    throw new UsageError(
      '--archive and --server: the server has its archive; give one or the other',
    );
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new UsageError(`--server ${server}: not a URL (like http://127.0.0.1:4817/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--server ${server}: must be an http:// or https:// address`);
  // The address serve printed may carry its token; --token or PAPERBOY_TOKEN may too.
  const token =
    (parsed.values.token as string | undefined) ??
    url.searchParams.get('token') ??
    process.env.PAPERBOY_TOKEN;
  url.search = '';
  // The contract's paths are relative to the address: it names a folder.
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return createHttpApi(url, token ? { token } : {});
}

/**
 * An error line as the terminal should show it: the input it quotes may hold
 * control characters (escape sequences that would recolour, move or retitle
 * the terminal); they are shown as \xNN instead.
 */
export function printable(line: string): string {
  return line.replace(
    /[\p{Cc}\u2028\u2029]/gu,
    (c) => `\\x${c.codePointAt(0)!.toString(16).padStart(2, '0')}`,
  );
}

const COMMAND_RUNNERS: Runners<Exclude<ParsedCommand['command'], 'help' | 'version'>> = {
  ...archiveCommands,
  ...deliveryCommands,
  ...textCommands,
  ...clipCommands,
  ...serveCommand,
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}

export async function main(): Promise<void> {
  // Output piped into `head` and closed early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const controller = new AbortController();
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      controller.abort();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stopped,
    signal: controller.signal,
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  });
  process.exitCode = code;
  if (code !== 0 || process.argv[2] === 'serve') process.exit(code);
}
