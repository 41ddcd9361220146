import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

/** One folder per test file, removed when the file's tests end (registered at import, on the root). */
const root = mkdtempSync(path.join(os.tmpdir(), 'paperboy-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A fresh temporary folder inside this test file's folder. */
export async function tempDir(prefix = 'tmp-'): Promise<string> {
  return fs.mkdtemp(path.join(root, prefix));
}

/** Every file under `dir` with its size and mtime, to show that nothing changed. */
export async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string) {
    for (const entry of await fs.readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else {
        const stat = await fs.stat(full);
        out.push(`${path.relative(dir, full)} ${stat.size} ${stat.mtimeMs}`);
      }
    }
  }
  await walk(dir);
  return out.sort();
}
