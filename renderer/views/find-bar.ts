/**
 * Find in this edition (Ctrl+F): the archive's index answers for every page at
 * once, every hit is marked, and Enter / Shift+Enter (or the arrows) step
 * through the hits across pages, the current one marked apart. The same query
 * syntax as search: words, "a phrase", word*, OR, -word.
 */
import type { Api } from '../../main/common/api.ts';
import type { Box } from '../viewer/edition-stage.ts';
import { h } from './dom.ts';

export interface FindHit {
  page: number;
  box: Box;
}

export interface FindBarOptions {
  api: Api;
  editionId: string;
  /** Marks every hit, page by page (an empty list clears a page). */
  onMarks: (page: number, boxes: Box[]) => void;
  /** Shows one hit: its page, with it marked as the current one. */
  onCurrent: (hit: FindHit | undefined) => void;
  onClose: () => void;
}

export class FindBar {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  readonly #options: FindBarOptions;
  readonly #count = h('span', { className: 'find-count', 'aria-live': 'polite' });
  #hits: FindHit[] = [];
  #index = -1;
  #marked = new Set<number>();
  #run = 0;

  constructor(options: FindBarOptions) {
    this.#options = options;
    this.input = h('input', {
      type: 'search',
      className: 'find-input',
      'aria-label': 'Find in this edition',
      placeholder: 'Find in this edition',
    });
    const previous = h('button', {
      type: 'button',
      className: 'icon',
      text: '↑',
      'aria-label': 'Previous match',
      'aria-keyshortcuts': 'Shift+Enter',
    });
    const next = h('button', {
      type: 'button',
      className: 'icon',
      text: '↓',
      'aria-label': 'Next match',
      'aria-keyshortcuts': 'Enter',
    });
    const close = h('button', {
      type: 'button',
      className: 'icon',
      text: '×',
      'aria-label': 'Close find',
    });
    previous.addEventListener('click', () => this.step(-1));
    next.addEventListener('click', () => this.step(1));
    close.addEventListener('click', () => this.close());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        if (this.input.value.trim() !== this.element.dataset.query)
          void this.find(this.input.value);
        else this.step(event.shiftKey ? -1 : 1);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
    this.element = h(
      'div',
      { className: 'find-bar', role: 'search', hidden: true },
      this.input,
      this.#count,
      previous,
      next,
      close,
    );
  }

  open(): void {
    this.element.hidden = false;
    this.input.focus();
    this.input.select();
  }

  /** Shows a search's terms, ready: the next `next()` (Enter on the page) finds and steps. */
  prime(query: string): void {
    this.input.value = query;
    this.element.hidden = false;
  }

  /** The next hit: found first, when the terms in the box have not been looked for yet. */
  next(): void {
    if (this.element.hidden || !this.input.value.trim()) return;
    if (this.input.value.trim() !== this.element.dataset.query) void this.find(this.input.value);
    else this.step(1);
  }

  close(): void {
    this.element.hidden = true;
    this.#run++;
    this.#clear();
    delete this.element.dataset.query;
    this.#options.onClose();
  }

  async find(query: string): Promise<void> {
    const run = ++this.#run;
    const q = query.trim();
    this.#clear();
    this.element.dataset.query = q;
    if (!q) {
      this.#count.textContent = '';
      return;
    }
    this.#count.textContent = 'Finding…';
    try {
      const result = await this.#options.api.call('search.query', {
        q,
        edition: this.#options.editionId,
        limit: 200,
      });
      if (run !== this.#run) return;
      const pages = [...result.hits].sort((a, b) => a.page - b.page);
      // Hits in reading order: page by page, top to bottom, left to right.
      this.#hits = pages.flatMap((hit) =>
        [...hit.boxes]
          .sort((a, b) => b[1] - a[1] || a[0] - b[0])
          .map((box) => ({ page: hit.page, box: box as Box })),
      );
      for (const hit of pages) {
        this.#options.onMarks(hit.page, hit.boxes as Box[]);
        this.#marked.add(hit.page);
      }
      this.element.dataset.total = String(this.#hits.length);
      if (this.#hits.length === 0) {
        this.#count.textContent = 'No matches';
        return;
      }
      this.step(1);
    } catch (error) {
      if (run !== this.#run) return;
      this.#count.textContent = (error as Error).message;
      this.element.dataset.total = 'error';
    }
  }

  /** Moves to the next (1) or previous (-1) hit, wrapping around the edition. */
  step(direction: 1 | -1): void {
    if (this.#hits.length === 0) return;
    this.#index = (this.#index + direction + this.#hits.length) % this.#hits.length;
    const hit = this.#hits[this.#index]!;
    this.#count.textContent = `${this.#index + 1} of ${this.#hits.length}`;
    this.element.dataset.current = String(this.#index + 1);
    this.#options.onCurrent(hit);
  }

  #clear(): void {
    for (const page of this.#marked) this.#options.onMarks(page, []);
    this.#marked.clear();
    this.#hits = [];
    this.#index = -1;
    delete this.element.dataset.total;
    delete this.element.dataset.current;
    this.#options.onCurrent(undefined);
  }
}
