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
import { formatDate, h, lazy, pageHead } from './dom.ts';
import { type SourceForm, sourceForm } from './source-form.ts';

export interface SourcesOptions {
  api: Api;
  onError: (message: string) => void;
}

type Listed = Result<'sources.list'>[number];

const nextRun = lazy(
  () =>
    new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
);
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
  /** The add form's parts, for Edit to fill. */
  #form: { form: SourceForm; addButton: HTMLButtonElement; select: HTMLSelectElement } | undefined;

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
      ...(health.nextRun ? [`Next look: ${nextRun().format(new Date(health.nextRun))}`] : []),
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
      const { form, addButton, select } = this.#form!;
      select.value = '';
      form.fill(definition, true);
      addButton.textContent = 'Save changes';
      addButton.disabled = true;
      form.element.scrollIntoView({ block: 'start' });
      form.element.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
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
    const problem = h('p', { className: 'form-status', role: 'status', 'aria-live': 'polite' });
    const preview = h('div', { className: 'preview', 'aria-live': 'polite' });
    const previewButton = h('button', { type: 'button', text: 'Preview' });
    const addButton = h('button', {
      type: 'button',
      className: 'primary',
      text: 'Add source',
      disabled: true,
    });
    const advanced = h(
      'details',
      { className: 'advanced' },
      h('summary', { text: 'Or the definition as JSON (every field, see README)' }),
      custom,
    );
    let pending: SourceDefinition | undefined;
    // Checked as it is typed: the first problem is said, and Preview waits for a whole definition.
    const form = sourceForm(
      () => {
        custom.value = '';
        select.value = '';
        addButton.disabled = true;
        const read = form.read();
        problem.textContent = 'problem' in read ? read.problem : '';
        previewButton.disabled = 'problem' in read;
      },
      this.#options.api.call('settings.languages', {}).then((languages) => languages.installed),
    );
    this.#form = { form, addButton, select };

    const chosen = (): SourceDefinition | undefined => {
      if (custom.value.trim()) {
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
      }
      const read = form.read();
      if ('problem' in read) {
        problem.textContent = read.problem;
        return undefined;
      }
      return read.definition;
    };
    select.addEventListener('change', () => {
      const preset = this.#presets.find((p) => p.id === select.value);
      if (preset) form.fill(preset, false);
      else form.reset();
      custom.value = '';
      problem.textContent = '';
      previewButton.disabled = false;
      addButton.disabled = true;
      addButton.textContent = 'Add source';
      preview.replaceChildren();
    });
    custom.addEventListener('input', () => {
      select.value = '';
      addButton.disabled = true;
      previewButton.disabled = false;
      problem.textContent = '';
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
        form.reset();
        preview.replaceChildren();
        addButton.disabled = true;
        addButton.textContent = 'Add source';
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
      form.element,
      advanced,
      problem,
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
