/**
 * A paper's year at a glance, above its month calendar: a square for every day of
 * the twelve months up to the month shown (weeks as columns, Monday on top), filled
 * where the paper has an edition. A filled square opens that day's edition, so any
 * day of the year is one click from the paper's page; a month's name shows that
 * month in the calendar. Keyboard readers have the calendar's own keys: the
 * squares are not tab stops, which 365 of them would be.
 */
import { addDays, addMonths, isoWeekday, lastDayOf } from '../../main/common/calendar.ts';
import type { EditionSummary } from '../../main/common/domain.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { formatDate, h, lazy } from './dom.ts';

const shortMonth = lazy(
  () => new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' }),
);

/** A day's square and the gap between squares, in CSS pixels (set on the strip as --strip-day and --strip-gap). */
const DAY = 11;
const GAP = 3;
/** The strip's height in CSS pixels: a week's seven squares, the months' names and its margin (see .year-strip in library-view.css). */
export const STRIP_HEIGHT = 7 * DAY + 6 * GAP + 20 + 14;

export interface YearStripOptions {
  /** The paper's editions, newest first. */
  editions: EditionSummary[];
  /** The month the calendar shows (YYYY-MM). */
  month: string;
  onMonth: (month: string) => void;
}

/** The twelve months the strip shows: up to the latest edition's, or to the month shown if older. */
function stripMonths(latest: string | undefined, shown: string): [string, string] {
  const end = !latest || shown < addMonths(latest, -11) ? shown : latest;
  return [addMonths(end, -11), end];
}

export function yearStrip({ editions, month, onMonth }: YearStripOptions): HTMLElement {
  const [first, last] = stripMonths(editions[0]?.date.slice(0, 7), month);
  const byDay = new Map<string, EditionSummary>();
  // A day's first edition in the list is the one opened, as in the calendar.
  for (const edition of editions) if (!byDay.has(edition.date)) byDay.set(edition.date, edition);
  const start = `${first}-01`;
  const end = lastDayOf(last);
  // From the Monday on or before the first day to the Sunday on or after the last.
  let day = addDays(start, 1 - isoWeekday(start));
  const weeks: HTMLElement[] = [];
  const labels: HTMLElement[] = [];
  for (let column = 1; day <= end; column++) {
    const cells: HTMLElement[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) {
      const inside = day >= start && day <= end;
      const edition = inside ? byDay.get(day) : undefined;
      const className = `strip-day${day.startsWith(month) ? ' shown' : ''}`;
      if (!inside) cells.push(h('span', { className: 'strip-day outside' }));
      else if (!edition) cells.push(h('span', { className, title: formatDate(day) }));
      else
        cells.push(
          h('a', {
            className: `${className} has-edition`,
            href: readerRoute({ edition: edition.id }),
            'data-date': day,
            tabindex: -1,
            title: `${formatDate(day)}: ${edition.title}`,
            'aria-label': `${formatDate(day)}: ${edition.title}`,
          }),
        );
      // A month's name sits above the week its first day is in.
      if (inside && day.endsWith('-01')) {
        const m = day.slice(0, 7);
        const label = h('button', {
          type: 'button',
          className: m === month ? 'strip-month shown' : 'strip-month',
          text: shortMonth().format(new Date(`${day}T00:00:00Z`)),
          title: `Show ${m} in the calendar`,
          'data-month': m,
        });
        label.addEventListener('click', () => onMonth(m));
        // Through the CSSOM: the CSP refuses style attributes.
        label.style.gridColumn = String(column);
        labels.push(label);
      }
    }
    weeks.push(h('div', { className: 'strip-week' }, ...cells));
  }
  const strip = h(
    'nav',
    { className: 'year-strip', 'aria-label': `Editions from ${first} to ${last}` },
    h('div', { className: 'strip-months' }, ...labels),
    h('div', { className: 'strip-weeks' }, ...weeks),
  );
  strip.style.setProperty('--strip-weeks', String(weeks.length));
  strip.style.setProperty('--strip-day', `${DAY}px`);
  strip.style.setProperty('--strip-gap', `${GAP}px`);
  return strip;
}
