/**
 * The CLI suite's two ways in: the command opening the archive itself
 * (--archive), and the same command driving a running `paperboy serve` on that
 * archive (--server). A test written once runs over both.
 */
import { startServe } from './browser.ts';
import { type CliResult, runCli } from './cli.ts';

export interface CliTransport {
  name: 'in-process' | 'server';
  /** Runs `paperboy ARGS` on this archive, by this transport. */
  run(
    archive: string,
    args: string[],
    env: Record<string, string>,
    stdin?: string | Uint8Array,
  ): Promise<CliResult>;
}

const servers = new Map<string, Promise<string>>();

export const CLI_TRANSPORTS: CliTransport[] = [
  {
    name: 'in-process',
    run: (archive, args, env, stdin) => runCli([...args, '--archive', archive], env, stdin),
  },
  {
    name: 'server',
    async run(archive, args, env, stdin) {
      // One serve per archive, kept for the file's tests; scheduled delivery is off,
      // so only what a test asks for is fetched.
      let url = servers.get(archive);
      if (!url) {
        url = startServe(archive, env, ['--no-schedule']).then((s) => s.url);
        servers.set(archive, url);
      }
      return runCli([...args, '--server', await url], env, stdin);
    },
  },
];
