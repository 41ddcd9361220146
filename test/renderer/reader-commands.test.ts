/** The reader's keys, declared once (renderer/views/reader-commands.ts), read back as a keyboard sends them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ariaKeys,
  commandFor,
  type KeyPress,
  READER_COMMANDS,
  type ReaderCommand,
  shownKey,
  titleOf,
} from '../../renderer/views/reader-commands.ts';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

/** The press a key of the table stands for, as a browser would report it. */
function pressFor(written: string): KeyPress {
  const parts = written.split(/\+(?=.)/);
  const key = parts.pop()!;
  return press(key === 'Space' ? ' ' : key, {
    ctrlKey: parts.includes('Mod'),
    altKey: parts.includes('Alt'),
    // A capital letter is typed with Shift.
    shiftKey: parts.includes('Shift') || /^[A-Z]$/.test(key),
  });
}

test('every key of the table runs its command, and no key is given to two commands', () => {
  const seen = new Map<string, ReaderCommand>();
  for (const [command, spec] of Object.entries(READER_COMMANDS) as [
    ReaderCommand,
    { keys: string[] },
  ][]) {
    assert.ok(spec.keys.length > 0, command);
    for (const key of spec.keys) {
      assert.equal(seen.get(key), undefined, `${key} is ${seen.get(key)} and ${command}`);
      seen.set(key, command);
      assert.equal(commandFor(pressFor(key)), command, key);
    }
  }
});

test('chords are told apart as a reader means them', () => {
  assert.equal(commandFor(press('F', { shiftKey: true })), 'fullScreen');
  assert.equal(commandFor(press('f')), 'fitPage');
  assert.equal(commandFor(press('f', { ctrlKey: true })), 'find');
  assert.equal(commandFor(press('F', { metaKey: true })), 'find', '⌘F on a Mac');
  // Ctrl+Shift+F is the archive-wide search, not this edition's.
  assert.equal(commandFor(press('F', { ctrlKey: true, shiftKey: true })), undefined);
  assert.equal(commandFor(press(' ')), 'pageDown');
  assert.equal(commandFor(press(' ', { shiftKey: true })), 'pageUp');
  // + is typed with Shift on most keyboards: the character says it.
  assert.equal(commandFor(press('+', { shiftKey: true })), 'zoomIn');
  assert.equal(commandFor(press('ArrowLeft', { altKey: true })), 'olderEdition');
  assert.equal(commandFor(press('ArrowLeft')), 'previous');
  // Ctrl with + and − stays the interface's zoom (the browser's, the shells' View menu).
  assert.equal(commandFor(press('+', { ctrlKey: true })), undefined);
  assert.equal(commandFor(press('x')), undefined);
});

test('titles and aria-keyshortcuts are made from the same keys', () => {
  assert.equal(titleOf('next'), 'Next page (→)');
  assert.equal(titleOf('olderEdition'), 'Previous edition (Alt+←)');
  assert.equal(titleOf('fullScreen'), 'Full screen (Shift+F)');
  assert.equal(titleOf('zoomOut'), 'Zoom out (−)');
  assert.equal(titleOf('close', 'Back to the library'), 'Back to the library (Esc)');
  assert.equal(shownKey('Mod+f'), 'Ctrl+F');
  assert.equal(ariaKeys('next'), 'ArrowRight N J');
  assert.equal(ariaKeys('zoomIn'), 'Plus =');
  assert.equal(ariaKeys('fullScreen'), 'Shift+F');
  assert.equal(ariaKeys('pageUp'), 'PageUp Shift+Space');
  assert.equal(ariaKeys('find'), 'Control+F');
});
