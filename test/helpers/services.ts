import { memorySettings, type SettingsStore } from '../../main/common/settings.ts';
import { fixedClock } from '../../main/core/clock.ts';
import { type Core, openCore } from '../../main/core/core.ts';
import type { ServiceDeps } from '../../main/core/service-deps.ts';
import { onCleanup } from './cleanup.ts';
import { REPO } from './paths.ts';

export interface TestServiceOptions {
  today?: string;
  /** Real fetch by default: tests talk to servers they start on 127.0.0.1. */
  fetch?: typeof globalThis.fetch;
  delivery?: ServiceDeps['delivery'];
  watchMs?: number;
  folderDebounceMs?: number;
  settings?: SettingsStore;
  relocation?: ServiceDeps['relocation'];
}

/**
 * The real core on a temporary archive, with a fixed clock, its parts in reach;
 * closed when the test file ends.
 */
export async function openServices(
  archiveDir: string,
  options: TestServiceOptions = {},
): Promise<Core> {
  const services = await openCore({
    archiveDir,
    settings: options.settings ?? memorySettings(),
    clock: fixedClock(options.today ?? '2026-11-28T09:00:00Z'),
    fetch: options.fetch ?? globalThis.fetch,
    resourcesDir: `${REPO}resources`,
    version: 'test',
    ...(options.delivery && { delivery: options.delivery }),
    ...(options.watchMs && { watchMs: options.watchMs }),
    ...(options.folderDebounceMs && { folderDebounceMs: options.folderDebounceMs }),
    ...(options.relocation && { relocation: options.relocation }),
  });
  onCleanup(() => services.close());
  return services;
}
