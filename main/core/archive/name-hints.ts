/**
 * What a file's or folder's name (and the folders above it) says about an
 * edition: its date ("…_1886-11-01_p01.pdf", "20251220.pdf",
 * "…/1921-03-01/ed-1/seq-2.pdf"), only its month ("…_2025-11.pdf"), the paper it
 * belongs to ("liverpool-echo"), and an issue number or a second edition of the
 * day. Page labels (A1, p01, page-3, seq-2), issue numbers and year-month stamps
 * are never part of the paper's name: "nyt_2020-11-12_A1.pdf" is NYT, and every
 * monthly "sedbergh-lookaround_448_2025-11.pdf" is the one paper Sedbergh Lookaround.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { isRealDate } from '../../common/domain.ts';
import { slugify } from '../../common/slug.ts';

const DATE_IN_NAME =
  /(?<![\d])(1[5-9]\d{2}|20\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)/;
/** A year and month with a separator and no day: 2025-11, 2025_11. */
const MONTH_IN_NAME = /(?<![\d])(1[5-9]\d{2}|20\d{2})[-_.](0[1-9]|1[0-2])(?![-_.]?\d)/;

/** Words that introduce a number that is not part of a name: page-3, no-448, ed-1. */
const NUMBER_WORDS = new Set([
  'p',
  'pg',
  'pp',
  'page',
  'pages',
  'seite',
  'seq',
  's',
  'no',
  'nr',
  'num',
  'issue',
  'vol',
  'volume',
  'ed',
  'edition',
  'ausgabe',
]);
/** A page label: a section letter and its page (A1, B12), or p01, pg3, s12, seq2. */
const PAGE_LABEL = /^(?:[a-z]|p|pg|page|seq|seite|s)\d{1,4}$/i;
const EDITION_MARK = /^(?:ed|edition)-?(\d{1,2})$/i;
/** A Library of Congress control number, the folder Chronicling America files pages under. */
const LCCN = /^(?:sn|[a-z]{1,3})\d{8,10}$/i;

/**
 * Folder names that say where a file was kept, not which paper it is: a page
 * called "20251220.pdf" in Downloads is not a paper called Downloads.
 */
const PLACES = new Set([
  'downloads',
  'download',
  'desktop',
  'documents',
  'home',
  'users',
  'tmp',
  'temp',
  'pdf',
  'pdfs',
  'scans',
  'files',
  'papers',
  'newspapers',
  'editions',
  'archive',
  'import',
  'imports',
  'inbox',
  'lccn',
]);
/** Folders above the file that may still name it (…/<lccn>/<date>/ed-1/seq-2.pdf is four). */
const MAX_CLIMB = 4;

export interface NameHints {
  /** The date the name gives, when it gives a whole one. */
  date?: string;
  /** The month, as YYYY-MM, when the name gives only that (a monthly's issue). */
  month?: string;
  source?: { id: string; name: string };
  /** The issue number ("448"), when the name gives one. */
  issue?: string;
  /** A second or later edition of the day ("ed-2"): its edition name. */
  edition?: string;
}

/** The date in a name (its last part only), for a watched folder's files. */
export function dateFromName(name: string): string | undefined {
  return dateIn(path.basename(name).replace(/\.pdf$/i, ''));
}

/**
 * What a file's or folder's path says: from its own name first, then from the
 * folders above it while those names say nothing but a date, a page or an
 * edition (Chronicling America's …/<lccn>/1921-03-01/ed-1/seq-2.pdf).
 */
export function hintsFromPath(target: string, { folder = false } = {}): NameHints {
  const hints: NameHints = {};
  const user = safeUserName();
  let segment = path.resolve(target);
  // A folder whose name is only a date may be one edition of the paper the folder above
  // names; a file named only by its date says nothing of the folder it was put in.
  let dateFolder = folder;
  for (let climb = 0; climb <= MAX_CLIMB; climb++) {
    const stem = path.basename(segment).replace(/\.pdf$/i, '');
    if (!stem || (climb > 0 && (PLACES.has(stem.toLowerCase()) || stem === user))) break;
    const read = readSegment(stem);
    for (const key of ['date', 'issue', 'edition'] as const)
      if (hints[key] === undefined && read[key] !== undefined) hints[key] = read[key];
    if (!hints.date && !hints.month && read.month) hints.month = read.month;
    if (read.name) {
      hints.source = read.name;
      break;
    }
    if (!read.marked && !dateFolder) break;
    const parent = path.dirname(segment);
    if (parent === segment || stem.startsWith('.')) break;
    segment = parent;
    dateFolder = true;
  }
  return hints;
}

function readSegment(stem: string): {
  date?: string;
  month?: string;
  issue?: string;
  edition?: string;
  name?: { id: string; name: string };
  /** Whether it names a page or an edition (seq-2, ed-1): the folder above says the rest. */
  marked: boolean;
} {
  const date = dateIn(stem);
  let rest = date ? stem.replace(DATE_IN_NAME, ' ') : stem;
  const monthMatch = date ? undefined : MONTH_IN_NAME.exec(rest);
  const month = monthMatch ? `${monthMatch[1]}-${monthMatch[2]}` : undefined;
  if (monthMatch) rest = rest.replace(MONTH_IN_NAME, ' ');
  if (LCCN.test(rest.trim())) {
    const lccn = rest.trim().toLowerCase();
    return { date, month, name: { id: lccn, name: `LCCN ${lccn}` }, marked: false };
  }
  const tokens = rest.split(/[-_.\s]+/).filter(Boolean);
  let issue: string | undefined;
  let edition: string | undefined;
  let marked = false;
  // Numbers and labels after the name's words are the page, the issue or the edition.
  const kept: string[] = [];
  let sawWord = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lower = token.toLowerCase();
    const next = tokens[i + 1];
    const mark = EDITION_MARK.exec(token);
    if (mark) {
      marked = true;
      if (Number(mark[1]) > 1) edition = `ed-${Number(mark[1])}`;
      continue;
    }
    if (NUMBER_WORDS.has(lower) && next !== undefined && /^\d{1,5}$/.test(next)) {
      if (['no', 'nr', 'num', 'issue'].includes(lower)) issue ??= String(Number(next));
      else marked = true;
      if (['ed', 'edition', 'ausgabe'].includes(lower) && Number(next) > 1)
        edition = `ed-${Number(next)}`;
      i++;
      continue;
    }
    if (sawWord && /^\d{1,5}$/.test(token)) {
      // A year is not an issue number.
      if (!/^(?:1[5-9]|20)\d{2}$/.test(token)) issue ??= String(Number(token));
      continue;
    }
    if (PAGE_LABEL.test(token) && (sawWord || tokens.length === 1)) {
      marked = true;
      continue;
    }
    if (/\p{L}/u.test(token)) sawWord = true;
    kept.push(token);
  }
  // A lone number left (a page "3.pdf") names nothing.
  const words = kept.join(' ').trim();
  const name = /\p{L}/u.test(words) ? paperName(words) : undefined;
  return {
    date,
    month,
    ...(issue && { issue }),
    ...(edition && { edition }),
    ...(name && { name }),
    marked,
  };
}

function dateIn(stem: string): string | undefined {
  const match = DATE_IN_NAME.exec(stem);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[3]}-${match[4]}`;
  return isRealDate(iso) ? iso : undefined;
}

/**
 * A paper's id and name from the words of its file name. A name in a script the
 * slug cannot spell (日経, 朝日新聞, Ελευθεροτυπία) keeps its words in the name, and
 * its id gets a short hash of them, so two such papers never share one source.
 */
export function paperName(words: string): { id: string; name: string } | undefined {
  const slug = slugify(words);
  if (!unspelled(words)) return slug ? { id: slug, name: titleFromSlug(slug) } : undefined;
  const hash = createHash('sha256').update(words.normalize('NFC')).digest('hex').slice(0, 8);
  const id = `${(slug || 'paper').slice(0, 63 - 9).replace(/-+$/, '')}-${hash}`;
  return { id, name: words };
}

/** Whether a name has letters or digits the slug drops (any script but Latin). */
function unspelled(words: string): boolean {
  const latin = words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[a-z0-9]/gi, '');
  return /[\p{L}\p{N}]/u.test(latin);
}

/** "liverpool-echo" → "Liverpool Echo"; a name of one short word is an acronym: "nyt" → "NYT". */
export function titleFromSlug(slug: string): string {
  const words = slug.split('-').filter(Boolean);
  if (words.length === 1 && /^[a-z]{2,3}$/.test(words[0]!)) return words[0]!.toUpperCase();
  return words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' ');
}

function safeUserName(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}
