/**
 * Linking a clipping, from anywhere: paste a web article or drop a saved page
 * (.txt, .html, .url, .webloc) on the window, or type/paste into the panel.
 * A side panel — never a modal — shows where the story was printed, with a
 * way to open the page with the story outlined, or says plainly that it is
 * not in the archive and where it looked.
 */

import type { Api } from '../../main/common/api.ts';
import { clipFromLink } from '../../main/common/clip-from-link.ts';
import type { DiffSegment, LinkResult } from '../../main/common/clips.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { shareLink } from '../api/connect.ts';
import { formatDate, h } from './dom.ts';

export interface LinkPanelOptions {
  api: Api;
}

/** The reader's address for a page with regions outlined (`rect=page:x,y,w,h`, repeated). */
export function regionsHref(edition: string, page: number, regions: LinkResult['regions']): string {
  return readerRoute({
    edition,
    page,
    rects: regions.map((r) => `${r.page}:${r.x},${r.y},${r.w},${r.h}`),
  });
}

function columnsText(columns: [number, number] | undefined): string {
  if (!columns) return '';
  return columns[0] === columns[1]
    ? `, column ${columns[0]}`
    : `, columns ${columns[0]}–${columns[1]}`;
}

export class LinkPanel {
  readonly element: HTMLElement;
  readonly #options: LinkPanelOptions;
  readonly #input: HTMLTextAreaElement;
  readonly #status = h('p', { className: 'link-status', role: 'status', 'aria-live': 'polite' });
  readonly #result = h('div', { className: 'link-result' });
  #run = 0;

  constructor(options: LinkPanelOptions) {
    this.#options = options;
    this.#input = h('textarea', {
      className: 'link-input',
      rows: 6,
      'aria-label': 'Clipping text',
      placeholder:
        'Paste a web article here — or drop a .txt, .html, .url or .webloc file anywhere in the window.',
    });
    const close = h('button', {
      type: 'button',
      className: 'icon',
      'aria-label': 'Close the clipping panel',
      text: '×',
    });
    close.addEventListener('click', () => this.close());
    const form = h(
      'form',
      { className: 'link-form' },
      this.#input,
      h('button', { type: 'submit', className: 'primary', text: 'Find where it was printed' }),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.link(this.#input.value);
    });
    this.element = h(
      'aside',
      { className: 'link-panel', 'aria-label': 'Link a clipping', hidden: true },
      h('header', { className: 'panel-head' }, h('h2', { text: 'Link a clipping' }), close),
      form,
      this.#status,
      this.#result,
    );
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.close();
      }
    });
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  show(): void {
    this.element.hidden = false;
    this.#input.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.#run++;
  }

  /** Links a clipping's content; `name` is the file's name when it came from one. */
  async link(content: string, name?: string): Promise<void> {
    this.element.hidden = false;
    if (!name) this.#input.value = content;
    const run = ++this.#run;
    this.element.dataset.state = 'linking';
    this.#status.textContent = name
      ? `Looking for “${name}” in your archive…`
      : 'Looking for the story in your archive…';
    this.#result.replaceChildren();
    try {
      const result = await this.#options.api.call('clips.link', {
        content,
        ...(name && { name }),
      });
      if (run !== this.#run) return;
      this.#status.textContent = '';
      this.#result.replaceChildren(await this.#card(result));
      this.element.dataset.state = result.found ? 'found' : 'not-found';
    } catch (error) {
      if (run !== this.#run) return;
      this.#status.textContent = '';
      this.#result.replaceChildren(
        h('p', { className: 'failure', text: (error as Error).message }),
      );
      this.element.dataset.state = 'error';
    }
  }

  /** What print cut and added; long unchanged stretches are shortened to their ends. */
  #diff(diff: DiffSegment[]): HTMLElement {
    const count = (op: DiffSegment['op']) =>
      diff.filter((d) => d.op === op).reduce((n, d) => n + d.text.split(' ').length, 0);
    const cut = count('cut');
    const added = count('added');
    const body = h('p', { className: 'diff' });
    for (const segment of diff) {
      if (segment.op === 'same') {
        const words = segment.text.split(' ');
        body.append(
          words.length > 16
            ? `${words.slice(0, 6).join(' ')} … ${words.slice(-6).join(' ')} `
            : `${segment.text} `,
        );
      } else {
        body.append(h(segment.op === 'cut' ? 'del' : 'ins', { text: segment.text }), ' ');
      }
    }
    return h(
      'details',
      { className: 'link-diff' },
      h('summary', {
        text:
          cut || added
            ? `What print changed: ${cut} word${cut === 1 ? '' : 's'} cut, ${added} added`
            : 'Print ran the web text unchanged',
      }),
      body,
    );
  }

  async #card(result: LinkResult): Promise<HTMLElement> {
    const parsed = result.parsed;
    const about = h(
      'p',
      { className: 'link-about' },
      [
        parsed.headline ?? 'Untitled clipping',
        parsed.agency ?? parsed.byline,
        parsed.published?.slice(0, 10),
      ]
        .filter(Boolean)
        .join(' · '),
    );
    if (!result.found || !result.edition || !result.page) {
      const { from, to, sources, pages, unreadable } = result.searched;
      const range =
        from && to ? `${formatDate(from, 'short')} – ${formatDate(to, 'short')}` : 'every date';
      return h(
        'section',
        { className: 'link-card not-found' },
        h('h3', { text: 'Not found in your archive' }),
        about,
        h('p', {
          text:
            pages === 0
              ? `There are no indexed pages from ${range}.`
              : `Searched ${range} in ${sources.join(', ')} — ${pages} page${pages === 1 ? '' : 's'}${unreadable ? `, ${unreadable} without usable text` : ''}.`,
        }),
      );
    }
    const edition = await this.#options.api.call('editions.get', { id: result.edition });
    const more = result.pages.filter((p) => p !== result.page);
    const open = h('a', {
      className: 'button primary',
      href: regionsHref(result.edition, result.page, result.regions),
      text: 'Open the page',
    });
    open.addEventListener('click', () => this.close());

    const save = h('button', { type: 'button', text: 'Save as clip' });
    save.addEventListener('click', async () => {
      save.disabled = true;
      try {
        const clip = await this.#options.api.call('clips.create', clipFromLink(result)!);
        save.replaceWith(
          h('a', {
            href: '#/clips',
            className: 'saved',
            text: `Saved “${clip.title}” to your clips`,
          }),
        );
      } catch (error) {
        save.disabled = false;
        this.#status.textContent = (error as Error).message;
      }
    });
    // A link to where it was printed: paperboy:// on the desktop, serve's address in a browser.
    const copy = h('button', { type: 'button', text: 'Copy link' });
    copy.addEventListener('click', async () => {
      const rects = result.regions
        .filter((r) => r.page === result.page)
        .map((r) => [r.x, r.y, r.w, r.h].map((v) => Math.round(v * 10) / 10).join(','));
      const link = shareLink(result.edition!, result.page!, rects);
      copy.dataset.link = link;
      try {
        await navigator.clipboard.writeText(link);
        copy.textContent = 'Link copied';
      } catch {
        // No clipboard (a page not served securely): the link is shown to copy by hand.
        this.#status.textContent = link;
      }
    });
    const card = h(
      'section',
      { className: 'link-card found' },
      h('h3', {
        text: `Printed on page ${edition.pages.find((p) => p.n === result.page)?.label ?? result.page}${columnsText(result.columns)}${more.length ? `, continued on page ${more.join(', ')}` : ''}`,
      }),
      h('p', { className: 'link-edition', text: `${edition.title} · ${formatDate(edition.date)}` }),
      about,
      h('p', {
        className: 'link-score',
        text: `Match ${Math.round(result.score * 100)} % · ${Math.round(result.matched * 100)} % of the clipping is in print`,
      }),
      result.headline.print &&
        h(
          'p',
          { className: 'link-headline' },
          h('span', { text: 'Print headline: ' }),
          result.headline.print,
        ),
      h('div', { className: 'link-actions' }, open, save, copy),
    );
    if (result.diff) card.append(this.#diff(result.diff));
    const alsoIn = result.candidates.filter((c) => c.linked);
    if (alsoIn.length) {
      card.append(
        h('h4', { text: 'Also printed in' }),
        h(
          'ul',
          { className: 'link-candidates' },
          ...alsoIn.map((c) =>
            h(
              'li',
              {},
              h('a', {
                href: readerRoute({ edition: c.edition, page: c.page }),
                text: `${c.source}, ${formatDate(c.date, 'short')}, page ${c.page}`,
              }),
              ` · match ${Math.round(c.score * 100)} %`,
            ),
          ),
        ),
      );
    }
    return card;
  }
}
