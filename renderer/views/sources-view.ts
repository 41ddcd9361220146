/**
 * Sources: the papers Paperboy delivers. Each shows its schedule, the space its
 * editions take and its health in words; it can be fetched now, tested for a
 * date, or removed. A new source comes from a preset or a pasted definition,
 * previewed first ("what would it fetch for this date?"). Deliveries in progress
 * show as progress bars that can be cancelled.
 */
import type { Api, EventPayload, Result } from '../../main/common/api.ts';
import { formatBytes } from '../../main/common/format-bytes.ts';
import type { SourceDefinition } from '../../main/common/source-definition.ts';
import { formatDate, h, pageHead } from './dom.ts';

export interface SourcesOptions {
  api: Api;
  onError: (message: string) => void;
}

type Listed = Result<'sources.list'>[number];

const NEXT_RUN = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
type Preview = Result<'sources.test'>;

export class SourcesView {
  readonly element: HTMLElement;
  readonly #options: SourcesOptions;
  readonly #list = h('ul', { className: 'source-list', 'aria-label': 'Sources' });
  readonly #downloads = h('ul', {
    className: 'downloads',
    'aria-label': 'Downloads',
    'aria-live': 'polite',
  });
  readonly #bars = new Map<string, HTMLLIElement>();
  readonly #running = new Map<string, AbortController>();
  readonly #off: (() => void)[] = [];
  #presets: SourceDefinition[] = [];

  constructor(options: SourcesOptions) {
    this.#options = options;
    this.element = h(
      'main',
      { className: 'sources', id: 'main', 'aria-label': 'Sources' },
      pageHead('Sources'),
      this.#downloads,
      this.#list,
      this.#addForm(),
      this.#deliverySettings(),
    );
    this.#off.push(options.api.on('delivery.progress', (p) => this.#progress(p)));
  }

  async refresh(): Promise<void> {
    const [sources, presets] = await Promise.all([
      this.#options.api.call('sources.list', {}),
      this.#options.api.call('sources.presets', {}),
    ]);
    this.#presets = presets;
    const defined = sources.filter((s) => s.definition);
    this.#list.replaceChildren(
      ...(defined.length
        ? defined.map((s) => this.#item(s))
        : [
            h('li', {
              className: 'empty-note',
              text: 'No sources yet. Add one below — a preset is the quickest start.',
            }),
          ]),
    );
    const select = this.element.querySelector<HTMLSelectElement>('select.preset')!;
    select.replaceChildren(
      h('option', { value: '', text: 'Choose a preset…' }),
      ...presets.map((p) => h('option', { value: p.id, text: p.name })),
    );
    this.element.dataset.sources = String(defined.length);
  }

  destroy(): void {
    for (const off of this.#off) off();
    for (const controller of this.#running.values()) controller.abort();
    this.element.remove();
  }

  #item(source: Listed): HTMLLIElement {
    const definition = source.definition!;
    const health = source.health ?? {};
    const lines = [
      `${definition.kind} · out at ${definition.schedule.at} ${definition.timezone}`,
      `${source.editions} edition${source.editions === 1 ? '' : 's'}, ${formatBytes(source.bytes)}`,
      ...(source.held?.editions
        ? [
            `${source.held.editions} older edition${source.held.editions === 1 ? '' : 's'} (${formatBytes(source.held.bytes)}) kept past the retention rule because you clipped ${source.held.editions === 1 ? 'it' : 'them'}`,
          ]
        : []),
      health.lastSuccess
        ? `Last delivered: ${formatDate(health.lastSuccess.date)}`
        : 'Nothing delivered yet',
      ...(health.nextRun ? [`Next look: ${NEXT_RUN.format(new Date(health.nextRun))}`] : []),
    ];
    const failure =
      health.lastFailure && (!health.lastSuccess || health.lastFailure.at > health.lastSuccess.at)
        ? h('p', {
            className: 'failure',
            text: `Last try, ${formatDate(health.lastFailure.date)}: ${health.lastFailure.reason}`,
          })
        : undefined;
    const fetchNow = h('button', { type: 'button', text: 'Fetch now' });
    fetchNow.addEventListener('click', () => void this.#fetch(definition.id));
    const edit = h('button', { type: 'button', className: 'quiet', text: 'Edit' });
    edit.addEventListener('click', () => {
      const custom = this.element.querySelector<HTMLTextAreaElement>('textarea.custom')!;
      this.element.querySelector<HTMLSelectElement>('select.preset')!.value = '';
      custom.value = JSON.stringify(definition, null, 2);
      custom.focus();
    });
    const remove = h('button', { type: 'button', className: 'quiet', text: 'Remove' });
    remove.addEventListener('click', () => {
      this.#options.api
        .call('sources.remove', { id: definition.id })
        .then(() => this.refresh())
        .catch((error: Error) => this.#options.onError(error.message));
    });
    return h(
      'li',
      { className: 'source', 'data-source': definition.id },
      h(
        'div',
        { className: 'source-main' },
        h('h2', { text: definition.name }),
        ...lines.map((text) => h('p', { className: 'muted', text })),
        failure,
      ),
      h('div', { className: 'source-actions' }, fetchNow, edit, remove),
    );
  }

  async #fetch(source: string): Promise<void> {
    const controller = new AbortController();
    this.#running.set(source, controller);
    try {
      const report = await this.#options.api.call(
        'delivery.fetch',
        { source },
        { signal: controller.signal },
      );
      for (const error of report.errors)
        this.#options.onError(`${source}, ${error.date}: ${error.reason}`);
    } catch (error) {
      if ((error as { code?: string }).code !== 'aborted')
        this.#options.onError((error as Error).message);
    } finally {
      this.#running.delete(source);
      for (const [id, bar] of this.#bars) {
        if (id.startsWith(`${source}:`)) {
          bar.remove();
          this.#bars.delete(id);
        }
      }
      await this.refresh();
    }
  }

  #progress(p: EventPayload<'delivery.progress'>): void {
    let bar = this.#bars.get(p.id);
    if (!bar) {
      const cancel = h('button', { type: 'button', className: 'quiet', text: 'Cancel' });
      cancel.addEventListener('click', () => this.#running.get(p.source)?.abort());
      bar = h(
        'li',
        { className: 'download', 'data-edition': p.id },
        h('span', { className: 'download-label' }),
        h('progress', { max: 1, value: 0 }),
        cancel,
      );
      this.#bars.set(p.id, bar);
      this.#downloads.append(bar);
    }
    const of = p.pagesTotal === undefined ? '' : ` of ${p.pagesTotal}`;
    bar.querySelector('.download-label')!.textContent =
      `${p.id} — ${p.pagesDone}${of} pages, ${formatBytes(p.bytes)}`;
    const progress = bar.querySelector('progress')!;
    if (p.pagesTotal) progress.value = p.pagesDone / p.pagesTotal;
    else progress.removeAttribute('value');
  }

  /** The desktop app's background delivery settings. */
  #deliverySettings(): HTMLElement {
    const box = (label: string, key: 'runInBackground' | 'openAtLogin') => {
      const input = h('input', { type: 'checkbox' });
      this.#options.api
        .call('settings.get', {})
        .then((settings) => {
          input.checked = settings[key];
        })
        .catch(() => {});
      input.addEventListener('change', () => {
        this.#options.api
          .call('settings.set', { [key]: input.checked })
          .catch((error: Error) => this.#options.onError(error.message));
      });
      return h('label', { className: 'check' }, input, h('span', { text: label }));
    };
    return h(
      'section',
      { className: 'add-source', 'aria-labelledby': 'delivery-title' },
      h('h2', { id: 'delivery-title', text: 'Delivery in the background (desktop app)' }),
      box('Keep delivering in the tray when the window is closed', 'runInBackground'),
      box('Start Paperboy in the tray when I log in', 'openAtLogin'),
    );
  }

  #addForm(): HTMLElement {
    const select = h('select', { className: 'preset', 'aria-label': 'Preset' });
    const custom = h('textarea', {
      className: 'custom',
      rows: 6,
      'aria-label': 'Source definition (JSON)',
      placeholder:
        '{ "id": "…", "name": "…", "kind": "template", "url": "https://…/{yyyy}-{mm}-{dd}.pdf", "timezone": "Europe/London", "schedule": { "at": "06:00" } }',
    });
    const date = h('input', {
      type: 'date',
      'aria-label': 'Date to test',
      value: new Date().toISOString().slice(0, 10),
    });
    const preview = h('div', { className: 'preview', 'aria-live': 'polite' });
    const previewButton = h('button', { type: 'button', text: 'Preview' });
    const addButton = h('button', {
      type: 'button',
      className: 'primary',
      text: 'Add source',
      disabled: true,
    });
    let pending: SourceDefinition | undefined;

    const chosen = (): SourceDefinition | undefined => {
      if (select.value) return this.#presets.find((p) => p.id === select.value);
      if (!custom.value.trim()) return undefined;
      try {
        return JSON.parse(custom.value) as SourceDefinition;
      } catch (error) {
        preview.replaceChildren(
          h('p', {
            className: 'failure',
            text: `The definition is not JSON: ${(error as Error).message}`,
          }),
        );
        return undefined;
      }
    };
    select.addEventListener('change', () => {
      if (select.value)
        custom.value = JSON.stringify(
          this.#presets.find((p) => p.id === select.value),
          null,
          2,
        );
      addButton.disabled = true;
      preview.replaceChildren();
    });
    custom.addEventListener('input', () => {
      select.value = '';
      addButton.disabled = true;
    });
    previewButton.addEventListener('click', async () => {
      const definition = chosen();
      if (!definition) return;
      preview.replaceChildren(h('p', { className: 'muted', text: 'Asking the source…' }));
      try {
        const result = await this.#options.api.call('sources.test', {
          definition,
          ...(date.value && { date: date.value }),
        });
        pending = definition;
        addButton.disabled = false;
        preview.replaceChildren(renderPreview(result));
      } catch (error) {
        pending = definition;
        // Offline or failing sources can still be added; the reason is shown in place.
        addButton.disabled = (error as { code?: string }).code === 'invalid';
        preview.replaceChildren(
          h('p', { className: 'failure', role: 'alert', text: (error as Error).message }),
        );
      }
    });
    addButton.addEventListener('click', async () => {
      if (!pending) return;
      try {
        await this.#options.api.call('sources.add', { definition: pending });
        select.value = '';
        custom.value = '';
        preview.replaceChildren();
        addButton.disabled = true;
        await this.refresh();
      } catch (error) {
        preview.replaceChildren(
          h('p', { className: 'failure', role: 'alert', text: (error as Error).message }),
        );
      }
    });
    return h(
      'section',
      { className: 'add-source', 'aria-labelledby': 'add-source-title' },
      h('h2', { id: 'add-source-title', text: 'Add a source' }),
      h('label', { className: 'field' }, h('span', { text: 'From a preset' }), select),
      h(
        'label',
        { className: 'field' },
        h('span', { text: 'Or a definition (JSON, see README)' }),
        custom,
      ),
      h(
        'div',
        { className: 'row' },
        h('label', { className: 'field inline' }, h('span', { text: 'Test for' }), date),
        previewButton,
        addButton,
      ),
      preview,
    );
  }
}

function renderPreview(result: Preview): HTMLElement {
  if (result.reason)
    return h('p', { className: 'muted', text: `${formatDate(result.date)}: ${result.reason}` });
  const total = result.pages.reduce((n, p) => n + (p.bytes ?? 0), 0);
  const more = result.more
    ? h('p', { className: 'muted', text: `…and ${result.more} more pages.` })
    : undefined;
  return h(
    'div',
    {},
    h('p', {
      text: `${formatDate(result.date)}: ${result.pages.length} page${result.pages.length === 1 ? '' : 's'}, ${formatBytes(total)}`,
    }),
    h(
      'ol',
      { className: 'preview-pages' },
      ...result.pages.map((p) =>
        h(
          'li',
          {},
          h('span', {
            className: 'muted',
            text: p.bytes === undefined ? '?' : formatBytes(p.bytes),
          }),
          ' ',
          p.url,
        ),
      ),
    ),
    more,
  );
}
