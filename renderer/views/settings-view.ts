/**
 * What a reader sets, on one page, each saved as it is changed (through the
 * contract: electron-store on the desktop, the server's settings in a browser):
 * the theme, how pages open, OCR's languages, how many files delivery fetches at
 * once, the tray and start at login — and where the archive is, and how large (in
 * the desktop app, moving to another folder).
 */
import type { Api, Result } from '../../main/common/api.ts';
import { formatBytes } from '../../main/common/format-bytes.ts';
import { h, lazy, pageHead } from './dom.ts';

type Settings = Result<'settings.get'>;

export interface SettingsOptions {
  api: Api;
  onError: (message: string) => void;
}

/** The languages' names, for the codes tesseract's data packages use. */
const languageNames = lazy(() => new Intl.DisplayNames(['en'], { type: 'language' }));
const ISO_639_1: Record<string, string> = {
  eng: 'en',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  nld: 'nl',
  por: 'pt',
  swe: 'sv',
  dan: 'da',
  nor: 'no',
  fin: 'fi',
  pol: 'pl',
  ces: 'cs',
  rus: 'ru',
  ukr: 'uk',
  ell: 'el',
  tur: 'tr',
  ara: 'ar',
  heb: 'he',
  hin: 'hi',
  kan: 'kn',
  tam: 'ta',
  ben: 'bn',
  jpn: 'ja',
  kor: 'ko',
  chi_sim: 'zh-Hans',
  chi_tra: 'zh-Hant',
  lat: 'la',
  gle: 'ga',
  cym: 'cy',
};

function languageName(code: string): string {
  const short = ISO_639_1[code];
  return short ? `${languageNames().of(short) ?? code} (${code})` : code;
}

export class SettingsView {
  readonly element: HTMLElement;
  readonly #options: SettingsOptions;
  readonly #status = h('p', { className: 'form-status', role: 'status', 'aria-live': 'polite' });

  constructor(options: SettingsOptions) {
    this.#options = options;
    this.element = h(
      'main',
      { className: 'sources settings', id: 'main', 'aria-label': 'Settings' },
      pageHead('Settings'),
    );
  }

  async refresh(): Promise<void> {
    const { api } = this.#options;
    const [settings, languages, info] = await Promise.all([
      api.call('settings.get', {}),
      api.call('settings.languages', {}),
      api.call('archive.info', {}),
    ]);
    this.element.replaceChildren(
      pageHead('Settings'),
      this.#status,
      this.#section('Appearance', this.#theme(settings)),
      this.#section('Reading', ...this.#reader(settings)),
      this.#section('Reading scans (OCR)', this.#languages(settings, languages)),
      this.#section('Delivery', this.#downloads(settings), ...this.#background(settings)),
      this.#section('Archive', ...this.#archive(info)),
    );
  }

  destroy(): void {
    this.element.remove();
  }

  #section(title: string, ...children: Node[]): HTMLElement {
    return h(
      'section',
      { className: 'settings-group', 'aria-label': title },
      h('h2', { text: title }),
      ...children,
    );
  }

  /** Saves one change; says so, or why not, in the status line. */
  async #save(patch: Partial<Settings>, what: string): Promise<boolean> {
    try {
      await this.#options.api.call('settings.set', patch);
      this.#status.textContent = `Saved: ${what}.`;
      this.#status.classList.remove('error');
      if (patch.theme) document.documentElement.dataset.theme = patch.theme;
      return true;
    } catch (error) {
      this.#status.textContent = (error as Error).message;
      this.#status.classList.add('error');
      return false;
    }
  }

  #choice<T extends string>(
    label: string,
    values: readonly { value: T; text: string }[],
    current: T,
    onChange: (value: T) => void,
  ): HTMLElement {
    const select = h(
      'select',
      { 'aria-label': label },
      ...values.map((v) =>
        h('option', { value: v.value, text: v.text, selected: v.value === current }),
      ),
    );
    select.addEventListener('change', () => onChange(select.value as T));
    return h('label', { className: 'setting' }, h('span', { text: label }), select);
  }

  #theme(settings: Settings): HTMLElement {
    return this.#choice(
      'Theme',
      [
        { value: 'system', text: 'As the system' },
        { value: 'light', text: 'Light' },
        { value: 'dark', text: 'Dark' },
      ],
      settings.theme,
      (theme) => void this.#save({ theme }, `theme ${theme}`),
    );
  }

  #reader(settings: Settings): HTMLElement[] {
    const reader = { ...settings.reader };
    const thumbnails = h('input', { type: 'checkbox', checked: reader.thumbnails });
    thumbnails.addEventListener('change', () => {
      reader.thumbnails = thumbnails.checked;
      void this.#save(
        { reader: { ...reader } },
        thumbnails.checked ? 'thumbnails shown' : 'thumbnails hidden',
      );
    });
    return [
      this.#choice(
        'Pages open as',
        [
          { value: 'single', text: 'One page' },
          { value: 'spread', text: 'Two pages side by side' },
          { value: 'continuous', text: 'One long scroll' },
        ],
        reader.layout,
        (layout) => {
          reader.layout = layout;
          void this.#save({ reader: { ...reader } }, 'page layout');
        },
      ),
      this.#choice(
        'Page colours',
        [
          { value: 'day', text: 'As printed' },
          { value: 'sepia', text: 'Sepia' },
          { value: 'night', text: 'Night' },
        ],
        reader.pages,
        (pages) => {
          reader.pages = pages;
          void this.#save({ reader: { ...reader } }, 'page colours');
        },
      ),
      h(
        'label',
        { className: 'check' },
        thumbnails,
        h('span', { text: 'Show the page thumbnails' }),
      ),
    ];
  }

  #languages(settings: Settings, languages: Result<'settings.languages'>): HTMLElement {
    const chosen = new Set(settings.ocrLanguages);
    const boxes = languages.installed.map((code) => {
      const box = h('input', {
        type: 'checkbox',
        checked: chosen.has(code),
        disabled: languages.fixed !== undefined,
        value: code,
      });
      box.addEventListener('change', async () => {
        const next = languages.installed.filter((c) => (c === code ? box.checked : chosen.has(c)));
        if (next.length === 0) {
          box.checked = true;
          this.#status.textContent = 'OCR needs at least one language.';
          return;
        }
        if (
          await this.#save({ ocrLanguages: next }, `OCR reads ${next.map(languageName).join(', ')}`)
        ) {
          chosen.clear();
          for (const c of next) chosen.add(c);
        } else box.checked = !box.checked;
      });
      return h('label', { className: 'check' }, box, h('span', { text: languageName(code) }));
    });
    const note = languages.fixed
      ? `This Paperboy was started to read ${languages.fixed.map(languageName).join(', ')} (--lang).`
      : 'Scans are read in the languages ticked. More are added by installing their data: npm install @tesseract.js-data/<code> (deu, fra, hin, kan…).';
    return h(
      'div',
      { className: 'setting-list' },
      ...boxes,
      h('p', { className: 'muted', text: note }),
    );
  }

  #downloads(settings: Settings): HTMLElement {
    const input = h('input', {
      type: 'number',
      min: 1,
      max: 16,
      value: settings.downloads,
      'aria-label': 'Files downloaded at once',
    });
    input.addEventListener('change', () => {
      const value = Number(input.value);
      if (!Number.isInteger(value) || value < 1 || value > 16) {
        this.#status.textContent = 'Files downloaded at once: a whole number from 1 to 16.';
        this.#status.classList.add('error');
        return;
      }
      void this.#save({ downloads: value }, `${value} files at once`);
    });
    return h(
      'label',
      { className: 'setting' },
      h('span', { text: 'Files downloaded at once (two at most from one site)' }),
      input,
    );
  }

  /**
   * Where the archive is, and how large; in the desktop app, a way to another folder
   * (picked in the OS's dialog, then the app starts again on it).
   */
  #archive(info: Result<'archive.info'>): HTMLElement[] {
    const size = `${info.editions} edition${info.editions === 1 ? '' : 's'} of ${info.sources} paper${info.sources === 1 ? '' : 's'}, ${formatBytes(info.bytes)}.`;
    const folder = h(
      'p',
      {},
      h('span', { className: 'muted', text: 'Folder: ' }),
      h('code', { text: info.root }),
      ...(info.defaultRoot ? [h('span', { className: 'muted', text: ' (the default)' })] : []),
    );
    if (!info.relocatable)
      return [
        folder,
        h('p', {
          className: 'muted',
          text: `${size} Another folder is chosen where Paperboy starts: in the desktop app's settings, or with paperboy serve --archive DIR.`,
        }),
      ];
    // Said beside the buttons: the page's status line is scrolled away down here.
    const said = h('p', { className: 'form-status', role: 'status', 'aria-live': 'polite' });
    const relocate = (to: 'chosen' | 'default', text: string) => {
      const button = h('button', { type: 'button', text });
      button.addEventListener('click', () => void this.#relocate(to, button, said));
      return button;
    };
    return [
      folder,
      h('p', { className: 'muted', text: size }),
      h(
        'p',
        { className: 'setting-actions' },
        relocate('chosen', 'Use another folder\u2026'),
        ...(info.defaultRoot ? [] : [relocate('default', 'Use the default folder')]),
      ),
      said,
      h('p', {
        className: 'muted',
        text: 'Paperboy starts again on the folder: an empty one starts a new archive, one that holds a Paperboy archive opens it. This archive stays where it is, as it is.',
      }),
    ];
  }

  async #relocate(
    to: 'chosen' | 'default',
    button: HTMLButtonElement,
    said: HTMLElement,
  ): Promise<void> {
    button.disabled = true;
    try {
      const answer = await this.#options.api.call('archive.relocate', { to });
      said.classList.remove('error');
      said.textContent =
        answer.outcome === 'cancelled'
          ? ''
          : answer.outcome === 'unchanged'
            ? `The archive is in ${answer.folder} already.`
            : `Starting again on ${answer.archive === 'new' ? 'a new archive' : 'the archive'} in ${answer.folder}\u2026`;
    } catch (error) {
      said.textContent = (error as Error).message;
      said.classList.add('error');
    } finally {
      button.disabled = false;
    }
  }

  #background(settings: Settings): HTMLElement[] {
    const desktop = window.paperboy !== undefined;
    const box = (label: string, key: 'runInBackground' | 'openAtLogin') => {
      const input = h('input', { type: 'checkbox', checked: settings[key], disabled: !desktop });
      input.addEventListener(
        'change',
        () => void this.#save({ [key]: input.checked }, label.toLowerCase()),
      );
      return h('label', { className: 'check' }, input, h('span', { text: label }));
    };
    return [
      box('Keep delivering in the tray when the window is closed', 'runInBackground'),
      box('Start Paperboy (in the tray) when I log in', 'openAtLogin'),
      ...(desktop
        ? []
        : [
            h('p', {
              className: 'muted',
              text: 'The tray and start at login are the desktop app\u2019s; a served Paperboy delivers while it runs.',
            }),
          ]),
    ];
  }
}
