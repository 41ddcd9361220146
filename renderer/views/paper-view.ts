/**
 * A paper's editions as a month calendar: a cover on each day it has an
 * edition, the days without one left empty so gaps show. The month and year
 * jump from two menus (only months with editions are offered); ‹ › and
 * PageUp/PageDown step a month; the arrow keys move from day to day, Home/End
 * to the month's first and last, Enter opens the day's edition. Above it, the
 * year strip (year-strip.ts) opens any day of the twelve months in one click.
 */
import type { Api } from '../../main/common/api.ts';
import {
  addDays,
  addMonths,
  daysInMonth,
  isoWeekday,
  lastDayOf,
} from '../../main/common/calendar.ts';
import type { EditionSummary } from '../../main/common/domain.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { CoverLoader, previewOnApproach, typicalAspect } from './covers.ts';
import { formatDate, h, lazy } from './dom.ts';
import { EditionActions } from './edition-actions.ts';
import { STRIP_HEIGHT, yearStrip } from './year-strip.ts';

export interface PaperViewOptions {
  api: Api;
  source: string;
  /** The month shown first (YYYY-MM); else the latest month with an edition. */
  month?: string;
  onMonth: (month: string) => void;
  onError: (message: string) => void;
}

const weekdays = lazy(() => {
  const format = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
});
const monthName = lazy(
  () => new Intl.DateTimeFormat(undefined, { month: 'long', timeZone: 'UTC' }),
);
const monthYear = lazy(
  () => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
);

export class PaperView {
  readonly element: HTMLElement;
  readonly #options: PaperViewOptions;
  readonly #covers: CoverLoader;
  readonly #actions: EditionActions;
  /** The paper's editions, as the archive last listed them. */
  #listed: EditionSummary[] = [];
  #papers: { id: string; name: string }[] = [];
  #delivered = new Set<string>();
  #month = '';
  /** The day that has the keyboard's focus (YYYY-MM-DD). */
  #focusDay = '';

  constructor(options: PaperViewOptions) {
    this.#options = options;
    this.element = h('main', { className: 'library paper-view', id: 'main' });
    previewOnApproach(this.element);
    this.#covers = new CoverLoader();
    this.#actions = new EditionActions({
      api: options.api,
      papers: () => this.#papers,
      delivered: () => this.#delivered,
      onHidden: () => this.#draw(),
      onError: options.onError,
    });
    this.element.addEventListener('keydown', (event) => this.#key(event));
  }

  async refresh(): Promise<void> {
    const [editions, sources] = await Promise.all([
      this.#options.api.call('editions.list', { source: this.#options.source, limit: 10_000 }),
      this.#options.api.call('sources.list', {}),
    ]);
    this.#listed = editions;
    this.#papers = sources.filter((s) => s.editions > 0).map(({ id, name }) => ({ id, name }));
    this.#delivered = new Set(sources.filter((s) => s.definition).map((s) => s.id));
    const months = this.#months();
    if (!this.#month) {
      this.#month = this.#options.month ?? months[0] ?? localMonth();
      this.#options.onMonth(this.#month);
    }
    this.#draw();
  }

  destroy(): void {
    this.#actions.destroy();
    this.element.remove();
  }

  /** The editions shown: those not waiting out a deletion's undo. */
  get #editions(): EditionSummary[] {
    return this.#listed.filter((e) => !this.#actions.hidden.has(e.id));
  }

  /** Months with editions, newest first. */
  #months(): string[] {
    return [...new Set(this.#editions.map((e) => e.date.slice(0, 7)))];
  }

  #show(month: string, focusDay?: string): void {
    this.#month = month;
    this.#focusDay = focusDay ?? '';
    this.#options.onMonth(month);
    this.#draw();
  }

  #draw(): void {
    const name = this.#editions[0]?.sourceName ?? this.#options.source;
    document.title = `${name} — Paperboy`;
    const first = this.#editions.at(-1);
    const last = this.#editions[0];
    const summary =
      first && last
        ? `${this.#editions.length} edition${this.#editions.length === 1 ? '' : 's'}, ${formatDate(first.date, 'short')} – ${formatDate(last.date, 'short')}`
        : 'No editions';
    this.element.replaceChildren(
      h(
        'header',
        { className: 'library-head' },
        h(
          'div',
          { className: 'library-title' },
          h('a', { href: '#/', className: 'back-link', text: '← Library' }),
          h('h1', { text: name }),
          h('p', { className: 'library-count', text: summary }),
        ),
        this.#monthNav(),
      ),
      yearStrip({
        editions: this.#editions,
        month: this.#month,
        onMonth: (month) => this.#show(month),
      }),
      this.#calendar(),
    );
    const focus = this.element.querySelector<HTMLElement>(
      `[data-day="${this.#focusDay}"] .day-focus`,
    );
    if (this.#focusDay && focus) focus.focus();
  }

  #monthNav(): HTMLElement {
    const months = this.#months();
    const [year, month] = this.#month.split('-');
    const years = [...new Set(months.map((m) => m.slice(0, 4)))];
    if (!years.includes(year!)) years.push(year!);
    years.sort().reverse();
    const withEditions = new Set(months);
    const yearSelect = h(
      'select',
      { 'aria-label': 'Year' },
      ...years.map((y) => h('option', { value: y, text: y, selected: y === year })),
    );
    const monthSelect = h(
      'select',
      { 'aria-label': 'Month' },
      ...Array.from({ length: 12 }, (_, i) => {
        const value = String(i + 1).padStart(2, '0');
        const has = withEditions.has(`${year}-${value}`);
        return h('option', {
          value,
          text: `${monthName().format(new Date(Date.UTC(2024, i, 1)))}${has ? '' : ' (none)'}`,
          selected: value === month,
        });
      }),
    );
    yearSelect.addEventListener('change', () => {
      // The same month of that year if it has editions, else its latest month that has.
      const wanted = `${yearSelect.value}-${month}`;
      const inYear = months.filter((m) => m.startsWith(yearSelect.value));
      this.#show(withEditions.has(wanted) ? wanted : (inYear[0] ?? wanted));
    });
    monthSelect.addEventListener('change', () => this.#show(`${year}-${monthSelect.value}`));
    const previous = h('button', { type: 'button', text: '‹', 'aria-label': 'Previous month' });
    const next = h('button', { type: 'button', text: '›', 'aria-label': 'Next month' });
    previous.addEventListener('click', () => this.#show(addMonths(this.#month, -1)));
    next.addEventListener('click', () => this.#show(addMonths(this.#month, 1)));
    const latest = h('button', { type: 'button', text: 'Latest' });
    latest.disabled = months[0] === undefined || months[0] === this.#month;
    latest.addEventListener('click', () => this.#show(months[0]!));
    return h(
      'div',
      { className: 'month-nav', role: 'group', 'aria-label': 'Month' },
      previous,
      monthSelect,
      yearSelect,
      next,
      latest,
    );
  }

  #calendar(): HTMLElement {
    const [year, month] = this.#month.split('-').map(Number) as [number, number];
    const days = daysInMonth(this.#month);
    // Monday first: the weekday of the 1st, 0 for Monday.
    const lead = isoWeekday(`${this.#month}-01`) - 1;
    const byDay = new Map<string, EditionSummary[]>();
    for (const edition of this.#editions.filter((e) => e.date.startsWith(this.#month)))
      byDay.set(edition.date, [...(byDay.get(edition.date) ?? []), edition]);
    const width = this.#coverWidth(Math.ceil((lead + days) / 7));
    const cells: HTMLElement[] = [];
    for (let i = 0; i < lead; i++)
      cells.push(h('div', { className: 'day outside', role: 'gridcell' }));
    const focusable = this.#focusDay || [...byDay.keys()].at(-1) || `${this.#month}-01`;
    for (let d = 1; d <= days; d++) {
      const date = `${this.#month}-${String(d).padStart(2, '0')}`;
      cells.push(this.#day(date, byDay.get(date) ?? [], width, date === focusable));
    }
    while (cells.length % 7 !== 0)
      cells.push(h('div', { className: 'day outside', role: 'gridcell' }));
    const rows: HTMLElement[] = [];
    for (let i = 0; i < cells.length; i += 7)
      rows.push(h('div', { className: 'week', role: 'row' }, ...cells.slice(i, i + 7)));
    const count = byDay.size;
    const grid = h(
      'div',
      { className: 'month', role: 'grid', 'aria-label': 'Days' },
      h(
        'div',
        { className: 'week weekdays', role: 'row' },
        ...weekdays().map((d) => h('div', { role: 'columnheader', text: d })),
      ),
      ...rows,
    );
    // Through the CSSOM: the CSP refuses style attributes.
    grid.style.setProperty('--day-cover', `${width}px`);
    return h(
      'section',
      {
        className: 'calendar',
        'aria-label': monthYear().format(new Date(Date.UTC(year, month - 1, 1))),
      },
      h(
        'h2',
        { className: 'calendar-month' },
        monthYear().format(new Date(Date.UTC(year, month - 1, 1))),
        h('span', {
          className: 'library-count',
          text: ` · ${count} edition${count === 1 ? '' : 's'}, ${days - count} day${days - count === 1 ? '' : 's'} without`,
        }),
      ),
      grid,
    );
  }

  /**
   * The covers' width that lets the month's weeks fit the window's height (the
   * header and the weekdays above them), within the column a day has.
   */
  #coverWidth(weeks: number): number {
    const columns = (Math.min(this.element.clientWidth || innerWidth, 1600) - 96 - 6 * 8) / 7;
    const height = Math.max(360, innerHeight - CALENDAR_TOP);
    const cover = height / weeks - 8 - DAY_CHROME;
    const aspect = typicalAspect(this.#editions);
    return Math.floor(Math.max(56, Math.min(columns, cover * aspect)));
  }

  #day(date: string, editions: EditionSummary[], width: number, tabbable: boolean): HTMLElement {
    const d = Number(date.slice(8));
    const [edition, ...others] = editions;
    const cell = h('div', {
      className: edition ? 'day has-edition' : 'day',
      role: 'gridcell',
      'data-day': date,
    });
    if (!edition) {
      cell.append(
        h('span', {
          className: 'day-focus day-number',
          tabindex: tabbable ? 0 : -1,
          'aria-label': `${formatDate(date)}: no edition`,
          text: String(d),
        }),
      );
      return cell;
    }
    const link = h(
      'a',
      {
        className: 'day-focus card-link',
        href: readerRoute({ edition: edition.id }),
        'data-edition': edition.id,
        tabindex: tabbable ? 0 : -1,
        'aria-label': `${formatDate(date)}: ${edition.title}, ${edition.pages} pages`,
      },
      h('span', { className: 'day-number', text: String(d) }),
      this.#covers.cover(edition, width),
    );
    cell.append(link);
    const marks = h('div', { className: 'day-marks' });
    if (edition.dateCheck)
      marks.append(
        h('span', {
          className: 'badge uncertain',
          text: 'Date?',
          title: `The date is uncertain: ${edition.dateCheck.reason}`,
        }),
      );
    for (const other of others)
      marks.append(
        h('a', {
          className: 'badge',
          href: readerRoute({ edition: other.id }),
          text: other.id.split('~')[1] ?? 'another',
          title: other.title,
        }),
      );
    marks.append(this.#actions.menu(edition));
    cell.append(marks);
    return cell;
  }

  #key(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    const cell = target.closest<HTMLElement>('.day[data-day]');
    if (!cell || !target.classList.contains('day-focus')) return;
    const day = cell.dataset.day!;
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -7,
      ArrowDown: 7,
    };
    let next: string | undefined;
    if (event.key in step) next = addDays(day, step[event.key]!);
    else if (event.key === 'Home') next = `${this.#month}-01`;
    else if (event.key === 'End') next = lastDayOf(this.#month);
    else if (event.key === 'PageUp' || event.key === 'PageDown') {
      const month = addMonths(this.#month, event.key === 'PageUp' ? -1 : 1);
      next = `${month}-${String(Math.min(Number(day.slice(8)), daysInMonth(month))).padStart(2, '0')}`;
    } else return;
    event.preventDefault();
    if (next.slice(0, 7) !== this.#month) {
      this.#show(next.slice(0, 7), next);
      return;
    }
    const to = this.element.querySelector<HTMLElement>(`[data-day="${next}"] .day-focus`);
    if (!to) return;
    target.tabIndex = -1;
    to.tabIndex = 0;
    this.#focusDay = next;
    to.focus();
  }
}

/** Where the weeks start below the window's top: the header, the month's name, the weekdays. */
const CALENDAR_TOP = 190 + STRIP_HEIGHT;
/** A day's height beside its cover (its number and marks sit on the cell's corners). */
const DAY_CHROME = 6;

function localMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
