/**
 * From the blocks of a saved article (paragraphs or lines, in page order) to a
 * clipping: headline, byline and agency, published/updated time, dateline and
 * body, with everything else dropped. Used for plain text and, after
 * readability has found the article, for HTML.
 *
 * The order of decisions:
 *   1. blocks after a tail header (related stories, disclaimer, copyright) go;
 *   2. noise blocks (app prompts, share buttons, "Advertisement") go;
 *   3. the byline/time block splits header from body; before it, the headline
 *      is the last block that reads like one, the rest is navigation;
 *   4. in the body, a teaser ("…" ending) that repeats a later paragraph goes,
 *      and so do short blocks that are not sentences (buttons, section names);
 *   5. the dateline ("Seoul, Dec 19", "SEOUL (Reuters) -") is taken off the
 *      first paragraph.
 */
import { endsStory, findAgency, isNoise } from './boilerplate.ts';
import { type ClipTime, type ClipTimeFinder, clipTimeFinder } from './clip-time.ts';

export interface Clipping {
  headline?: string;
  byline?: string;
  agency?: string;
  /** ISO 8601 with the clipping's offset: the published time, or the updated one when that is all it gives. */
  published?: string;
  updated?: string;
  dateline?: string;
  paragraphs: string[];
  url?: string;
  site?: string;
  /**
   * Every block of text it was given, in order, but the site's noise ("Share",
   * "Advertisement"): all of a short item's words (an ad is not sentences).
   */
  blocks?: string[];
}

export type KnownFields = Partial<Omit<Clipping, 'paragraphs' | 'blocks'>>;

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const DATELINE = new RegExp(
  `^([\\p{Lu}][\\p{L}.'\u2019 -]{1,40}?),\\s+(${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})(?:\\s*\\(([^)]{2,40})\\))?\\s*[:\u2014\u2013-]?\\s+(?=\\S)`,
  'u',
);
/** "SEOUL (Reuters) -", "MANILA, Philippines (AP) —": a place and an agency's credit. */
const DATELINE_NO_DATE =
  /^([\p{Lu}][\p{L} .,'-]{1,40}?)\s*\(([^)]{2,40})\)\s*[:\u2014\u2013-]\s+(?=\S)/u;
const TIME_LABEL = /^(last updated|updated|first published|published|posted|modified)\b/i;
const BYLINE = /^by\s+/i;
const HEADER_BLOCKS = 10;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const isSentence = (text: string) => /[.!?"'\u201d\u2019)]$/.test(text) && words(text) >= 4;

interface Header {
  byline?: string;
  published?: ClipTime;
  updated?: ClipTime;
}

/** A block that is a byline and/or a time line ("By IANS | Updated: December 19, 2025 17:45 IST"). */
function readHeader(block: string, findClipTime: ClipTimeFinder): Header | undefined {
  if (words(block) > 30) return undefined;
  const parts = block.split(/\s+[|\u00b7\u2022]\s+|\n/).map(squash);
  const header: Header = {};
  let recognised = false;
  for (const part of parts) {
    const time = findClipTime(part);
    const label = TIME_LABEL.exec(part)?.[1]?.toLowerCase();
    if (BYLINE.test(part)) {
      recognised = true;
      // "By Jane Doe, Reuters, December 19, 2025" — the time, if any, is read separately.
      const name = squash(part.replace(BYLINE, '').replace(time?.text ?? '\0', ''))
        .replace(/[\s,;:|-]+$/, '')
        .replace(/\b(updated|published|posted)\s*:?$/i, '')
        .trim();
      if (name) header.byline = name;
      if (time) header.published ??= time;
    } else if (time && (label || words(part.replace(time.text, '')) <= 3)) {
      recognised = true;
      if (label === 'updated' || label === 'last updated' || label === 'modified')
        header.updated = time;
      else header.published = time;
    }
  }
  return recognised ? header : undefined;
}

export async function assembleClipping(
  rawBlocks: string[],
  known: KnownFields = {},
): Promise<Clipping> {
  const findTime = await clipTimeFinder();
  // 1–2: the story's extent, without noise.
  const blocks: string[] = [];
  for (const raw of rawBlocks) {
    const block = squash(raw);
    if (endsStory(block)) break;
    if (!isNoise(block)) blocks.push(block);
  }

  // 3: header (navigation, headline, byline/time) and body.
  // The header is near the top: only the first blocks are read for it.
  let headerEnd = blocks
    .slice(0, HEADER_BLOCKS)
    .findIndex((block) => readHeader(block, findTime) !== undefined);
  const header: Header = {};
  let bodyStart = 0;
  let headline = known.headline;
  if (headerEnd >= 0) {
    let i = headerEnd;
    for (
      let h = readHeader(blocks[i]!, findTime);
      h;
      h = blocks[i] ? readHeader(blocks[i]!, findTime) : undefined
    ) {
      header.byline ??= h.byline;
      header.published ??= h.published;
      header.updated ??= h.updated;
      i++;
    }
    bodyStart = i;
    if (!headline) {
      const before = blocks.slice(0, headerEnd);
      headline = before.findLast((b) => words(b) >= 3 && words(b) <= 40);
    }
  } else {
    headerEnd = -1;
    // No byline: a first block that is not a sentence and not too long is the headline.
    const first = blocks.findIndex((b) => words(b) >= 3);
    if (!headline && first >= 0 && words(blocks[first]!) <= 30 && !isSentence(blocks[first]!)) {
      headline = blocks[first];
      bodyStart = first + 1;
    } else if (first >= 0) {
      bodyStart = headline ? blocks.indexOf(headline) + 1 : first;
    }
  }

  // 4: the body, without teasers and non-sentences.
  let body = blocks.slice(bodyStart).filter((b) => b !== headline);
  body = body.filter((block, i) => {
    const teaser = /(\.\.\.|\u2026)$/.exec(block);
    if (teaser) {
      const stem = block.slice(0, teaser.index).trim();
      if (body.some((other, j) => j !== i && other.startsWith(stem))) return false;
    }
    if (body.indexOf(block) !== i) return false;
    return words(block) >= 8 || isSentence(block);
  });

  // 5: the dateline.
  let dateline: string | undefined;
  let agency = known.agency;
  const first = body[0];
  if (first) {
    const dated = DATELINE.exec(first);
    const credited = dated ? undefined : DATELINE_NO_DATE.exec(first);
    const undated = credited && findAgency(credited[2]!) ? credited : undefined;
    const match = dated ?? undated;
    if (match) {
      dateline = dated ? `${dated[1]}, ${dated[2]}` : match[1]!.trim();
      const credit = dated ? dated[3] : match[2];
      if (credit) agency ??= findAgency(credit);
      body = [first.slice(match[0].length), ...body.slice(1)];
    }
  }

  const byline = known.byline ?? header.byline;
  agency ??= byline ? findAgency(byline) : undefined;
  const last = body.at(-1);
  // "— Reuters" or "(With inputs from PTI)" closing the story.
  if (!agency && last) {
    const credit = /(?:[\u2014\u2013-]\s*|\(with inputs from\s+)([\p{L} ]{2,30})\)?$/iu.exec(last);
    if (credit) agency = findAgency(credit[1]!);
  }
  const published = known.published ?? header.published?.iso ?? header.updated?.iso;
  const updated = known.updated ?? header.updated?.iso;
  return {
    ...(headline && { headline }),
    ...(byline && { byline }),
    ...(agency && { agency }),
    ...(published && { published }),
    ...(updated && { updated }),
    ...(dateline && { dateline }),
    paragraphs: body,
    ...(known.url && { url: known.url }),
    ...(known.site && { site: known.site }),
    blocks,
  };
}

/** Blocks of plain text: paragraphs separated by blank lines, or lines when there are none. */
export function textBlocks(text: string): string[] {
  const normalised = text.replace(/\r\n?/g, '\n');
  if (/\n\s*\n/.test(normalised))
    return normalised.split(/\n\s*\n/).flatMap((para) => {
      const lines = para
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      // A block of short lines (menus, lists) is kept as lines; prose is joined.
      return lines.every((l) => words(l) <= 4) ? lines : [lines.join(' ')];
    });
  return normalised.split('\n');
}
