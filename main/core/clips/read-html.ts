/**
 * Reads a saved web page into a clipping away from the caller's thread, within
 * bounds, in this order:
 *   1. nesting: a page whose elements nest deeper than MAX_DEPTH is refused at
 *      once (Readability's walk of 2,500 nested divs took 83 s, then overflowed
 *      its stack), found by a scan of the tags, not by building the document;
 *   2. elements: a page of more than MAX_ELEMENTS is refused by the same scan
 *      (Readability's own maxElemsToParse counts nothing in linkedom's document);
 *   3. time and memory: the worker has TIME_BUDGET_MS and a heap of its own,
 *      and is ended when either runs out.
 * Each refusal is one line that says what to do instead.
 */

import { Worker } from 'node:worker_threads';
import { ApiError, cancelled, type ErrorData } from '../../common/errors.ts';
import { workerFile } from '../worker-file.ts';
import type { Clipping } from './assemble-clipping.ts';

export const MAX_DEPTH = 400;
export const MAX_ELEMENTS = 60_000;
const TIME_BUDGET_MS = 15_000;
const HEAP_MB = 512;

const INSTEAD = 'paste the article’s text instead';

export async function readHtmlClipping(
  html: string,
  url?: string,
  signal?: AbortSignal,
): Promise<Clipping> {
  const { depth, elements } = scanTags(html);
  if (depth > MAX_DEPTH)
    throw new ApiError(
      'invalid',
      `The page nests its elements ${depth} deep (at most ${MAX_DEPTH} are read); ${INSTEAD}.`,
    );
  if (elements > MAX_ELEMENTS)
    throw new ApiError(
      'invalid',
      `The page has more than ${MAX_ELEMENTS.toLocaleString('en')} elements (more than an article has); ${INSTEAD}.`,
    );
  signal?.throwIfAborted();
  const worker = new Worker(workerFile('html-worker', import.meta.url), {
    name: 'html-worker',
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
  });
  let timer: NodeJS.Timeout | undefined;
  let stop: (() => void) | undefined;
  try {
    return await new Promise<Clipping>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiError(
              'invalid',
              `The page could not be read within ${TIME_BUDGET_MS / 1000} s; ${INSTEAD}.`,
            ),
          ),
        TIME_BUDGET_MS,
      );
      stop = () => reject(cancelled());
      signal?.addEventListener('abort', stop, { once: true });
      worker.once(
        'message',
        (reply: { ok: true; clipping: Clipping } | { ok: false; error: ErrorData }) => {
          if (reply.ok) resolve(reply.clipping);
          else reject(new ApiError(reply.error.code, reply.error.message));
        },
      );
      worker.once('error', (error: Error & { code?: string }) => {
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ApiError('invalid', `The page is too large to read; ${INSTEAD}.`)
            : new ApiError('internal', `Reading the page failed: ${error.message}`),
        );
      });
      worker.postMessage({ html, ...(url && { url }) });
    });
  } finally {
    // However it ended, neither the time budget nor the caller's signal outlives it.
    clearTimeout(timer);
    if (stop) signal?.removeEventListener('abort', stop);
    await worker.terminate();
  }
}

/** Elements whose end tag HTML lets a page leave out: they do not nest by omission. */
const OPTIONAL_END = new Set(
  'p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rtc rp html head body'.split(
    ' ',
  ),
);
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);
/** Elements whose content is text, not tags. */
const RAW = new Set(['script', 'style', 'textarea', 'title']);

/**
 * How deep the page's elements nest and how many there are, from its tags alone
 * (a lower bound where tags are odd).
 */
export function scanTags(html: string): { depth: number; elements: number } {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?-->/g;
  const open: string[] = [];
  let deepest = 0;
  let elements = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const name = match[2]?.toLowerCase();
    if (!name) continue;
    if (!match[1]) elements++;
    if (match[1]) {
      const at = open.lastIndexOf(name);
      if (at !== -1) open.length = at;
      continue;
    }
    if (RAW.has(name)) {
      // Its text runs to its end tag: found from here on, never by lowering the page again.
      const close = new RegExp(`</${name}`, 'gi');
      close.lastIndex = tag.lastIndex;
      tag.lastIndex = close.exec(html)?.index ?? html.length;
      continue;
    }
    if (match[3] || VOID.has(name) || OPTIONAL_END.has(name)) continue;
    open.push(name);
    if (open.length > deepest) deepest = open.length;
  }
  return { depth: deepest, elements };
}
