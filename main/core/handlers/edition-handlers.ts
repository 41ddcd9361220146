/** editions.*: the archive's editions, listed, read, imported and removed. */
import type { AreaHandlers, HandlerContext } from './context.ts';

export function editionHandlers({
  archive,
  indexer,
  track,
}: HandlerContext): AreaHandlers<
  'editions.list' | 'editions.get' | 'editions.import' | 'editions.remove'
> {
  return {
    'editions.list': async (args) => archive.list(args),
    'editions.get': async ({ id }) => archive.get(id),
    'editions.import': (args, { signal }) =>
      track(signal, async (combined) => {
        const outcome = await archive.import(args, combined);
        // Searchable as soon as the import answers.
        await indexer.ensureIndexed(outcome.edition.id, combined);
        return outcome;
      }),
    'editions.remove': async ({ id }) => {
      await archive.remove(id);
      return { removed: true };
    },
  };
}
