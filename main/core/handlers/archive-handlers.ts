/** archive.*: what the archive holds, moving to another folder, and rebuilding its catalog from the files. */
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { checkArchiveFolder } from '../archive/archive-folder.ts';
import { defaultArchiveDir } from '../paths.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function archiveHandlers({
  deps,
  archive,
  indexer,
  clips,
  searches,
  hub,
  track,
}: HandlerContext): AreaHandlers<'archive.info' | 'archive.relocate' | 'archive.reindex'> {
  return {
    'archive.info': async () => ({
      ...archive.catalog.counts(),
      indexing: indexer.store.unindexed().length,
      root: archive.root,
      defaultRoot: path.resolve(archive.root) === defaultArchiveDir(),
      relocatable: deps.relocation !== undefined,
      version: deps.version,
    }),
    'archive.relocate': async ({ to }) => {
      const relocation = deps.relocation;
      if (!relocation)
        throw new ApiError(
          'forbidden',
          'The archive folder is chosen in the desktop app, or with --archive where Paperboy is started.',
        );
      const chosen = to === 'default' ? defaultArchiveDir() : await relocation.choose(archive.root);
      if (chosen === undefined) return { outcome: 'cancelled' };
      const found = await checkArchiveFolder(chosen, archive.root);
      if (found === 'current') return { outcome: 'unchanged', folder: archive.root };
      const folder = path.resolve(chosen);
      deps.settings.set('archiveDir', folder);
      // After this answer has gone back to the window that asked.
      setImmediate(() => relocation.restart());
      return { outcome: 'restarting', folder, archive: found };
    },
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
        // Rebuilt means searchable: the text of editions the rebuild found is read now,
        // and the word index is tidied (a running shell does that in the background; the
        // CLI has none): the pages of a catalog from before its parts put in them, the
        // full parts merged.
        await indexer.catchUp();
        await indexer.store.tidyIndex(combined);
        return { ...outcome, ...(repaired && { repaired }) };
      }),
  };
}
