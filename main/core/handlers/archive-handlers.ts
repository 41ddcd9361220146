/** archive.*: what the archive holds, and rebuilding its catalog from the files. */
import type { AreaHandlers, HandlerContext } from './context.ts';

export function archiveHandlers({
  deps,
  archive,
  indexer,
  clips,
  searches,
  hub,
  track,
}: HandlerContext): AreaHandlers<'archive.info' | 'archive.reindex'> {
  return {
    'archive.info': async () => ({
      ...archive.catalog.counts(),
      indexing: indexer.store.unindexed().length,
      root: archive.root,
      version: deps.version,
    }),
    'archive.reindex': (args, { signal }) =>
      track(signal, async (combined) => {
        // A damaged catalog is set aside first: a rebuild must not read from it.
        const repaired = await archive.repairCatalog();
        // The search thread's connection is to the file set aside: it starts again.
        if (repaired) await searches.close();
        const outcome = await archive.reindex({
          verify: args.verify,
          signal: combined,
          onProgress: (done, total) => hub.emit('reindex.progress', { done, total }),
        });
        // The clips' files are their truth too.
        await clips.syncFromFiles();
        // Rebuilt means searchable: the text of editions the rebuild found is read now.
        await indexer.catchUp();
        return { ...outcome, ...(repaired && { repaired }) };
      }),
  };
}
