/**
 * The reader's toolbar, made from a table as pdf.js's viewer makes its own:
 * each button names the command it runs (reader-commands.ts), which gives its
 * title and keys; the groups say where it sits. The reader holds the elements
 * it keeps in step (pressed, disabled, values) and runs the commands.
 */
import {
  PAGE_THEMES,
  type PageThemeName,
  READER_LAYOUTS,
  type ReaderLayout,
} from '../../main/common/settings.ts';
import { h, icon } from './dom.ts';
import {
  ariaKeys,
  READER_COMMANDS,
  type ReaderCommand,
  shownKey,
  titleOf,
} from './reader-commands.ts';

/** The zoom list's steps (1 = 100 %). */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6];
const THEME_NAMES: Record<PageThemeName, string> = { day: 'Day', night: 'Night', sepia: 'Sepia' };

interface ButtonSpec {
  command: ReaderCommand;
  /** What the button shows: a short word, a glyph, or an icon's path. */
  text?: string;
  icon?: string;
  /** Its accessible name, where it is not the command's name ('' : its text is its name). */
  label?: string;
  /** Its title, where it is not the command's name (the key is added to either). */
  title?: string;
  /** A toggle shows aria-pressed. */
  toggle?: boolean;
  className?: string;
}

/** Every button of the toolbar. Short words, so the bar is one row on a 1280-px screen. */
const BUTTONS = {
  back: {
    command: 'close',
    text: '←',
    label: 'Back to the library',
    title: 'Back to the library',
    className: 'quiet back icon',
  },
  olderEdition: { command: 'olderEdition', text: '‹', className: 'icon' },
  newerEdition: { command: 'newerEdition', text: '›', className: 'icon' },
  previous: { command: 'previous', text: '‹', className: 'icon' },
  next: { command: 'next', text: '›', className: 'icon' },
  single: { command: 'single', text: 'Single', toggle: true },
  spread: { command: 'spread', text: 'Spread', toggle: true },
  continuous: { command: 'continuous', text: 'Scroll', toggle: true },
  zoomOut: { command: 'zoomOut', text: '−', className: 'icon' },
  zoomIn: { command: 'zoomIn', text: '+', className: 'icon' },
  hand: { command: 'hand', text: 'Pan', label: 'Pan: drag to move the page', toggle: true },
  text: { command: 'text', text: 'Select', label: 'Select text', toggle: true },
  // Its name is its word: the title says how.
  clip: { command: 'clip', text: 'Clip', label: '', toggle: true },
  thumbnails: { command: 'thumbnails', text: 'Pages', label: 'Thumbnails', toggle: true },
  fullScreen: {
    command: 'fullScreen',
    // Four corners pointing out.
    icon: 'M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4',
    toggle: true,
    className: 'glyph-button',
  },
} satisfies Record<string, ButtonSpec>;

export type ToolbarButton = keyof typeof BUTTONS;

/** The buttons of each layout, so the reader can press the one in use. */
export const LAYOUT_BUTTONS: Record<ReaderLayout, ToolbarButton> = {
  single: 'single',
  spread: 'spread',
  continuous: 'continuous',
};

export interface ReaderToolbar {
  element: HTMLElement;
  buttons: Record<ToolbarButton, HTMLButtonElement>;
  title: HTMLElement;
  date: HTMLInputElement;
  dates: HTMLDataListElement;
  pageInput: HTMLInputElement;
  pageCount: HTMLElement;
  zoomLevel: HTMLSelectElement;
  theme: HTMLSelectElement;
}

function makeButton(spec: ButtonSpec): HTMLButtonElement {
  const name = READER_COMMANDS[spec.command].name;
  const props: Record<string, string> = {
    type: 'button',
    className: [spec.toggle && 'toggle', spec.className].filter(Boolean).join(' '),
    'aria-keyshortcuts': ariaKeys(spec.command),
    title: titleOf(spec.command, spec.title ?? name),
  };
  if (spec.label !== '') props['aria-label'] = spec.label ?? name;
  if (spec.toggle) props['aria-pressed'] = 'false';
  const button = h('button', { ...props, ...(spec.text && { text: spec.text }) });
  if (spec.icon) button.append(icon(spec.icon));
  button.dataset.command = spec.command;
  return button;
}

/**
 * Turns the toolbar's date box into the date field it stands for, once the page
 * is on screen (see buildReaderToolbar). Both are the same size (.date-input),
 * so nothing moves when it turns.
 */
export function dateFieldReady(bar: ReaderToolbar): void {
  bar.date.type = 'date';
}

/** Builds the toolbar; a button's click runs its command. */
export function buildReaderToolbar(run: (command: ReaderCommand) => void): ReaderToolbar {
  const buttons = Object.fromEntries(
    Object.entries(BUTTONS).map(([id, spec]) => {
      const button = makeButton(spec);
      button.addEventListener('click', () => run(spec.command));
      return [id, button];
    }),
  ) as Record<ToolbarButton, HTMLButtonElement>;
  const title = h('h1', { className: 'reader-title' });
  const dates = h('datalist', { id: `dates-${Math.random().toString(36).slice(2)}` });
  // A text box until the page is on screen (dateFieldReady), or a reader comes to it:
  // Chromium's first date field in a document takes 10–13 ms of the main thread to make
  // and lay out, a text box 2–3.
  const date = h('input', {
    type: 'text',
    className: 'date-input',
    'aria-label': 'Edition date',
    list: dates.id,
  });
  date.addEventListener(
    'focus',
    () => {
      date.type = 'date';
    },
    { once: true },
  );
  const pageInput = h('input', {
    type: 'text',
    inputmode: 'numeric',
    className: 'page-input',
    'aria-label': 'Page',
    'aria-keyshortcuts': ariaKeys('goTo'),
  });
  const pageCount = h('span', { className: 'page-count' });
  const zoomLevel = h(
    'select',
    {
      className: 'zoom-level',
      'aria-label': 'Zoom level',
      'aria-keyshortcuts': `${ariaKeys('fitWidth')} ${ariaKeys('fitPage')}`,
      title: `Zoom (${shownKey(READER_COMMANDS.fitWidth.keys[0]!)}: fit width, ${shownKey(READER_COMMANDS.fitPage.keys[0]!)}: fit page)`,
    },
    h('option', { value: 'custom', hidden: true }),
    // Fit width and fit page are in the zoom list (and on w and f), as in pdf.js's viewer.
    h('option', { value: 'page-width', text: READER_COMMANDS.fitWidth.name }),
    h('option', { value: 'page-fit', text: READER_COMMANDS.fitPage.name }),
    ...ZOOM_STEPS.map((z) => h('option', { value: String(z), text: `${z * 100} %` })),
  );
  const theme = h(
    'select',
    {
      className: 'theme-select',
      'aria-label': 'Page colours',
      'aria-keyshortcuts': ariaKeys('pageColours'),
    },
    ...PAGE_THEMES.map((name) => h('option', { value: name, text: THEME_NAMES[name] })),
  );
  const group = (label: string, ...children: HTMLElement[]) =>
    h('div', { className: 'group', role: 'group', 'aria-label': label }, ...children);
  const b = buttons;
  const element = h(
    'header',
    { className: 'toolbar reader-bar', role: 'toolbar', 'aria-label': 'Reader' },
    b.back,
    h('div', { className: 'edition-nav' }, b.olderEdition, title, date, dates, b.newerEdition),
    group(
      'Page',
      b.previous,
      h('label', { className: 'page-label' }, pageInput, pageCount),
      b.next,
    ),
    group('Layout', ...READER_LAYOUTS.map((layout) => b[LAYOUT_BUTTONS[layout]])),
    group('Zoom', b.zoomOut, zoomLevel, b.zoomIn),
    group('Tool', b.hand, b.text, b.clip),
    group('View', theme, b.thumbnails, b.fullScreen),
  );
  return { element, buttons, title, date, dates, pageInput, pageCount, zoomLevel, theme };
}
