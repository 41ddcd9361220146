/**
 * The clips library: every clip with its image, where it was printed, its
 * note and tags (edited in place, saved as you leave the field), search over
 * title, text, note and tags, a tag filter, and exports (PNG, PDF, Markdown).
 * A clip opens its page with the region outlined.
 */

import type { Api } from '../../main/common/api.ts';
import type { Clip } from '../../main/common/clips.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { clipUrl, shareLink } from '../api/connect.ts';
import { formatDate, h, pageHead, searchForm } from './dom.ts';

export interface ClipsOptions {
  api: Api;
  query: string;
  tag?: string;
  /** Called with the search as it is submitted, so the address can follow. */
  onQuery: (query: string, tag?: string) => void;
  onError: (message: string) => void;
}

/** The reader's address for a clip: its page with its regions outlined. */
export function clipHref(clip: Clip): string {
  return readerRoute({
    edition: clip.edition,
    page: clip.page,
    rects: clip.rects.map((r) => `${clip.page}:${r.join(',')}`),
  });
}

export class ClipsView {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  readonly #options: ClipsOptions;
  readonly #list = h('div', { className: 'clip-list', 'aria-live': 'polite' });
  #tag: string | undefined;
  #run = 0;

  constructor(options: ClipsOptions) {
    this.#options = options;
    this.#tag = options.tag;
    const { form, input } = searchForm(
      {
        label: 'Search your clips',
        placeholder: 'Search your clips — title, text, notes, tags',
        value: options.query,
      },
      (value) => {
        options.onQuery(value, this.#tag);
        void this.refresh();
      },
    );
    this.input = input;
    this.element = h(
      'main',
      { className: 'clips', id: 'main', 'aria-label': 'Clips' },
      pageHead('Clips'),
      form,
      this.#list,
    );
  }

  async refresh(): Promise<void> {
    const run = ++this.#run;
    try {
      const q = this.input.value.trim();
      const result = await this.#options.api.call('clips.list', {
        ...(q && { q }),
        ...(this.#tag && { tag: this.#tag }),
        limit: 200,
      });
      if (run !== this.#run) return;
      this.element.dataset.total = String(result.total);
      const filter: HTMLElement[] = this.#tag
        ? [
            h(
              'p',
              { className: 'clip-filter' },
              `Tagged “${this.#tag}” · `,
              this.#button('Show all', () => this.#setTag(undefined)),
            ),
          ]
        : [];
      if (result.total === 0) {
        this.#list.replaceChildren(
          ...filter,
          h('p', {
            className: 'empty-note',
            text:
              q || this.#tag
                ? 'No clips match.'
                : 'No clips yet. In the reader, press C (or the Clip button) and drag a rectangle over a story; or paste a web article anywhere to find where it was printed and save it.',
          }),
        );
        return;
      }
      this.#list.replaceChildren(...filter, ...result.clips.map((clip) => this.#card(clip)));
    } catch (error) {
      this.#list.replaceChildren(h('p', { className: 'failure', text: (error as Error).message }));
      this.element.dataset.total = 'error';
    }
  }

  destroy(): void {
    this.element.remove();
  }

  #setTag(tag: string | undefined): void {
    this.#tag = tag;
    this.#options.onQuery(this.input.value, tag);
    void this.refresh();
  }

  #button(text: string, action: () => void, className = 'quiet'): HTMLButtonElement {
    const button = h('button', { type: 'button', className, text });
    button.addEventListener('click', action);
    return button;
  }

  #card(clip: Clip): HTMLElement {
    const api = this.#options.api;
    const save = async (changes: { title?: string; note?: string; tags?: string[] }) => {
      try {
        await api.call('clips.update', { id: clip.id, ...changes });
        Object.assign(clip, changes);
      } catch (error) {
        this.#options.onError((error as Error).message);
      }
    };
    const title = h('input', {
      className: 'clip-title',
      value: clip.title,
      'aria-label': 'Title',
      maxlength: 300,
    });
    title.addEventListener('change', () => {
      if (title.value.trim()) void save({ title: title.value.trim() });
    });
    const note = h('textarea', {
      className: 'clip-note',
      rows: 2,
      'aria-label': 'Note',
      placeholder: 'Add a note',
    });
    note.value = clip.note;
    note.addEventListener('change', () => void save({ note: note.value }));
    const tags = h('input', {
      className: 'clip-tags-input',
      value: clip.tags.join(', '),
      'aria-label': 'Tags, separated by commas',
      placeholder: 'Tags, separated by commas',
    });
    tags.addEventListener('change', () => {
      const list = [
        ...new Set(
          tags.value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ];
      void save({ tags: list });
    });
    const tagLinks = clip.tags.map((tag) =>
      this.#button(`#${tag}`, () => this.#setTag(tag), 'tag'),
    );
    const remove = this.#button('Delete', async () => {
      try {
        await api.call('clips.remove', { id: clip.id });
        await this.refresh();
      } catch (error) {
        this.#options.onError((error as Error).message);
      }
    });
    // A link to the clip's page with its regions: paperboy:// on the desktop, serve's address in a browser.
    const copy = this.#button('Copy link', async () => {
      const link = shareLink(
        clip.edition,
        clip.page,
        clip.rects.map((r) => r.map((v) => Math.round(v * 10) / 10).join(',')),
      );
      copy.dataset.link = link;
      try {
        await navigator.clipboard.writeText(link);
        copy.textContent = 'Link copied';
      } catch {
        // No clipboard (a page not served securely): the link is shown to copy by hand.
        copy.replaceWith(h('code', { className: 'clip-link', text: link }));
      }
    });
    const exports = (['png', 'pdf', 'md'] as const).map((format) =>
      h('a', {
        href: clipUrl(clip.id, format),
        download: `${clip.title.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}.${format}`,
        text: format === 'md' ? 'Markdown' : format.toUpperCase(),
      }),
    );
    return h(
      'article',
      { className: 'clip-card', 'data-id': clip.id },
      h(
        'a',
        {
          className: 'clip-image',
          href: clipHref(clip),
          'aria-label': `Open ${clip.title} on its page`,
        },
        h('img', { src: clipUrl(clip.id, 'png'), alt: clip.title, loading: 'lazy' }),
      ),
      h(
        'div',
        { className: 'clip-body' },
        title,
        h(
          'p',
          { className: 'clip-where' },
          h('a', {
            href: clipHref(clip),
            text: `${clip.source} · ${formatDate(clip.date, 'short')} · page ${clip.page}`,
          }),
          clip.link ? ` · linked from “${clip.link.webHeadline ?? 'a web article'}”` : '',
        ),
        h('p', {
          className: 'clip-text',
          text: clip.text.length > 280 ? `${clip.text.slice(0, 280)}…` : clip.text,
        }),
        note,
        tags,
        h('div', { className: 'clip-tags' }, ...tagLinks),
        h(
          'div',
          { className: 'clip-actions' },
          h('span', { text: 'Export:' }),
          ...exports,
          copy,
          remove,
        ),
      ),
    );
  }
}
