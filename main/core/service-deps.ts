/** What a shell gives the core: everything that differs between shells. */
import type { SettingsStore } from '../common/settings.ts';
import type { Clock } from './clock.ts';
import type { DeliveryOptions } from './download/delivery.ts';

export interface ServiceDeps {
  archiveDir: string;
  settings: SettingsStore;
  clock: Clock;
  /** Electron's net.fetch on the desktop, Node's fetch headless; used by delivery. */
  fetch: typeof globalThis.fetch;
  /** The app's bundled resources (the sample edition, presets). */
  resourcesDir: string;
  version: string;
  /** Tuning for delivery (tests shorten timeouts and skip real waits). */
  delivery?: Pick<DeliveryOptions, 'sleep' | 'retry' | 'limits' | 'timeouts' | 'maxFileBytes'>;
  /** OCR languages (tesseract codes, data from @tesseract.js-data/<code>); English by default. */
  ocrLanguages?: string[];
  /**
   * The desktop's way to another archive folder (`archive.relocate`): the OS's folder
   * dialog, and a restart of the app once the folder is saved in the settings. A shell
   * without one (serve, the CLI) keeps the archive it was started with.
   */
  relocation?: {
    choose(current: string): Promise<string | undefined>;
    restart(): void;
  };
  /** How often, once started, to look for editions another process added or removed (ms). */
  watchMs?: number;
  /** How long a watched folder must be quiet before a look (tests shorten it). */
  folderDebounceMs?: number;
}
