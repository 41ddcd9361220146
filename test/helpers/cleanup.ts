import { after } from 'node:test';

/**
 * Cleanup that runs when the test file ends. `after()` called inside a `before`
 * hook belongs to that hook, so helpers register here instead; this module's own
 * `after` is registered at import time, on the file's root.
 */
const tasks: (() => unknown)[] = [];
after(async () => {
  for (const task of tasks.reverse()) await task();
});

export function onCleanup(task: () => unknown): void {
  tasks.push(task);
}
