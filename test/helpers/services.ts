import { memorySettings } from '../../main/common/settings.ts';
import { fixedClock } from '../../main/core/clock.ts';
import { createServices, type Services } from '../../main/core/services.ts';
import { onCleanup } from './cleanup.ts';
import { REPO } from './paths.ts';

/** The real core on a temporary archive, with a fixed clock; closed when the test file ends. */
export async function openServices(
  archiveDir: string,
  today = '2026-11-28T09:00:00Z',
): Promise<Services> {
  const services = await createServices({
    archiveDir,
    settings: memorySettings(),
    clock: fixedClock(today),
    fetch: () => Promise.reject(new Error('no network in tests')),
    resourcesDir: `${REPO}resources`,
    version: 'test',
  });
  onCleanup(() => services.close());
  return services;
}
