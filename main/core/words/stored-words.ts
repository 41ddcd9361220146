/**
 * A page's words as the catalog stores them (pages_text.words): compact, and
 * quick to read back for hit boxes and snippets.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Word } from './page-words.ts';

/** A box's measure as stored: whole tenths of a point. */
const tenths = (v: number) => Math.round(v * 10);
/** Words are split at white space, so none should hold a line break; one that did is stored with a space there. */
const oneLine = (text: string) => text.replaceAll('\n', ' ');

/**
 * A page's words, compactly (deflated): a zero byte, the word count (u32), the
 * boxes in tenths of a point (i32, four a word), then the texts separated by
 * newlines. Decoding it is several times faster than JSON, which matters when
 * every search result reads its page's words. Pages stored before were deflated
 * JSON `{ t: texts, b: boxes }`; they still decode.
 */
export function encodeWords(words: Word[]): Uint8Array {
  const texts = words.map((w) => oneLine(w.text));
  const head = new Uint8Array(8 + words.length * 16);
  const view = new DataView(head.buffer);
  view.setUint32(4, words.length, true);
  words.forEach((w, i) => {
    const at = 8 + i * 16;
    view.setInt32(at, tenths(w.x), true);
    view.setInt32(at + 4, tenths(w.y), true);
    view.setInt32(at + 8, tenths(w.w), true);
    view.setInt32(at + 12, tenths(w.h), true);
  });
  return deflateRawSync(Buffer.concat([head, Buffer.from(texts.join('\n'), 'utf8')]));
}

export function decodeWords(blob: Uint8Array): Word[] {
  const data = inflateRawSync(blob);
  if (data[0] === 0x7b) return decodeJsonWords(data);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = view.getUint32(4, true);
  if (count === 0) return [];
  const texts = data.toString('utf8', 8 + count * 16).split('\n');
  const words = new Array<Word>(count);
  for (let i = 0; i < count; i++) {
    const at = 8 + i * 16;
    words[i] = {
      text: texts[i]!,
      x: view.getInt32(at, true) / 10,
      y: view.getInt32(at + 4, true) / 10,
      w: view.getInt32(at + 8, true) / 10,
      h: view.getInt32(at + 12, true) / 10,
    };
  }
  return words;
}

/** Words as stored before: JSON of texts and boxes. */
function decodeJsonWords(data: Buffer): Word[] {
  const { t, b } = JSON.parse(data.toString('utf8')) as { t: string[]; b: number[] };
  return t.map((text, i) => ({
    text,
    x: b[i * 4]!,
    y: b[i * 4 + 1]!,
    w: b[i * 4 + 2]!,
    h: b[i * 4 + 3]!,
  }));
}

/**
 * Words as the catalog will give them back: boxes to a tenth of a point, no line
 * break in a word. What is found from a page's words as read (its articles, at
 * indexing) is then what is found again from them as stored.
 */
export function asStored(words: Word[]): Word[] {
  return words.map((w) => ({
    text: oneLine(w.text),
    x: tenths(w.x) / 10,
    y: tenths(w.y) / 10,
    w: tenths(w.w) / 10,
    h: tenths(w.h) / 10,
  }));
}
