/**
 * The reader's search syntax, turned into a safe FTS5 query:
 *   words             all of them (AND)
 *   "a phrase"        those words in that order
 *   word*             a prefix
 *   a OR b, a NOT b   as written; -word is NOT word
 * Every term is quoted for FTS5, so no input can reach it as syntax; a quote
 * left open or a dangling operator is a clear error, never an SQL error.
 */
import { ApiError } from '../../common/errors.ts';
import { normalise, printableAscii, UNSEGMENTED } from '../words/page-words.ts';

export interface QueryTerm {
  /** Tokens as the index sees them (lower case, no diacritics). */
  tokens: string[];
  prefix: boolean;
  negated: boolean;
  /** For text in an unsegmented script: the string to find inside words (lower case, NFKC). */
  substring?: string;
}

export interface ParsedQuery {
  fts: string;
  /** The terms to highlight (not the negated ones). */
  terms: QueryTerm[];
  /**
   * When a term is in a script without word breaks (see UNSEGMENTED), the query
   * runs on the trigram index instead: a WHERE over `g.text` with LIKE patterns.
   */
  substring?: { where: string; params: string[] };
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Whether text is one token as it is, but for its case (most words are): ASCII
 * letters and digits only. A loop: faster than a regular expression on short words.
 */
export function plainToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)))
      return false;
  }
  return true;
}

/** Tokens the way FTS5's unicode61 tokenizer with remove_diacritics 2 makes them. */
export function tokenize(text: string): string[] {
  if (plainToken(text)) return [text.toLowerCase()];
  if (printableAscii(text))
    return text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  return normalise(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export function parseQuery(input: string): ParsedQuery {
  const text = input.trim();
  if (!text) throw new ApiError('invalid', 'Type something to search for.');
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1)
    throw new ApiError('invalid', 'The search has a quote (") that is not closed.');
  const parts: string[] = [];
  const terms: QueryTerm[] = [];
  const likes: string[] = [];
  const likeParams: string[] = [];
  let unsegmented = false;
  let pendingOperator: 'AND' | 'OR' | 'NOT' | undefined;
  for (const match of text.matchAll(/(-?)"([^"]*)"(\*?)|(\S+)/g)) {
    const [, minus, phrase, star, word] = match;
    if (word === 'AND' || word === 'OR' || word === 'NOT') {
      if (parts.length === 0 || pendingOperator)
        throw new ApiError('invalid', `"${word}" needs a word before and after it.`);
      pendingOperator = word;
      continue;
    }
    let negated = minus === '-';
    let raw = phrase ?? word!;
    let prefix = star === '*';
    if (phrase === undefined) {
      if (raw.startsWith('-') && raw.length > 1) {
        negated = true;
        raw = raw.slice(1);
      }
      if (raw.endsWith('*')) {
        prefix = true;
        raw = raw.slice(0, -1);
      }
    }
    const tokens = tokenize(raw);
    if (tokens.length === 0) continue;
    const substring = normalise(raw).normalize('NFKC').toLowerCase();
    if (UNSEGMENTED.test(raw)) unsegmented = true;
    if (negated && pendingOperator)
      throw new ApiError('invalid', `"-" cannot follow "${pendingOperator}".`);
    if (negated && parts.length === 0)
      throw new ApiError('invalid', 'A search cannot start with an excluded word.');
    const quoted = `"${tokens.join(' ')}"${prefix ? ' *' : ''}`;
    const operator = negated ? 'NOT' : (pendingOperator ?? 'AND');
    parts.push(parts.length === 0 ? quoted : `${operator} ${quoted}`);
    const like = "g.text LIKE ? ESCAPE '\\'";
    likes.push(
      likes.length === 0 ? like : operator === 'NOT' ? `AND NOT ${like}` : `${operator} ${like}`,
    );
    likeParams.push(likePattern(substring));
    pendingOperator = undefined;
    if (!(negated || operator === 'NOT'))
      terms.push({
        tokens,
        prefix,
        negated: false,
        ...(UNSEGMENTED.test(raw) && { substring }),
      });
  }
  if (pendingOperator) throw new ApiError('invalid', `"${pendingOperator}" needs a word after it.`);
  if (parts.length === 0) throw new ApiError('invalid', 'The search has no words in it.');
  return {
    fts: parts.join(' '),
    terms,
    ...(unsegmented && { substring: { where: likes.join(' '), params: likeParams } }),
  };
}
