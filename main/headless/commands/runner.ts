/** What every CLI command gets, and what it returns: the exit code. */
import type { Api } from '../../common/api.ts';
import type { SettingsStore } from '../../common/settings.ts';
import type { Services } from '../../core/services.ts';
import type { ParsedCommand } from '../cli-args.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the process is asked to stop (serve waits on it). */
  stopped: Promise<void>;
  /** Aborted when the process is asked to stop, so long work is cancelled cleanly. */
  signal?: AbortSignal;
  /** Standard input, read to its end (for `link -`). */
  stdin?: () => Promise<Uint8Array>;
}

export interface CliContext {
  /** The contract: in-process, or a running `serve` (--server). Commands use nothing else. */
  api: Api;
  io: CliIo;
  json: boolean;
  /** The shell's settings (those the contract does not carry, such as serve's token). */
  settings: SettingsStore;
  /** The core's services, when this process opened the archive itself: `serve` serves them. */
  services?: Services;
}

export type Runner = (parsed: ParsedCommand, cli: CliContext) => Promise<number>;

export type Runners<K extends ParsedCommand['command']> = Record<K, Runner>;
