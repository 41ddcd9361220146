/** clips.*: finding where a clipped story was printed, and the clips library. */
import { Buffer } from 'node:buffer';
import { createClip } from '../clips/create-clip.ts';
import { EXPORT_TYPES, exportClip } from '../clips/export-clip.ts';
import { linkClipping } from '../clips/link-clipping.ts';
import { readClipping } from '../clips/read-clipping.ts';
import type { AreaHandlers, HandlerContext } from './context.ts';

export function clipHandlers({
  deps,
  archive,
  indexer,
  clips,
  hub,
}: HandlerContext): AreaHandlers<
  | 'clips.link'
  | 'clips.create'
  | 'clips.list'
  | 'clips.get'
  | 'clips.export'
  | 'clips.update'
  | 'clips.remove'
> {
  return {
    'clips.link': async ({ content, data, name, ...range }, { signal }) => {
      const clipping = await readClipping(
        {
          content: content ?? new Uint8Array(Buffer.from(data!, 'base64')),
          ...(name !== undefined && { name }),
        },
        { fetch: deps.fetch, signal },
      );
      // Editions still being indexed are part of the archive the reader expects searched.
      await indexer.catchUp();
      return linkClipping(indexer.store, clipping, range);
    },
    'clips.create': async (input, { signal }) => {
      // A clip keeps the page's text: a page just delivered is read first.
      await indexer.ensureIndexed(input.edition, signal);
      const clip = await createClip(
        { archive, text: indexer.store, clips, clock: deps.clock },
        input,
      );
      hub.emit('clips.changed', { id: clip.id });
      return clip;
    },
    'clips.list': async (filter) => clips.list(filter),
    'clips.get': async ({ id }) => clips.get(id),
    'clips.export': async ({ id, format }) => {
      const clip = clips.get(id);
      const bytes = await exportClip(clip, format, { archive, clips });
      return {
        name: `${clip.id}.${format}`,
        type: EXPORT_TYPES[format],
        data: Buffer.from(bytes).toString('base64'),
      };
    },
    'clips.update': async (changes) => {
      const clip = await clips.update(changes);
      hub.emit('clips.changed', { id: clip.id });
      return clip;
    },
    'clips.remove': async ({ id }) => {
      await clips.remove(id);
      hub.emit('clips.changed', { id });
      return { removed: true as const };
    },
  };
}
