/**
 * A process that tries to take a source's delivery lock, says whether it got
 * it ("got" or "conflict"), and holds it until its standard input closes.
 * Usage: node lock-holder.ts ARCHIVE SOURCE
 */
import { lockSource } from '../../main/core/download/source-lock.ts';

const [root, source] = process.argv.slice(2) as [string, string];
try {
  const lock = await lockSource(root, source);
  process.stdout.write('got\n');
  process.stdin.resume();
  process.stdin.on('end', () => void lock.release());
} catch (error) {
  process.stdout.write(`conflict ${(error as Error).message}\n`);
  process.stdin.resume();
}
