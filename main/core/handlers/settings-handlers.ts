/** settings.* and reader.*: the reader's choices, and where they left each edition. */
import { rememberPosition } from '../../common/settings.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function settingsHandlers({
  deps,
  hub,
}: HandlerContext): AreaHandlers<
  'settings.get' | 'settings.set' | 'reader.position' | 'reader.remember'
> {
  const { settings, clock } = deps;
  const publicSettings = () => ({
    theme: settings.get('theme'),
    runInBackground: settings.get('runInBackground'),
    openAtLogin: settings.get('openAtLogin'),
    reader: settings.get('reader'),
  });
  return {
    'settings.get': async () => publicSettings(),
    'settings.set': async (patch) => {
      if (patch.theme !== undefined) settings.set('theme', patch.theme);
      if (patch.runInBackground !== undefined)
        settings.set('runInBackground', patch.runInBackground);
      if (patch.openAtLogin !== undefined) settings.set('openAtLogin', patch.openAtLogin);
      if (patch.reader !== undefined) settings.set('reader', patch.reader);
      const now = publicSettings();
      hub.emit('settings.changed', now);
      return now;
    },
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
      return { saved: true as const };
    },
  };
}
