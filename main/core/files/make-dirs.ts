/**
 * `mkdir -p` for a folder a person named (the archive): each missing folder is
 * made in turn, from the nearest one that exists. Node's recursive mkdir loops
 * for ever where the file system answers ENOENT to every attempt (a path under
 * /proc), and says less about which folder could not be made.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    const stat = await fs.stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (stat) {
      if (!stat.isDirectory())
        throw Object.assign(new Error(`${at} is not a folder`), {
          code: 'ENOTDIR',
          syscall: 'mkdir',
        });
      break;
    }
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    await fs.mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}
