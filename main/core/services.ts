/**
 * The core's one door for the shells: the contract (in-process as an Api, and
 * as an Endpoint for a transport), the files served by id, and the lifecycle.
 * Nothing else of the core is reachable from a shell; what a shell needs is a
 * contract method (local-only ones for what names this machine's disk).
 */
import type { Api } from '../common/api.ts';
import type { Endpoint } from '../common/dispatch.ts';
import { openCore } from './core.ts';
import type { FileAnswers } from './file-answers/file-answers.ts';
import type { ServiceDeps } from './service-deps.ts';

export type { FileAnswer, FileAnswers } from './file-answers/file-answers.ts';
export type { ServiceDeps } from './service-deps.ts';

export interface Services {
  /** The contract in-process (the CLI, the desktop's main process): local-only methods too. */
  api: Api;
  /** The contract as a transport serves it (IPC, HTTP): local-only methods refused. */
  endpoint: Endpoint;
  /** Archive files and clip exports, by id. */
  files: FileAnswers;
  /** First-run work (the sample edition) and watching for other processes' editions. */
  start(): Promise<void>;
  /** From now on, reads pages without usable text with OCR in the background. */
  startOcr(onError: (error: unknown) => void): void;
  /** Delivers on schedule until close(); `wake()` runs it at once (after sleep). */
  startSchedule(onError: (error: unknown) => void): { wake(): void };
  /** Aborts and awaits every operation in flight, then closes the archive. */
  close(): Promise<void>;
}

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const core = await openCore(deps);
  return {
    api: core.api,
    endpoint: core.endpoint,
    files: core.files,
    start: () => core.start(),
    startOcr: (onError) => core.startOcr(onError),
    startSchedule: (onError) => core.startSchedule(onError),
    close: () => core.close(),
  };
}
