/** sources.* and delivery.fetch: what Paperboy delivers from, and delivering now. */

import { dateInZone } from '../dates.ts';
import { planRetention } from '../download/retention.ts';
import { nextScheduledAt } from '../download/scheduler.ts';
import { loadPresets } from '../sources/presets.ts';
import { previewSource } from '../sources/test-source.ts';
import { checkLanguage } from '../text/ocr-readers.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function sourceHandlers({
  deps,
  archive,
  sources,
  delivery,
  clips,
  track,
  sourcesChanged,
}: HandlerContext): AreaHandlers<
  | 'sources.list'
  | 'sources.presets'
  | 'sources.add'
  | 'sources.remove'
  | 'sources.test'
  | 'delivery.fetch'
> {
  return {
    'sources.list': async () => {
      const defined = await sources.list();
      const usage = archive.catalog.sourceUsage();
      const known = archive.catalog
        .listSources()
        .filter((s) => !defined.some((d) => d.id === s.id));
      const space = (id: string) => ({
        bytes: usage.get(id)?.bytes ?? 0,
        editions: usage.get(id)?.editions ?? 0,
      });
      const now = deps.clock.now().getTime();
      const followed = await Promise.all(
        defined.map(async (definition) => ({
          id: definition.id,
          name: definition.name,
          kind: definition.kind,
          definition,
          ...space(definition.id),
          held: planRetention(
            archive,
            definition,
            dateInZone(deps.clock.now(), definition.timezone),
            (id) => clips.keeps(id),
          ).held,
          health: {
            ...(await delivery.health.get(definition.id)),
            nextRun: new Date(nextScheduledAt(definition, now)).toISOString(),
          },
        })),
      );
      return [...followed, ...known.map((source) => ({ ...source, ...space(source.id) }))];
    },
    'sources.presets': async () => loadPresets(deps.resourcesDir),
    'sources.add': async ({ definition }) => {
      // Its OCR languages must be readable here: said now, in one line, not on every page later.
      for (const code of definition.ocrLanguages ?? []) checkLanguage(code);
      const added = await sources.put(definition);
      // A new source may have editions due now, and a folder to watch.
      await sourcesChanged();
      return added;
    },
    'sources.remove': async ({ id }) => {
      await sources.remove(id);
      await sourcesChanged();
      return { removed: true };
    },
    'sources.test': async (args, { signal }) => {
      const { date } = args;
      const definition = args.definition ?? (await sources.get(args.id!));
      return previewSource(
        definition,
        date ?? dateInZone(deps.clock.now(), definition.timezone),
        deps.fetch,
        signal,
      );
    },
    'delivery.fetch': (args, { signal }) =>
      track(signal, (combined) => delivery.fetch(args, combined)),
  };
}
