/**
 * Writes a file whole or not at all: to `<file>.part`, flushed, then renamed
 * over the file, so a crash or a full disk leaves the old version in place.
 * (main/node: Node helpers with no domain in them, for the core and the shells.)
 */
import fs from 'node:fs/promises';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const part = `${file}.part`;
  try {
    const handle = await fs.open(part, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(part, file);
  } catch (error) {
    await fs.rm(part, { force: true });
    throw error;
  }
}
