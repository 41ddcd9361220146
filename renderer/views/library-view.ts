/**
 * The library: a shelf per source, newest edition first and large, earlier
 * days after it, each with its front page drawn as a thumbnail when it scrolls
 * into view. Samples are marked and can be removed.
 */

import type { Api } from '../../main/common/api.ts';
import type { EditionSummary } from '../../main/common/domain.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { fileUrl } from '../api/connect.ts';
import type { DocumentCache } from '../viewer/documents.ts';
import { renderThumbnail } from '../viewer/thumbnail.ts';
import { formatDate, h } from './dom.ts';

export interface LibraryOptions {
  api: Api;
  docs: DocumentCache;
  onError: (message: string) => void;
}

export class LibraryView {
  readonly element: HTMLElement;
  readonly #options: LibraryOptions;
  readonly #observer: IntersectionObserver;
  readonly #pending = new Map<Element, () => void>();

  constructor(options: LibraryOptions) {
    this.#options = options;
    this.element = h('main', { className: 'library', id: 'main', 'aria-label': 'Library' });
    this.#observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          this.#pending.get(entry.target)?.();
          this.#pending.delete(entry.target);
          this.#observer.unobserve(entry.target);
        }
      },
      { rootMargin: '200px' },
    );
  }

  async refresh(): Promise<void> {
    const editions = await this.#options.api.call('editions.list', {});
    this.#pending.clear();
    this.#observer.disconnect();
    this.element.replaceChildren(this.#render(editions));
    this.element.dataset.editions = String(editions.length);
  }

  destroy(): void {
    this.#observer.disconnect();
    this.element.remove();
  }

  #render(editions: EditionSummary[]): Node {
    if (editions.length === 0) {
      return h(
        'section',
        { className: 'empty' },
        h('h1', { text: 'Your archive is empty' }),
        h('p', { text: 'Add a newspaper edition from the command line:' }),
        h('pre', {}, h('code', { text: 'npx paperboy import edition.pdf' })),
        h('p', {
          text: 'A whole-edition PDF or a folder of page PDFs both work; the date comes from the file name or the PDF.',
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
    const bySource = new Map<string, EditionSummary[]>();
    for (const edition of editions) {
      const list = bySource.get(edition.source) ?? [];
      list.push(edition);
      bySource.set(edition.source, list);
    }
    const shelves = [...bySource.values()].map((list) => this.#shelf(list));
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const head = h(
      'header',
      { className: 'library-head' },
      h('h1', { text: 'Library' }),
      h('p', {
        className: 'library-count',
        text: `${count(editions.length, 'edition', 'editions')} from ${count(bySource.size, 'paper', 'papers')}`,
      }),
    );
    head.append(
      h('a', {
        className: 'head-link',
        href: '#/search',
        text: 'Search',
        'aria-keyshortcuts': 'Control+K',
      }),
      h('a', { className: 'head-link', href: '#/clips', text: 'Clips' }),
      h('a', { className: 'head-link', href: '#/sources', text: 'Sources' }),
      h('a', {
        className: 'head-link',
        href: '#/link',
        text: 'Link a clipping',
        'aria-keyshortcuts': 'Control+Shift+L',
      }),
    );
    return h('div', { className: 'shelves' }, head, ...shelves);
  }

  #shelf(editions: EditionSummary[]): HTMLElement {
    const [latest] = editions;
    const heading = h('h2', { id: `shelf-${latest!.source}`, text: latest!.sourceName });
    const cards = editions.map((edition, i) => this.#card(edition, i === 0));
    return h(
      'section',
      { className: 'shelf', 'aria-labelledby': `shelf-${latest!.source}` },
      heading,
      h('ol', { className: 'cards' }, ...cards),
    );
  }

  #card(edition: EditionSummary, lead: boolean): HTMLElement {
    const width = lead ? 280 : 150;
    const canvas = h('canvas', { className: 'cover', 'aria-hidden': 'true' });
    canvas.style.aspectRatio = String(edition.aspect);
    const link = h(
      'a',
      {
        className: 'card-link',
        href: readerRoute({ edition: edition.id }),
        'data-edition': edition.id,
        'aria-label': `${edition.title}, ${formatDate(edition.date)}, ${edition.pages} pages`,
      },
      canvas,
      h(
        'span',
        { className: 'card-text' },
        h('span', {
          className: 'card-date',
          text: formatDate(edition.date, lead ? 'long' : 'short'),
        }),
        h('span', {
          className: 'card-meta',
          text: `${edition.pages} ${edition.pages === 1 ? 'page' : 'pages'}`,
        }),
      ),
    );
    const item = h('li', { className: lead ? 'card lead' : 'card' }, link);
    item.style.setProperty('--card-width', `${width}px`);
    if (edition.sample) {
      const remove = h('button', { className: 'quiet', type: 'button', text: 'Remove sample' });
      remove.addEventListener('click', () => {
        this.#options.api
          .call('editions.remove', { id: edition.id })
          .catch((error: Error) => this.#options.onError(error.message));
      });
      item.append(
        h(
          'div',
          { className: 'sample' },
          h('span', { className: 'badge', text: 'Sample' }),
          remove,
        ),
      );
    }
    this.#pending.set(canvas, () => {
      this.#options.docs
        .withPage(fileUrl(edition.id, edition.cover.file), edition.cover.index, (page) =>
          renderThumbnail(page, canvas, width),
        )
        .then(() => {
          canvas.dataset.rendered = 'true';
        })
        .catch(() => {
          canvas.dataset.rendered = 'failed';
          canvas.title = 'This page could not be drawn.';
        });
    });
    this.#observer.observe(canvas);
    return item;
  }
}
