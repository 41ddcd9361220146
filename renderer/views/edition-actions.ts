/**
 * What a reader can do to an edition from the library and a paper's calendar:
 * correct its paper, date and title (and confirm a date that was guessed),
 * fetch it again from its source, and delete it — at once, with a few seconds
 * to undo, and only after asking when clips were made on it. Everything goes
 * through the contract; nothing here is a modal dialog.
 */
import type { Api } from '../../main/common/api.ts';
import type { EditionSummary } from '../../main/common/domain.ts';
import { formatDate, h } from './dom.ts';

/** How long a deleted edition can be brought back before it is removed. */
export const UNDO_MS = 8000;

export interface EditionActionsOptions {
  api: Api;
  /** The papers the archive has, for the paper field's suggestions. */
  papers: () => { id: string; name: string }[];
  /** Sources that deliver (an edition of theirs can be fetched again). */
  delivered: () => Set<string>;
  /**
   * An edition was hidden (deleted, its undo still open) or shown again: the view
   * draws itself anew. What the archive itself changes comes back as its events.
   */
  onHidden: () => void;
  onError: (message: string) => void;
}

let popoverCount = 0;

export class EditionActions {
  readonly #options: EditionActionsOptions;
  readonly #undo: UndoBar;
  /** Editions deleted but still undoable: hidden from the views until then. */
  readonly hidden = new Set<string>();

  constructor(options: EditionActionsOptions) {
    this.#options = options;
    this.#undo = new UndoBar();
    document.body.append(this.#undo.element);
  }

  destroy(): void {
    this.#undo.flush();
    this.#undo.element.remove();
  }

  /** The "⋯" button of an edition's card, and the menu it opens. */
  menu(edition: EditionSummary, label = 'Edition actions'): HTMLElement {
    const id = `edition-menu-${++popoverCount}`;
    const button = h('button', {
      type: 'button',
      className: 'quiet card-menu',
      'aria-label': `${label}: ${edition.title}, ${formatDate(edition.date, 'short')}`,
      popovertarget: id,
      text: '⋯',
    });
    const panel = h('div', { className: 'menu-panel', id, popover: 'auto', role: 'menu' });
    const item = (text: string, run: () => void) => {
      const entry = h('button', { type: 'button', role: 'menuitem', className: 'quiet', text });
      entry.addEventListener('click', run);
      return entry;
    };
    const showMenu = () => {
      const entries = [
        item('Edit paper, date or title…', () => this.#editForm(panel, edition)),
        ...(this.#options.delivered().has(edition.source)
          ? [item('Fetch again', () => void this.#refetch(panel, edition))]
          : []),
        item('Delete…', () => void this.#delete(panel, edition)),
      ];
      panel.replaceChildren(...entries);
    };
    panel.addEventListener('beforetoggle', (event) => {
      if ((event as ToggleEvent).newState === 'open') showMenu();
    });
    const wrap = h('div', { className: 'card-actions' }, button, panel);
    // Anchored beside its button, inside the viewport.
    panel.addEventListener('toggle', (event) => {
      if ((event as ToggleEvent).newState !== 'open') return;
      const box = button.getBoundingClientRect();
      const width = panel.offsetWidth;
      panel.style.left = `${Math.max(8, Math.min(box.right - width, innerWidth - width - 8))}px`;
      panel.style.top = `${Math.min(box.bottom + 4, innerHeight - panel.offsetHeight - 8)}px`;
      panel.querySelector<HTMLElement>('button, input')?.focus();
    });
    return wrap;
  }

  /** The inline form that corrects an edition. */
  #editForm(panel: HTMLElement, edition: EditionSummary): void {
    const listId = `${panel.id}-papers`;
    const paper = h('input', {
      name: 'paper',
      value: edition.sourceName,
      list: listId,
      required: true,
      maxlength: 200,
      autocomplete: 'off',
    });
    const date = h('input', { name: 'date', type: 'date', value: edition.date, required: true });
    const title = h('input', {
      name: 'title',
      value: edition.title,
      required: true,
      maxlength: 300,
    });
    const papers = h(
      'datalist',
      { id: listId },
      ...this.#options.papers().map((p) => h('option', { value: p.name })),
    );
    const status = h('p', { className: 'form-status', role: 'status' });
    const check = edition.dateCheck;
    const uncertain = check
      ? h(
          'p',
          { className: 'date-check' },
          `The date is uncertain: ${check.reason}. Saving confirms the date in the form.`,
        )
      : undefined;
    if (check?.suggested && uncertain) {
      const suggested = check.suggested;
      const use = h('button', {
        type: 'button',
        className: 'quiet',
        text: `Use ${formatDate(suggested, 'short')}`,
      });
      use.addEventListener('click', () => {
        date.value = suggested;
      });
      uncertain.append(' ', use);
    }
    const save = h('button', { type: 'submit', className: 'primary', text: 'Save' });
    const cancel = h('button', { type: 'button', text: 'Cancel' });
    cancel.addEventListener('click', () => panel.hidePopover());
    const form = h(
      'form',
      { className: 'edit-edition', 'aria-label': 'Correct the edition' },
      h('h2', { text: 'Correct this edition' }),
      h('label', {}, h('span', { text: 'Paper' }), paper),
      papers,
      h('label', {}, h('span', { text: 'Date' }), date),
      h('label', {}, h('span', { text: 'Title' }), title),
      uncertain,
      status,
      h('div', { className: 'form-buttons' }, save, cancel),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = paper.value.trim();
      const known = this.#options.papers().find((p) => p.name === name || p.id === name);
      const changes = {
        ...(known
          ? known.id !== edition.source && { source: known.id }
          : name !== edition.sourceName && { sourceName: name }),
        // A date that was guessed is confirmed by saving it, changed or not.
        ...((date.value !== edition.date || check) && { date: date.value }),
        ...(title.value.trim() !== edition.title && { title: title.value.trim() }),
      };
      if (Object.keys(changes).length === 0) {
        panel.hidePopover();
        return;
      }
      save.disabled = true;
      status.textContent = 'Saving…';
      this.#options.api.call('editions.edit', { id: edition.id, ...changes }).then(
        ({ edition: saved, clips }) => {
          panel.hidePopover();
          this.#undo.say(
            `Saved: ${saved.source.name}, ${formatDate(saved.date, 'short')}${clips ? ` (${clips} clip${clips === 1 ? '' : 's'} moved with it)` : ''}.`,
          );
        },
        (error: Error) => {
          save.disabled = false;
          status.textContent = error.message;
          status.classList.add('error');
        },
      );
    });
    panel.replaceChildren(form);
    panel.setAttribute('role', 'dialog');
    paper.focus();
    paper.select();
  }

  async #refetch(panel: HTMLElement, edition: EditionSummary): Promise<void> {
    panel.replaceChildren(h('p', { className: 'form-status', text: 'Fetching again…' }));
    try {
      const report = await this.#options.api.call('delivery.fetch', {
        source: edition.source,
        date: edition.date,
        refetch: true,
      });
      panel.hidePopover();
      const failed = report.errors[0];
      if (failed) this.#options.onError(`Could not fetch it again: ${failed.reason}`);
      else if (report.missing.length > 0)
        this.#options.onError('The source has no edition for that day now.');
      else this.#undo.say(`Fetched again: ${edition.title}, ${formatDate(edition.date, 'short')}.`);
    } catch (error) {
      panel.hidePopover();
      this.#options.onError((error as Error).message);
    }
  }

  /** Deletes at once, with undo; an edition with clips asks first, inline. */
  async #delete(panel: HTMLElement, edition: EditionSummary): Promise<void> {
    let clips = 0;
    try {
      clips = (await this.#options.api.call('clips.list', { edition: edition.id, limit: 1 })).total;
    } catch (error) {
      this.#options.onError((error as Error).message);
      return;
    }
    if (clips === 0) {
      panel.hidePopover();
      this.#deleteWithUndo(edition, false);
      return;
    }
    const yes = h('button', { type: 'button', className: 'danger', text: 'Delete the edition' });
    const no = h('button', { type: 'button', text: 'Keep it' });
    yes.addEventListener('click', () => {
      panel.hidePopover();
      this.#deleteWithUndo(edition, true);
    });
    no.addEventListener('click', () => panel.hidePopover());
    panel.replaceChildren(
      h(
        'p',
        { className: 'date-check' },
        `${clips === 1 ? 'A clip was' : 'Clips were'} made on this edition. The clips stay, with their images, but their pages go.`,
      ),
      h('div', { className: 'form-buttons' }, yes, no),
    );
    no.focus();
  }

  #deleteWithUndo(edition: EditionSummary, clipped: boolean): void {
    this.hidden.add(edition.id);
    this.#options.onHidden();
    this.#undo.offer(`Deleted ${edition.title}, ${formatDate(edition.date, 'short')}.`, {
      undo: () => {
        this.hidden.delete(edition.id);
        this.#options.onHidden();
      },
      commit: () =>
        this.#options.api
          .call('editions.remove', { id: edition.id, ...(clipped && { clipped: true }) })
          .then(
            () => this.hidden.delete(edition.id),
            (error: Error) => {
              this.hidden.delete(edition.id);
              this.#options.onError(error.message);
              this.#options.onHidden();
            },
          ),
    });
  }
}

/**
 * The bar at the bottom that says what was just done, with Undo while it can be
 * undone. A second deletion commits the first; leaving the page commits it too.
 */
class UndoBar {
  readonly element = h('div', { className: 'undo-bar', role: 'status', hidden: true });
  #pending: { commit: () => unknown; timer: ReturnType<typeof setTimeout> } | undefined;

  constructor() {
    addEventListener('pagehide', () => this.flush());
  }

  say(message: string): void {
    this.flush();
    this.element.replaceChildren(h('span', { text: message }));
    this.element.hidden = false;
    const timer = setTimeout(() => {
      this.element.hidden = true;
    }, 4000);
    this.#pending = { commit: () => {}, timer };
  }

  offer(message: string, actions: { undo: () => void; commit: () => unknown }): void {
    this.flush();
    const undo = h('button', { type: 'button', className: 'primary', text: 'Undo' });
    const timer = setTimeout(() => this.flush(), UNDO_MS);
    this.#pending = { commit: actions.commit, timer };
    undo.addEventListener('click', () => {
      clearTimeout(timer);
      this.#pending = undefined;
      this.element.hidden = true;
      actions.undo();
    });
    this.element.replaceChildren(h('span', { text: message }), undo);
    this.element.hidden = false;
    undo.focus({ preventScroll: true });
  }

  /** Does what is waiting now. */
  flush(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.element.hidden = true;
    pending.commit();
  }
}
