/** editions.*: the archive's editions, listed, read, imported, corrected and removed. */
import { ApiError } from '../../common/errors.ts';
import type { ImportRequest } from '../archive/import-edition.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function editionHandlers({
  archive,
  indexer,
  clips,
  hub,
  deps,
  track,
}: HandlerContext): AreaHandlers<
  | 'editions.list'
  | 'editions.get'
  | 'editions.import'
  | 'editions.importUploads'
  | 'editions.remove'
  | 'editions.edit'
  | 'uploads.begin'
  | 'uploads.append'
  | 'uploads.cancel'
> {
  const importAndIndex = (args: ImportRequest, signal: AbortSignal) =>
    track(signal, async (combined) => {
      const outcome = await archive.import(args, combined);
      // Searchable as soon as the import answers.
      await indexer.ensureIndexed(outcome.edition.id, combined);
      return outcome;
    });
  return {
    'editions.list': async (args) => archive.list(args),
    'editions.get': async ({ id }) => archive.get(id),
    'editions.import': (args, { signal }) => importAndIndex(args, signal),
    'uploads.begin': async ({ name, bytes }) => ({
      upload: await archive.uploads.begin(name, bytes),
    }),
    'uploads.append': async ({ upload, offset, data }) => ({
      received: await archive.uploads.append(upload, offset, Buffer.from(data, 'base64')),
    }),
    'uploads.cancel': async ({ upload }) => {
      await archive.uploads.drop(upload);
      return { cancelled: true };
    },
    'editions.importUploads': async ({ uploads, named, folder, ...given }, { signal }) => {
      const files = archive.uploads.files(uploads);
      const dropAll = () => Promise.all(uploads.map((id) => archive.uploads.drop(id)));
      try {
        const outcome = await importAndIndex(
          { ...given, path: files, named: { path: named, folder: folder ?? files.length > 1 } },
          signal,
        );
        await dropAll();
        return outcome;
      } catch (error) {
        // Refused as a conflict, the files stay, to be imported again with replace.
        if (!(error instanceof ApiError && error.code === 'conflict')) await dropAll();
        throw error;
      }
    },
    'editions.remove': async ({ id, clipped }) => {
      archive.get(id);
      const made = clips.list({ edition: id, limit: 1 }).total;
      if (made > 0 && clipped !== true)
        throw new ApiError(
          'conflict',
          `${id} has ${made === 1 ? 'a clip' : 'clips'} made on it; the clips stay, but their page would go. Remove it knowing that (--clipped) or keep it.`,
        );
      await archive.remove(id);
      return { removed: true };
    },
    'editions.edit': async ({ id, ...changes }) => {
      const { edition } = await archive.edit(id, changes);
      if (edition.id === id) return { edition, previous: id, clips: 0 };
      const moved = await clips.moveEdition(id, edition);
      for (const clip of moved) hub.emit('clips.changed', { id: clip });
      // Where the reader left it is where they left it still.
      const positions = deps.settings.get('positions');
      const position = positions[id];
      if (position) {
        const { [id]: _gone, ...rest } = positions;
        deps.settings.set('positions', { ...rest, [edition.id]: position });
      }
      return { edition, previous: id, clips: moved.length };
    },
  };
}
