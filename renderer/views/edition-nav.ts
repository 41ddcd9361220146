/**
 * Moving between a paper's editions from the reader: the previous and next
 * edition (Alt+← / Alt+→ and the toolbar's ‹ ›), and the date box, which opens
 * the edition of a date or the nearest earlier one, saying so.
 */
import type { Api } from '../../main/common/api.ts';
import type { Edition, EditionSummary } from '../../main/common/domain.ts';
import { formatDate, h } from './dom.ts';
import type { ReaderToolbar } from './reader-toolbar.ts';

export interface EditionNavOptions {
  api: Api;
  bar: Pick<ReaderToolbar, 'date' | 'dates' | 'buttons'>;
  /** Opens another edition. */
  onEdition: (id: string) => void;
  onError: (message: string) => void;
}

export class EditionNav {
  readonly #options: EditionNavOptions;
  #edition: Edition | undefined;
  /** The paper's editions, newest first. */
  #siblings: EditionSummary[] = [];
  /** The list above, being fetched: keys pressed and dates picked meanwhile wait for it. */
  #loaded: Promise<void> = Promise.resolve();

  constructor(options: EditionNavOptions) {
    this.#options = options;
    const { date } = options.bar;
    date.addEventListener('change', () => this.pick(date.value));
  }

  /** The edition now open: its date is shown, and its paper's editions are fetched. */
  show(edition: Edition): void {
    this.#edition = edition;
    this.#options.bar.date.value = edition.date;
    this.#loaded = this.#load(edition);
  }

  /** +1: the older edition; −1: the newer one. */
  step(step: 1 | -1): void {
    this.#whenLoaded((edition) => {
      const index = this.#siblings.findIndex((e) => e.id === edition.id);
      const other = index >= 0 ? this.#siblings[index + step] : undefined;
      if (other) this.#options.onEdition(other.id);
    });
  }

  /** Opens the edition of this date, or the nearest earlier one, saying so. */
  pick(date: string): void {
    if (!date || !this.#edition || date === this.#edition.date) return;
    this.#whenLoaded((edition) => {
      const exact = this.#siblings.find((e) => e.date === date);
      const earlier = this.#siblings.find((e) => e.date < date);
      const chosen = exact ?? earlier ?? this.#siblings.at(-1);
      if (!chosen) return;
      if (!exact)
        this.#options.onError(
          `No edition of ${edition.title} on ${formatDate(date)}; showing ${formatDate(chosen.date)}.`,
        );
      if (chosen.id !== edition.id) this.#options.onEdition(chosen.id);
      else this.#options.bar.date.value = edition.date;
    });
  }

  async #load(edition: Edition): Promise<void> {
    const { api, bar } = this.#options;
    try {
      this.#siblings = await api.call('editions.list', { source: edition.source.id });
    } catch {
      this.#siblings = [];
    }
    const index = this.#siblings.findIndex((e) => e.id === edition.id);
    bar.buttons.olderEdition.disabled = index < 0 || index >= this.#siblings.length - 1;
    bar.buttons.newerEdition.disabled = index <= 0;
    const dates = this.#siblings.map((e) => e.date);
    if (dates.length) {
      bar.date.min = dates.at(-1)!;
      bar.date.max = dates[0]!;
    }
    bar.dates.replaceChildren(...[...new Set(dates)].map((d) => h('option', { value: d })));
  }

  /**
   * Runs `then` once the paper's list of editions has come (a key or date given
   * while it is still coming waits for it), unless another edition opened meanwhile.
   */
  #whenLoaded(then: (edition: Edition) => void): void {
    const edition = this.#edition;
    if (!edition) return;
    void this.#loaded.then(() => {
      if (edition === this.#edition) then(edition);
    });
  }
}
