/** settings.* and reader.*: the reader's choices, and where they left each edition. */
import { rememberPosition } from '../../common/settings.ts';
import { checkLanguage, installedLanguages } from '../text/ocr-readers.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function settingsHandlers({
  deps,
  hub,
  delivery,
  ocr,
}: HandlerContext): AreaHandlers<
  'settings.get' | 'settings.set' | 'settings.languages' | 'reader.position' | 'reader.remember'
> {
  const { settings, clock } = deps;
  const publicSettings = () => ({
    theme: settings.get('theme'),
    runInBackground: settings.get('runInBackground'),
    openAtLogin: settings.get('openAtLogin'),
    reader: settings.get('reader'),
    ocrLanguages: settings.get('ocrLanguages'),
    downloads: settings.get('downloads'),
  });
  return {
    'settings.get': async () => publicSettings(),
    'settings.set': async (patch) => {
      if (patch.theme !== undefined) settings.set('theme', patch.theme);
      if (patch.runInBackground !== undefined)
        settings.set('runInBackground', patch.runInBackground);
      if (patch.openAtLogin !== undefined) settings.set('openAtLogin', patch.openAtLogin);
      if (patch.reader !== undefined) settings.set('reader', patch.reader);
      if (patch.ocrLanguages !== undefined) {
        // Each one's data must be here: refused in one line before anything changes.
        for (const code of patch.ocrLanguages) checkLanguage(code);
        settings.set('ocrLanguages', patch.ocrLanguages);
        if (!deps.ocrLanguages) ocr.setLanguages(patch.ocrLanguages);
      }
      if (patch.downloads !== undefined) {
        settings.set('downloads', patch.downloads);
        delivery.setDownloads(patch.downloads);
      }
      const now = publicSettings();
      hub.emit('settings.changed', now);
      return now;
    },
    'settings.languages': async () => ({
      installed: installedLanguages(),
      ...(deps.ocrLanguages && { fixed: deps.ocrLanguages }),
    }),
    'reader.position': async ({ edition }) => {
      const saved = settings.get('positions')[edition];
      if (!saved) return null;
      const { at: _at, ...position } = saved;
      return position;
    },
    'reader.remember': async ({ edition, position }) => {
      settings.set(
        'positions',
        rememberPosition(settings.get('positions'), edition, {
          ...position,
          at: clock.now().toISOString(),
        }),
      );
      hub.emit('reader.remembered', { edition, position });
      return { saved: true as const };
    },
  };
}
