/**
 * Whether a folder a reader chose (in the desktop's folder dialog) can be the
 * archive: the archive's own folder, one holding a Paperboy archive (its state
 * folder, or editions laid out as layout.ts has them, e.g. copied without the
 * hidden folder), or an empty one, where a new archive starts. Anything else —
 * a file, a folder of other things, the archive's own inside or around it, a
 * folder Paperboy cannot write in — is refused in one line, before the shell is
 * told to restart there.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { EDITION_FILE, STATE_DIR } from './layout.ts';

export type ArchiveFolder = 'current' | 'existing' | 'new';

/** How many papers' and years' folders are looked in for an edition. */
const LOOKED_AT = 50;

export async function checkArchiveFolder(folder: string, current: string): Promise<ArchiveFolder> {
  if (!path.isAbsolute(folder)) throw new ApiError('invalid', `Not a full path: ${folder}`);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (stat && !stat.isDirectory()) throw new ApiError('invalid', `Not a folder: ${folder}`);
  const [chosen, own] = await Promise.all([realPath(folder), realPath(current)]);
  if (chosen === own) return 'current';
  if (chosen.startsWith(own + path.sep))
    throw new ApiError('invalid', 'That folder is inside the archive; choose one outside it.');
  if (own.startsWith(chosen + path.sep))
    throw new ApiError(
      'invalid',
      'That folder holds the archive; choose the archive itself, or another folder.',
    );
  if (!stat) {
    // Windows' dialog may name a folder still to be made.
    await fs.mkdir(folder, { recursive: true }).catch((error) => {
      throw new ApiError('storage', `Could not make the folder ${folder}: ${error.message}`);
    });
    return 'new';
  }
  await fs.access(folder, fs.constants.R_OK | fs.constants.W_OK).catch(() => {
    throw new ApiError('storage', `Paperboy cannot write in ${folder}.`);
  });
  const entries = await fs.readdir(folder, { withFileTypes: true });
  if (entries.some((e) => e.name === STATE_DIR && e.isDirectory())) return 'existing';
  const seen = entries.filter((e) => !e.name.startsWith('.'));
  if (seen.length === 0) return 'new';
  if (await holdsEditions(folder, seen)) return 'existing';
  throw new ApiError(
    'invalid',
    'That folder holds other things; choose an empty folder or one that holds a Paperboy archive.',
  );
}

/** Whether a paper's folder there holds a year's folder with an edition in it. */
async function holdsEditions(folder: string, entries: { name: string; isDirectory(): boolean }[]) {
  for (const paper of entries.filter((e) => e.isDirectory()).slice(0, LOOKED_AT)) {
    const years = await fs.readdir(path.join(folder, paper.name)).catch(() => []);
    for (const year of years.filter((y) => /^\d{4}$/.test(y)).slice(0, LOOKED_AT)) {
      const days = await fs.readdir(path.join(folder, paper.name, year)).catch(() => []);
      for (const day of days.filter((d) => d.startsWith(year)).slice(0, LOOKED_AT)) {
        const file = path.join(folder, paper.name, year, day, EDITION_FILE);
        if (
          await fs.stat(file).then(
            (s) => s.isFile(),
            () => false,
          )
        )
          return true;
      }
    }
  }
  return false;
}

async function realPath(folder: string): Promise<string> {
  // A folder still to be made is where its nearest existing parent really is.
  const resolved = path.resolve(folder);
  const real = await fs.realpath(resolved).catch(() => undefined);
  if (real) return real;
  const parent = path.dirname(resolved);
  return parent === resolved
    ? resolved
    : path.join(await realPath(parent), path.basename(resolved));
}
