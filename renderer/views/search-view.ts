/**
 * Search: one box for every page of the archive, results grouped by edition
 * with their snippets; a result opens its page with the hits marked.
 * Syntax: words (all of them), "a phrase", word*, OR, NOT or -word.
 */

import type { Api, Result } from '../../main/common/api.ts';
import type { Edition } from '../../main/common/domain.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { fileUrl } from '../api/connect.ts';
import type { DocumentCache } from '../viewer/documents.ts';
import { renderThumbnail } from '../viewer/thumbnail.ts';
import { formatDate, h, pageHead, searchForm } from './dom.ts';

export interface SearchOptions {
  api: Api;
  docs: DocumentCache;
  query: string;
  /** Called with the query as it is submitted, so the address can follow. */
  onQuery: (query: string) => void;
}

type Hit = Result<'search.query'>['hits'][number];

export class SearchView {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  readonly #options: SearchOptions;
  readonly #results = h('div', { className: 'results', 'aria-live': 'polite' });
  #run = 0;
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
      (value) => {
        options.onQuery(value);
        void this.search(value);
      },
    );
    this.input = input;
    this.element = h(
      'main',
      { className: 'search', id: 'main', 'aria-label': 'Search' },
      pageHead('Search'),
      form,
      this.#results,
    );
  }

  async search(query: string): Promise<void> {
    const run = ++this.#run;
    if (!query.trim()) {
      this.#results.replaceChildren();
      return;
    }
    try {
      const [result, sources] = await Promise.all([
        this.#options.api.call('search.query', { q: query, limit: 50 }),
        this.#names.size ? undefined : this.#options.api.call('sources.list', {}),
      ]);
      for (const source of sources ?? []) this.#names.set(source.id, source.name);
      if (run !== this.#run) return;
      this.#results.replaceChildren(this.#render(query, result));
      this.element.dataset.total = String(result.total);
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

  /** The result's page, small, with its hits marked. */
  async #thumbnail(canvas: HTMLCanvasElement): Promise<void> {
    const { edition: id, page: n, boxes } = canvas.dataset;
    try {
      const edition =
        this.#editions.get(id!) ?? this.#options.api.call('editions.get', { id: id! });
      this.#editions.set(id!, edition);
      const page = (await edition).pages.find((p) => p.n === Number(n))!;
      const pdfPage = await this.#options.docs.page(fileUrl(id!, page.file), page.index);
      await renderThumbnail(pdfPage, canvas, 72);
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
    const byEdition = new Map<string, Hit[]>();
    for (const hit of result.hits)
      byEdition.set(hit.edition, [...(byEdition.get(hit.edition) ?? []), hit]);
    return h(
      'div',
      {},
      h('p', { className: 'muted', text: `${count} · ${result.tookMs} ms` }),
      h(
        'ol',
        { className: 'result-editions' },
        ...[...byEdition.values()].map((hits) =>
          h(
            'li',
            { className: 'result-edition' },
            h('h2', {
              text: `${this.#names.get(hits[0]!.source) ?? hits[0]!.source} · ${formatDate(hits[0]!.date)}`,
            }),
            h(
              'ul',
              {},
              ...hits.map((hit) =>
                h(
                  'li',
                  {},
                  h(
                    'a',
                    {
                      className: 'result',
                      href: readerRoute({ edition: hit.edition, page: hit.page, query }),
                    },
                    this.#thumbCanvas(hit),
                    h('span', { className: 'result-page', text: `Page ${hit.page}` }),
                    snippet(hit.snippet),
                  ),
                ),
              ),
            ),
          ),
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
