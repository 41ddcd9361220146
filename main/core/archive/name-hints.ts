/**
 * What a file or folder name says about an edition: its date ("…_1886-11-01_p01.pdf",
 * "20251220.pdf") and the paper it belongs to ("liverpool-echo").
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { isRealDate } from '../../common/domain.ts';

const DATE_IN_NAME =
  /(?<!\d)(1[5-9]\d{2}|20\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)/;
const PAGE_SUFFIX = /[-_. ]*(?:p|pg|page|seq|s)[-_. ]?\d{1,4}$/i;

export function dateFromName(name: string): string | undefined {
  const match = DATE_IN_NAME.exec(path.basename(name));
  if (!match) return undefined;
  const iso = `${match[1]}-${match[3]}-${match[4]}`;
  return isRealDate(iso) ? iso : undefined;
}

/**
 * The paper a file or folder name names, with its date, page number and
 * extension taken out: a slug for its id and the name as written. A name in a
 * script the slug cannot spell (日経, 朝日新聞, Ελευθεροτυπία) keeps its words in
 * the name, and its id gets a short hash of them, so two such papers never
 * share one source.
 */
export function sourceFromName(name: string): { id: string; name: string } | undefined {
  let stem = path.basename(name).replace(/\.pdf$/i, '');
  stem = stem.replace(DATE_IN_NAME, ' ');
  stem = stem.replace(PAGE_SUFFIX, '');
  const words = stem.replace(/[-_.\s]+/g, ' ').trim();
  const slug = slugify(stem);
  if (!words) return undefined;
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

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}

export function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}
