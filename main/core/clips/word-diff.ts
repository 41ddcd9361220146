/**
 * What the print version changed: a word-level diff of the web story against
 * the printed story (jsdiff's Myers diff over words), where words are compared
 * as the index sees them and with the same tolerance for OCR noise as the
 * linker, so a scanned page's misread letters are not reported as edits.
 * Runs of the same kind are merged: `cut` is in the web version only, `added`
 * in print only; a cut followed by an addition is a rewording.
 */
import { diffArrays } from 'diff';
import type { DiffSegment } from '../../common/clips.ts';
import { tokenize } from '../text/search-query.ts';
import { allowedEdits, boundedDistance } from './fuzzy-match.ts';

interface DiffWord {
  text: string;
  key: string;
}

const toWords = (words: string[]): DiffWord[] =>
  words.map((text) => ({ text, key: tokenize(text).join(' ') })).filter((word) => word.key !== '');

function same(a: DiffWord, b: DiffWord): boolean {
  if (a.key === b.key) return true;
  const max = allowedEdits(Math.min(a.key.length, b.key.length));
  return max > 0 && boundedDistance(a.key, b.key, max) <= max;
}

export function wordDiff(web: string[], print: string[]): DiffSegment[] {
  const segments: DiffSegment[] = [];
  for (const change of diffArrays(toWords(web), toWords(print), { comparator: same })) {
    const op = change.added ? 'added' : change.removed ? 'cut' : 'same';
    const text = change.value.map((word) => word.text).join(' ');
    const last = segments.at(-1);
    if (last?.op === op) last.text = `${last.text} ${text}`;
    else segments.push({ op, text });
  }
  return segments;
}
