/**
 * The library: every paper as one card in a grid that fits the screen — its
 * latest front page, large when there are few papers and smaller as there are
 * more, so 1 to 50 papers fit at once without scrolling sideways. A card opens
 * the latest edition; the paper's name opens its calendar. "Today" shows the
 * editions of the day across papers. Papers can be filtered by name and sorted
 * by date or name; PDFs are imported by dropping them or with the pickers.
 */

import type { Api } from '../../main/common/api.ts';
import type { EditionSummary } from '../../main/common/domain.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { CoverLoader, previewOnApproach, typicalAspect } from './covers.ts';
import { formatDate, h } from './dom.ts';
import { EditionActions } from './edition-actions.ts';
import { ImportPanel } from './import-panel.ts';

export interface LibraryOptions {
  api: Api;
  onError: (message: string) => void;
  /** The view's state in the address: filter, sort and view. */
  state?: LibraryState;
  onState?: (state: LibraryState) => void;
}

export interface LibraryState {
  view: 'papers' | 'today';
  sort: 'date' | 'name';
  filter: string;
}

/** Covers' sizes in CSS pixels: the grid picks the largest that lets every paper fit. */
const COVER_MAX = 300;
const COVER_MIN = 120;
const GAP = 22;
/** Height of a card's text under its cover: the paper, the date, the editions. */
const CARD_TEXT = 66;

interface Paper {
  id: string;
  name: string;
  latest: EditionSummary;
  editions: number;
}

export class LibraryView {
  readonly element: HTMLElement;
  readonly imports: ImportPanel;
  readonly #options: LibraryOptions;
  readonly #covers: CoverLoader;
  readonly #actions: EditionActions;
  readonly #resize: ResizeObserver;
  #state: LibraryState;
  #editions: EditionSummary[] = [];
  #delivered = new Set<string>();
  #grid: HTMLElement | undefined;
  #body = h('div', { className: 'library-body' });

  constructor(options: LibraryOptions) {
    this.#options = options;
    this.#state = options.state ?? { view: 'papers', sort: 'date', filter: '' };
    this.element = h('main', { className: 'library', id: 'main', 'aria-label': 'Library' });
    previewOnApproach(this.element);
    this.#covers = new CoverLoader();
    // What an import, an edit or a deletion changes comes back as the archive's events (app.ts).
    this.imports = new ImportPanel({ api: options.api });
    this.#actions = new EditionActions({
      api: options.api,
      papers: () => this.#papers().map(({ id, name }) => ({ id, name })),
      delivered: () => this.#delivered,
      onHidden: () => this.#draw(),
      onError: options.onError,
    });
    this.#resize = new ResizeObserver(() => this.#fit());
    this.#resize.observe(this.element);
  }

  async refresh(): Promise<void> {
    const [editions, sources] = await Promise.all([
      this.#options.api.call('editions.list', { limit: 10_000 }),
      this.#options.api.call('sources.list', {}),
    ]);
    this.#editions = editions;
    this.#delivered = new Set(sources.filter((s) => s.definition).map((s) => s.id));
    this.#draw();
    this.element.dataset.editions = String(this.#shown().length);
  }

  destroy(): void {
    this.#resize.disconnect();
    this.#actions.destroy();
    this.element.remove();
  }

  /** Editions not waiting out a deletion's undo. */
  #shown(): EditionSummary[] {
    return this.#editions.filter((e) => !this.#actions.hidden.has(e.id));
  }

  #papers(): Paper[] {
    const papers = new Map<string, Paper>();
    for (const edition of this.#shown()) {
      const paper = papers.get(edition.source);
      if (paper) paper.editions++;
      else
        papers.set(edition.source, {
          id: edition.source,
          name: edition.sourceName,
          latest: edition,
          editions: 1,
        });
    }
    return [...papers.values()];
  }

  #draw(): void {
    const shown = this.#shown();
    if (shown.length === 0) {
      this.element.replaceChildren(this.#head(0, 0), this.imports.element, this.#empty());
      return;
    }
    this.#body = h('div', { className: 'library-body' });
    this.element.replaceChildren(
      this.#head(shown.length, this.#papers().length),
      this.imports.element,
      this.#body,
    );
    this.#drawBody();
  }

  /** The papers or today's editions, as the state says; the header stays as it is. */
  #drawBody(): void {
    const shown = this.#shown();
    if (shown.length === 0) return;
    if (this.#state.view === 'today') this.#drawToday(shown);
    else this.#drawPapers(this.#papers());
  }

  #head(editions: number, papers: number): HTMLElement {
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const filter = h('input', {
      type: 'search',
      className: 'library-filter',
      placeholder: 'Filter papers',
      'aria-label': 'Filter papers by name',
      value: this.#state.filter,
    });
    filter.addEventListener('input', () => {
      this.#set({ filter: filter.value });
    });
    const sort = h(
      'select',
      { 'aria-label': 'Sort papers' },
      h('option', { value: 'date', text: 'Newest first', selected: this.#state.sort === 'date' }),
      h('option', { value: 'name', text: 'By name', selected: this.#state.sort === 'name' }),
    );
    sort.addEventListener('change', () => this.#set({ sort: sort.value as LibraryState['sort'] }));
    const views = h(
      'span',
      { className: 'segmented', role: 'group', 'aria-label': 'Show' },
      ...(['papers', 'today'] as const).map((view) => {
        const button = h('button', {
          type: 'button',
          className: 'toggle',
          'aria-pressed': String(this.#state.view === view),
          'data-view': view,
          text: view === 'papers' ? 'Papers' : 'Today',
        });
        button.addEventListener('click', () => this.#set({ view }));
        return button;
      }),
    );
    const links = h(
      'nav',
      { className: 'library-links', 'aria-label': 'Paperboy' },
      h('a', {
        className: 'head-link',
        href: '#/search',
        text: 'Search',
        'aria-keyshortcuts': 'Control+K',
      }),
      h('a', { className: 'head-link', href: '#/clips', text: 'Clips' }),
      h('a', { className: 'head-link', href: '#/sources', text: 'Sources' }),
      h('a', { className: 'head-link', href: '#/settings', text: 'Settings' }),
      h('a', {
        className: 'head-link',
        href: '#/link',
        text: 'Link a clipping',
        'aria-keyshortcuts': 'Control+Shift+L',
      }),
    );
    return h(
      'header',
      { className: 'library-head' },
      h(
        'div',
        { className: 'library-title' },
        h('h1', { text: 'Library' }),
        editions > 0 &&
          h('p', {
            className: 'library-count',
            text: `${count(editions, 'edition', 'editions')} from ${count(papers, 'paper', 'papers')}`,
          }),
      ),
      h(
        'div',
        { className: 'library-tools' },
        editions > 0 && views,
        editions > 0 && filter,
        editions > 0 && sort,
        this.imports.buttons(),
      ),
      links,
    );
  }

  #set(change: Partial<LibraryState>): void {
    this.#state = { ...this.#state, ...change };
    this.#options.onState?.(this.#state);
    for (const button of this.element.querySelectorAll<HTMLElement>('.segmented [data-view]'))
      button.setAttribute('aria-pressed', String(button.dataset.view === this.#state.view));
    this.#drawBody();
  }

  #drawPapers(all: Paper[]): void {
    const needle = this.#state.filter.trim().toLocaleLowerCase();
    const papers = all
      .filter((p) => !needle || p.name.toLocaleLowerCase().includes(needle))
      .sort((a, b) =>
        this.#state.sort === 'name'
          ? a.name.localeCompare(b.name)
          : b.latest.date.localeCompare(a.latest.date) || a.name.localeCompare(b.name),
      );
    const width = this.#coverWidth(papers.length);
    const grid = h(
      'ol',
      { className: 'paper-grid', 'aria-label': 'Papers' },
      ...papers.map((paper) => this.#paperCard(paper, width)),
    );
    this.#grid = grid;
    this.#body.replaceChildren(
      papers.length > 0
        ? grid
        : h('p', {
            className: 'library-none',
            text: `No paper's name has “${this.#state.filter}”.`,
          }),
    );
    this.#fit();
  }

  #paperCard(paper: Paper, width: number): HTMLElement {
    const href = `#/paper/${encodeURIComponent(paper.id)}`;
    return this.#card(paper.latest, width, href, [
      h('span', { text: formatDate(paper.latest.date, 'compact') }),
      h('a', { href, text: paper.editions > 1 ? `${paper.editions} editions` : '1 edition' }),
    ]);
  }

  /** An edition's card: its cover (opening it), its paper (opening `paperHref`), `meta` under. */
  #card(edition: EditionSummary, width: number, paperHref: string, meta: Node[]): HTMLElement {
    return h(
      'li',
      { className: 'card paper-card', 'data-source': edition.source },
      h(
        'a',
        {
          className: 'card-link',
          href: readerRoute({ edition: edition.id }),
          'data-edition': edition.id,
          'aria-label': `${edition.title}, ${formatDate(edition.date)}, ${edition.pages} pages`,
        },
        this.#covers.cover(edition, width),
      ),
      h(
        'div',
        { className: 'card-text' },
        h('a', {
          className: 'card-paper',
          href: paperHref,
          text: edition.sourceName,
          title: `${edition.sourceName}: every edition, by month`,
        }),
        h('span', { className: 'card-meta' }, ...meta),
        this.#badges(edition),
      ),
      this.#actions.menu(edition),
    );
  }

  /** Marks on a card: the sample (with a way to remove it), a date to confirm. */
  #badges(edition: EditionSummary): HTMLElement | undefined {
    const marks: HTMLElement[] = [];
    if (edition.sample) {
      const remove = h('button', { type: 'button', className: 'quiet', text: 'Remove sample' });
      remove.addEventListener('click', () => {
        // The sample is Paperboy's, not the reader's: it goes even with clips made on it (they stay).
        this.#options.api
          .call('editions.remove', { id: edition.id, clipped: true })
          .catch((error: Error) => this.#options.onError(error.message));
      });
      marks.push(h('span', { className: 'badge', text: 'Sample' }), remove);
    }
    if (edition.dateCheck)
      marks.push(
        h('span', {
          className: 'badge uncertain',
          text: 'Date?',
          title: `The date is uncertain: ${edition.dateCheck.reason}. Confirm or correct it from the ⋯ menu.`,
        }),
      );
    return marks.length > 0 ? h('div', { className: 'sample' }, ...marks) : undefined;
  }

  #drawToday(shown: EditionSummary[]): void {
    const today = localToday();
    let day = today;
    let editions = shown.filter((e) => e.date === today);
    let heading = `Today, ${formatDate(today)}`;
    if (editions.length === 0) {
      day = shown[0]!.date;
      editions = shown.filter((e) => e.date === day);
      heading = `Nothing dated today yet — the latest day is ${formatDate(day)}`;
    }
    const width = this.#coverWidth(editions.length);
    const cards = editions.map((edition) =>
      this.#card(
        edition,
        width,
        `#/paper/${encodeURIComponent(edition.source)}?month=${edition.date.slice(0, 7)}`,
        [h('span', { text: `${edition.pages} pages` })],
      ),
    );
    this.#grid = h('ol', { className: 'paper-grid', 'aria-label': heading }, ...cards);
    this.#body.replaceChildren(h('h2', { className: 'today-head', text: heading }), this.#grid);
    this.#fit();
  }

  /**
   * The largest cover that lets `count` cards fit the space below the header
   * (never below COVER_MIN: past that, the grid scrolls down, never sideways).
   */
  #coverWidth(count: number): number {
    const width = this.element.clientWidth - 2 * padding(this.element);
    const top = this.#body.getBoundingClientRect().top - this.element.getBoundingClientRect().top;
    const height = Math.max(240, innerHeight - top - 40);
    const aspect = typicalAspect(this.#shown());
    for (let cover = COVER_MAX; cover > COVER_MIN; cover -= 4) {
      const columns = Math.max(1, Math.floor((width + GAP) / (cover + GAP)));
      const rows = Math.ceil(count / columns);
      if (rows * (cover / aspect + CARD_TEXT + GAP) <= height) return cover;
    }
    return COVER_MIN;
  }

  #fit(): void {
    if (!this.#grid) return;
    const count = this.#grid.children.length;
    this.#grid.style.setProperty('--cover-width', `${this.#coverWidth(count)}px`);
  }

  #empty(): HTMLElement {
    return h(
      'section',
      { className: 'empty' },
      h('h1', { text: 'Your archive is empty' }),
      h('p', {
        text: 'Drop a newspaper PDF here, or a folder of page PDFs, or use Import above. The paper and the date come from the file names and the front page.',
      }),
      h(
        'p',
        {},
        'Or let Paperboy deliver a paper every morning: ',
        h('a', { href: '#/sources', text: 'add a source' }),
        '.',
      ),
    );
  }
}

function padding(element: HTMLElement): number {
  return Number.parseFloat(getComputedStyle(element).paddingLeft) || 0;
}

/** Today where the reader is, as YYYY-MM-DD. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
