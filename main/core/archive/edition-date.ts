/**
 * Which day an imported edition is, and how sure that is. The evidence, best
 * first: the date the reader gave, a date in the file's or folders' names, a date
 * printed in page 1's masthead, a month in the name, the PDF's creation date (when
 * the file was made, often years after a scan's paper), the day of the import.
 * A date that disagrees with the masthead, that only a month, the metadata or the
 * import day gives, or that falls after the day the PDF was made is kept with a
 * `check` saying why it is uncertain, for the reader to confirm or correct.
 */

import { longDate, longMonth } from '../../common/date-words.ts';
import type { DateCheck } from '../../common/domain.ts';
import { isRealDate } from '../../common/domain.ts';
import type { PdfFacts } from '../pdf/probe-pdf.ts';
import type { NameHints } from './name-hints.ts';

export type DateOrigin = 'option' | 'file name' | 'masthead' | 'metadata' | 'import day';

type Chrono = typeof import('chrono-node');
let chronoModule: Promise<Chrono> | undefined;

/** Days a PDF may be made before its paper's date (a weekly laid out ahead) before it is doubted. */
const MADE_AHEAD_DAYS = 7;

export interface DatedEdition {
  date: string;
  from: DateOrigin;
  check?: DateCheck;
}

export async function editionDate(
  option: string | undefined,
  hints: NameHints,
  facts: PdfFacts,
  today: string,
): Promise<DatedEdition> {
  const printed = facts.masthead ? await mastheadDates(facts.masthead) : [];
  const disagrees = (date: string): DateCheck | undefined =>
    printed.length > 0 && !printed.includes(date)
      ? { reason: `the masthead reads ${longDate(printed[0]!)}`, suggested: printed[0]! }
      : undefined;
  if (option) return withCheck({ date: option, from: 'option' }, disagrees(option));
  if (hints.date) {
    const ahead =
      facts.created && daysBetween(facts.created, hints.date) > MADE_AHEAD_DAYS
        ? {
            reason: `the PDF was made on ${longDate(facts.created)}, before the day its name gives`,
          }
        : undefined;
    return withCheck({ date: hints.date, from: 'file name' }, disagrees(hints.date) ?? ahead);
  }
  if (printed[0]) return { date: printed[0], from: 'masthead' };
  if (hints.month) {
    return {
      date: `${hints.month}-01`,
      from: 'file name',
      check: { reason: `the file name gives only the month (${longMonth(hints.month)})` },
    };
  }
  if (facts.created) {
    return {
      date: facts.created,
      from: 'metadata',
      check: {
        reason:
          "only the PDF's metadata dates it: the day the file was made, which may not be the day it was printed",
      },
    };
  }
  return {
    date: today,
    from: 'import day',
    check: { reason: 'nothing in the file dates it: it is dated the day it was imported' },
  };
}

function withCheck(dated: DatedEdition, check: DateCheck | undefined): DatedEdition {
  return check ? { ...dated, check } : dated;
}

/**
 * The whole dates (day, month and year) printed in a masthead's text, in the
 * order printed: English, German and French forms ("Tuesday, March 1, 1921",
 * "Dienstag, 1. März 1921", "mardi 1 mars 1921") and numeric ones (2025-12-20).
 */
export async function mastheadDates(text: string): Promise<string[]> {
  chronoModule ??= import('chrono-node');
  const chrono = await chronoModule;
  const found: { at: number; date: string }[] = [];
  for (const parser of [chrono.strict, chrono.de.strict, chrono.fr.strict]) {
    for (const result of parser.parse(text)) {
      const start = result.start;
      if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day'))
        continue;
      const date = `${start.get('year')}-${pad(start.get('month')!)}-${pad(start.get('day')!)}`;
      if (isRealDate(date) && !found.some((f) => f.date === date))
        found.push({ at: result.index, date });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.date);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

const pad = (n: number) => String(n).padStart(2, '0');
