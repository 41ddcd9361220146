/**
 * Every command of the reader, with its name and its keys, declared once: the
 * reader's key handler, the toolbar's buttons (their titles and
 * aria-keyshortcuts) and anything that lists the keys are all made from this.
 *
 * A key is written as KeyboardEvent.key gives it, after any of `Mod+` (Ctrl,
 * or ⌘ on a Mac), `Alt+` and `Shift+`. Shift is part of a chord only for named
 * keys (arrows, Space, PgDn…); a character already says it (`F` is Shift+F, `+`
 * is whatever the keyboard needs for it).
 */

export type ReaderCommand =
  | 'next'
  | 'previous'
  | 'pageDown'
  | 'pageUp'
  | 'first'
  | 'last'
  | 'goTo'
  | 'olderEdition'
  | 'newerEdition'
  | 'single'
  | 'spread'
  | 'continuous'
  | 'fitWidth'
  | 'fitPage'
  | 'zoomIn'
  | 'zoomOut'
  | 'resetZoom'
  | 'hand'
  | 'text'
  | 'clip'
  | 'pageColours'
  | 'thumbnails'
  | 'fullScreen'
  | 'find'
  | 'nextHit'
  | 'article'
  | 'copyLink'
  | 'nextArticle'
  | 'previousArticle'
  | 'close';

export interface CommandSpec {
  /** What the command does, as a button's name says it. */
  name: string;
  /** The keys that run it; the first is the one shown. */
  keys: string[];
}

export const READER_COMMANDS: Record<ReaderCommand, CommandSpec> = {
  next: { name: 'Next page', keys: ['ArrowRight', 'n', 'j'] },
  previous: { name: 'Previous page', keys: ['ArrowLeft', 'p', 'k'] },
  pageDown: { name: 'The rest of the page, else the next page', keys: ['PageDown', 'Space'] },
  pageUp: {
    name: 'The rest of the page back, else the previous page',
    keys: ['PageUp', 'Shift+Space'],
  },
  first: { name: 'First page', keys: ['Home'] },
  last: { name: 'Last page', keys: ['End'] },
  goTo: { name: 'Go to a page', keys: ['g'] },
  olderEdition: { name: 'Previous edition', keys: ['Alt+ArrowLeft'] },
  newerEdition: { name: 'Next edition', keys: ['Alt+ArrowRight'] },
  single: { name: 'Single page', keys: ['1'] },
  spread: { name: 'Two-page spread', keys: ['2'] },
  continuous: { name: 'Continuous scroll', keys: ['3'] },
  fitWidth: { name: 'Fit width', keys: ['w'] },
  fitPage: { name: 'Fit page', keys: ['f'] },
  zoomIn: { name: 'Zoom in', keys: ['+', '='] },
  zoomOut: { name: 'Zoom out', keys: ['-'] },
  resetZoom: { name: 'Reset zoom', keys: ['0'] },
  hand: { name: 'Pan by dragging', keys: ['h'] },
  text: { name: 'Select text to copy', keys: ['t'] },
  clip: { name: 'Clip a region: drag a rectangle on the page', keys: ['c'] },
  pageColours: { name: 'Page colours: day, night, sepia', keys: ['i'] },
  thumbnails: { name: 'Show or hide the thumbnails', keys: ['s'] },
  fullScreen: { name: 'Full screen', keys: ['F'] },
  find: { name: 'Find in this edition', keys: ['Mod+f'] },
  nextHit: { name: 'The next hit of the find bar', keys: ['Enter'] },
  article: { name: 'Read the story in the article view', keys: ['a'] },
  copyLink: { name: 'Copy a link to this page, or to the article open', keys: ['l'] },
  nextArticle: { name: 'Next article', keys: [']'] },
  previousArticle: { name: 'Previous article', keys: ['['] },
  close: {
    name: 'Stop clipping, else close the article, else back to the library',
    keys: ['Escape'],
  },
};

/** Named keys (ArrowLeft, Space, PageDown…), as opposed to the characters keys type. */
const NAMED = /^[A-Z][a-zA-Z]+$/;

/** What a key press says (a KeyboardEvent is one). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The chord a key press makes, written as the table writes keys. */
export function chordOf(event: KeyPress): string {
  const key = event.key === ' ' ? 'Space' : event.key;
  const mod = event.ctrlKey || event.metaKey;
  return [
    mod ? 'Mod+' : '',
    event.altKey ? 'Alt+' : '',
    // With Ctrl held, Shift is said (Ctrl+Shift+F is not Ctrl+F) and a letter's case is not.
    event.shiftKey && (mod || NAMED.test(key)) ? 'Shift+' : '',
    mod && key.length === 1 ? key.toLowerCase() : key,
  ].join('');
}

const BY_CHORD = new Map<string, ReaderCommand>(
  (Object.entries(READER_COMMANDS) as [ReaderCommand, CommandSpec][]).flatMap(([command, spec]) =>
    spec.keys.map((key) => [key, command] as const),
  ),
);

/** The command a key press asks for, if any. */
export function commandFor(event: KeyPress): ReaderCommand | undefined {
  return BY_CHORD.get(chordOf(event));
}

const SHOWN: Record<string, string> = {
  ArrowRight: '→',
  ArrowLeft: '←',
  PageDown: 'PgDn',
  PageUp: 'PgUp',
  Escape: 'Esc',
  '-': '−',
};

/** A key as a person reads it: Alt+←, Shift+F, Ctrl+F. */
export function shownKey(key: string): string {
  const parts = key.split(/\+(?=.)/);
  const last = parts.pop()!;
  const mods = parts.map((m) => (m === 'Mod' ? 'Ctrl' : m));
  if (/^[A-Z]$/.test(last)) mods.push('Shift');
  return [...mods, SHOWN[last] ?? (last.length === 1 ? last.toUpperCase() : last)].join('+');
}

/** A command's keys as aria-keyshortcuts names them (space-separated, modifiers spelt out). */
export function ariaKeys(command: ReaderCommand): string {
  return READER_COMMANDS[command].keys
    .map((key) => {
      const parts = key.split(/\+(?=.)/);
      const last = parts.pop()!;
      const mods = parts.map((m) => (m === 'Mod' ? 'Control' : m));
      if (/^[A-Z]$/.test(last)) mods.push('Shift');
      const name =
        last === '+'
          ? 'Plus'
          : last === 'Space'
            ? 'Space'
            : last.length === 1
              ? last.toUpperCase()
              : last;
      return [...mods, name].join('+');
    })
    .join(' ');
}

/** A button's title: its name and the key that does the same, as in "Next page (→)". */
export function titleOf(command: ReaderCommand, name = READER_COMMANDS[command].name): string {
  return `${name} (${shownKey(READER_COMMANDS[command].keys[0]!)})`;
}
