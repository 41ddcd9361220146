/**
 * Search: one box for every page of the archive, results grouped by edition
 * with their snippets and the story each is in; a result opens that story,
 * zoomed to be read, with the hits marked.
 * Syntax: words (all of them), "a phrase", word*, OR, NOT or -word.
 */

import type { Api, Result } from '../../main/common/api.ts';
import type { Edition } from '../../main/common/domain.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { fileUrl } from '../api/connect.ts';
import type { DocumentCache } from '../viewer/documents.ts';
import { renderThumbnail } from '../viewer/thumbnail.ts';
import { formatDate, h, pageHead, searchForm } from './dom.ts';

/** What a search is narrowed to: one paper, a range of dates. */
export interface SearchFilters {
  source?: string;
  from?: string;
  to?: string;
  /** Newest editions first; best matches first when absent. */
  sort?: 'newest';
}

export interface SearchOptions {
  api: Api;
  docs: DocumentCache;
  query: string;
  filters?: SearchFilters;
  /** Called with the query and filters as they are submitted, so the address can follow. */
  onQuery: (query: string, filters: SearchFilters) => void;
}

/** Results fetched at a time; "Show more" fetches the next ones. */
const PAGE_SIZE = 50;

type Hit = Result<'search.query'>['hits'][number];

export class SearchView {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  readonly #options: SearchOptions;
  readonly #results = h('div', { className: 'results', 'aria-live': 'polite' });
  readonly #paper = h('select', { className: 'paper-filter', 'aria-label': 'Paper' });
  readonly #from = h('input', { type: 'date', className: 'from-filter', 'aria-label': 'From' });
  readonly #to = h('input', { type: 'date', className: 'to-filter', 'aria-label': 'To' });
  readonly #sort = h(
    'select',
    { className: 'sort-filter', 'aria-label': 'Order' },
    h('option', { value: '', text: 'Best matches first' }),
    h('option', { value: 'newest', text: 'Newest first' }),
  );
  #query = '';
  #run = 0;
  /** Resolves once the papers' names are known (the result headings use them). */
  #named: Promise<void> = Promise.resolve();
  readonly #names = new Map<string, string>();
  readonly #editions = new Map<string, Promise<Edition>>();
  /** Result thumbnails are drawn when they scroll into view. */
  readonly #observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        this.#observer.unobserve(entry.target);
        void this.#thumbnail(entry.target as HTMLCanvasElement);
      }
    },
    { rootMargin: '200px' },
  );

  constructor(options: SearchOptions) {
    this.#options = options;
    const { form, input } = searchForm(
      {
        label: 'Search every page',
        placeholder: 'Search every page — "a phrase", word*, OR, -word',
        value: options.query,
      },
      (value) => this.#submit(value),
    );
    this.input = input;
    const filters = options.filters ?? {};
    this.#paper.append(h('option', { value: '', text: 'All papers' }));
    this.#from.value = filters.from ?? '';
    this.#to.value = filters.to ?? '';
    this.#sort.value = filters.sort ?? '';
    for (const control of [this.#paper, this.#from, this.#to, this.#sort])
      control.addEventListener('change', () => this.#submit(this.input.value));
    // The papers to choose from; the one asked for is there before the list arrives.
    if (filters.source) {
      this.#paper.append(h('option', { value: filters.source, text: filters.source }));
      this.#paper.value = filters.source;
    }
    this.#named = this.#papers(filters.source);
    this.element = h(
      'main',
      { className: 'search', id: 'main', 'aria-label': 'Search' },
      pageHead('Search'),
      form,
      h(
        'div',
        { className: 'search-filters', role: 'group', 'aria-label': 'Narrow the search' },
        this.#paper,
        h('label', {}, 'From ', this.#from),
        h('label', {}, 'to ', this.#to),
        this.#sort,
      ),
      this.#results,
    );
  }

  /** The filters as set now. */
  get filters(): SearchFilters {
    return {
      ...(this.#paper.value && { source: this.#paper.value }),
      ...(this.#from.value && { from: this.#from.value }),
      ...(this.#to.value && { to: this.#to.value }),
      ...(this.#sort.value === 'newest' && { sort: 'newest' as const }),
    };
  }

  #submit(value: string): void {
    this.#options.onQuery(value, this.filters);
    void this.search(value);
  }

  async #papers(selected?: string): Promise<void> {
    const sources = await this.#options.api.call('sources.list', {}).catch(() => []);
    for (const source of sources) this.#names.set(source.id, source.name);
    const options = [...sources]
      .filter((source) => source.editions > 0)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((source) => h('option', { value: source.id, text: source.name }));
    this.#paper.replaceChildren(h('option', { value: '', text: 'All papers' }), ...options);
    this.#paper.value = this.filters.source ?? selected ?? '';
    if (selected && this.#paper.value !== selected) {
      this.#paper.append(h('option', { value: selected, text: selected }));
      this.#paper.value = selected;
    }
  }

  async search(query: string): Promise<void> {
    const run = ++this.#run;
    this.#query = query;
    if (!query.trim()) {
      this.#results.replaceChildren();
      return;
    }
    try {
      const [result] = await Promise.all([this.#page(query, 0), this.#named]);
      if (run !== this.#run) return;
      this.#results.replaceChildren(this.#render(query, result));
      this.element.dataset.total = String(result.total);
      this.element.dataset.shown = String(result.hits.length);
    } catch (error) {
      if (run !== this.#run) return;
      this.#results.replaceChildren(
        h('p', { className: 'failure', role: 'alert', text: (error as Error).message }),
      );
      this.element.dataset.total = 'error';
    }
  }

  destroy(): void {
    this.#observer.disconnect();
    this.element.remove();
  }

  #page(query: string, offset: number): Promise<Result<'search.query'>> {
    return this.#options.api.call('search.query', {
      q: query,
      limit: PAGE_SIZE,
      offset,
      ...this.filters,
    });
  }

  /** The result's page, small, with its hits marked. */
  async #thumbnail(canvas: HTMLCanvasElement): Promise<void> {
    const { edition: id, page: n, boxes } = canvas.dataset;
    try {
      const edition =
        this.#editions.get(id!) ?? this.#options.api.call('editions.get', { id: id! });
      this.#editions.set(id!, edition);
      const page = (await edition).pages.find((p) => p.n === Number(n))!;
      // Drawn with its document kept open: many results come into view at once.
      const pdfPage = await this.#options.docs.withPage(
        fileUrl(id!, page.file),
        page.index,
        async (pdfPage) => {
          await renderThumbnail(pdfPage, canvas, 72);
          return pdfPage;
        },
      );
      const viewport = pdfPage.getViewport({
        scale: canvas.width / pdfPage.getViewport({ scale: 1 }).width,
      });
      const context = canvas.getContext('2d')!;
      context.fillStyle = 'rgb(255 170 0 / 55%)';
      for (const [x, y, w, hh] of JSON.parse(boxes!) as number[][]) {
        const [x1, y1] = viewport.convertToViewportPoint(x!, y!) as number[];
        const [x2, y2] = viewport.convertToViewportPoint(x! + w!, y! + hh!) as number[];
        // At thumbnail size a word is a speck: mark it at least a few pixels big.
        context.fillRect(
          Math.min(x1!, x2!) - 2,
          Math.min(y1!, y2!) - 2,
          Math.max(4, Math.abs(x2! - x1!) + 4),
          Math.max(4, Math.abs(y2! - y1!) + 4),
        );
      }
      canvas.dataset.drawn = 'true';
    } catch {
      canvas.dataset.drawn = 'failed';
    }
  }

  #thumbCanvas(hit: Hit): HTMLCanvasElement {
    const canvas = h('canvas', {
      className: 'result-thumb',
      'aria-hidden': 'true',
      'data-edition': hit.edition,
      'data-page': hit.page,
      'data-boxes': JSON.stringify(hit.boxes),
    });
    this.#observer.observe(canvas);
    return canvas;
  }

  #render(query: string, result: Result<'search.query'>): Node {
    const count = `${result.exact ? '' : 'more than '}${result.total} page${result.total === 1 ? '' : 's'}`;
    if (result.total === 0)
      return h('p', { className: 'muted', text: `Nothing found for ${query}.` });
    const list = h('ol', { className: 'result-editions' });
    let shown = 0;
    const more = h('button', { type: 'button', className: 'more-results' });
    const update = () => {
      const left = result.total - shown;
      more.textContent = `Show ${Math.min(PAGE_SIZE, left)} more of ${left}`;
      more.hidden = left <= 0;
    };
    const add = (hits: readonly Hit[]) => {
      for (const hit of hits) this.#append(list, query, hit);
      shown += hits.length;
      this.element.dataset.shown = String(shown);
      update();
    };
    more.addEventListener('click', async () => {
      const run = this.#run;
      more.disabled = true;
      try {
        const next = await this.#page(query, shown);
        if (run !== this.#run || this.#query !== query) return;
        // Past the ranking window a page of results may come back short: stop there.
        if (next.hits.length === 0) result.total = shown;
        add(next.hits);
      } finally {
        more.disabled = false;
      }
    });
    add(result.hits);
    return h(
      'div',
      {},
      h('p', { className: 'muted', text: `${count} · ${result.tookMs} ms` }),
      list,
      more,
    );
  }

  /** A result under its edition's heading; the next result of the same edition joins it. */
  #append(list: HTMLOListElement, query: string, hit: Hit): void {
    let group = list.lastElementChild as HTMLLIElement | null;
    if (group?.dataset.edition !== hit.edition) {
      group = h(
        'li',
        { className: 'result-edition', 'data-edition': hit.edition },
        h('h2', {
          text: `${this.#names.get(hit.source) ?? hit.source} · ${formatDate(hit.date)}`,
        }),
        h('ul', {}),
      );
      list.append(group);
    }
    group.querySelector('ul')!.append(
      h(
        'li',
        {},
        h(
          'a',
          {
            className: 'result',
            // A hit in a story opens that story, zoomed to be read, with the hits marked.
            href: readerRoute({
              edition: hit.edition,
              page: hit.page,
              query,
              ...(hit.article && {
                rects: hit.article.regions.map((r) => `${r.page}:${r.x},${r.y},${r.w},${r.h}`),
              }),
            }),
          },
          this.#thumbCanvas(hit),
          h('span', { className: 'result-page', text: `Page ${hit.page}` }),
          hit.article?.headline
            ? h('span', { className: 'result-headline', text: hit.article.headline })
            : false,
          snippet(hit.snippet),
        ),
      ),
    );
  }
}

/** The snippet with its «marked» words as <mark>, built as nodes (never as HTML). */
function snippet(text: string): HTMLElement {
  const out = h('span', { className: 'snippet' });
  for (const part of text.split(/(«[^»]*»)/)) {
    if (part.startsWith('«') && part.endsWith('»'))
      out.append(h('mark', { text: part.slice(1, -1) }));
    else if (part) out.append(part);
  }
  return out;
}
