/**
 * Word equality that forgives what scanning and printing do to a word: one
 * wrong, missing or extra character in words of four letters or more, two in
 * long words ("govemment", "rninistry", "coordinate"/"co-ordinate" once
 * tokenized). Candidate words are found through a deletion index (each word
 * and its one-character deletions, as in SymSpell), then checked with a
 * bounded edit distance.
 */

/** Levenshtein distance if it is at most `max`, else max + 1. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** How many edits a word of this length may carry and still be the same word. */
export function allowedEdits(length: number): number {
  if (length >= 8) return 2;
  if (length >= 4) return 1;
  return 0;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The words of one text (a page), looked up forgivingly: `similar(word)` gives
 * the distinct words of the text that may stand for `word`.
 */
export class FuzzyVocabulary {
  readonly #byKey = new Map<string, Set<string>>();
  readonly #cache = new Map<string, Set<string>>();

  constructor(words: Iterable<string>) {
    for (const word of new Set(words)) {
      this.#add(word, word);
      if (word.length >= 4) for (const key of deletions(word)) this.#add(key, word);
    }
  }

  #add(key: string, word: string) {
    const set = this.#byKey.get(key);
    if (set) set.add(word);
    else this.#byKey.set(key, new Set([word]));
  }

  similar(word: string): Set<string> {
    let found = this.#cache.get(word);
    if (found) return found;
    found = new Set<string>();
    const keys = word.length >= 4 ? [word, ...deletions(word)] : [word];
    const max = allowedEdits(word.length);
    for (const key of keys)
      for (const candidate of this.#byKey.get(key) ?? [])
        if (candidate === word || boundedDistance(word, candidate, max) <= max)
          if (allowedEdits(candidate.length) > 0 || candidate === word) found.add(candidate);
    this.#cache.set(word, found);
    return found;
  }
}
