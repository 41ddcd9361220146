/**
 * The bundled sample edition: on first run with an empty archive both shells
 * import it, marked as a sample, so a new reader sees a real newspaper offline at
 * once. A marker in the archive's state folder records that it was offered, so
 * removing it is final.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Archive } from './archive/archive.ts';
import { STATE_DIR } from './archive/layout.ts';
import type { Clock } from './clock.ts';

export interface SampleManifest {
  file: string;
  source: string;
  sourceName: string;
  date: string;
  title: string;
  /** A web clipping of a story in the sample, linked and kept as a clip on first run. */
  clipping?: string;
}

const MARKER = 'sample-offered';

/** The bundled clipping of a story in the sample, if there is one. */
export async function sampleClipping(resourcesDir: string): Promise<string | undefined> {
  const dir = path.join(resourcesDir, 'sample');
  const manifest = JSON.parse(
    await fs.readFile(path.join(dir, 'sample.json'), 'utf8'),
  ) as SampleManifest;
  return manifest.clipping && fs.readFile(path.join(dir, manifest.clipping), 'utf8');
}

export async function offerSample(
  archive: Archive,
  resourcesDir: string,
  clock: Clock,
): Promise<boolean> {
  const marker = path.join(archive.root, STATE_DIR, MARKER);
  if (archive.catalog.counts().editions > 0) return false;
  if (await fs.stat(marker).catch(() => undefined)) return false;
  const dir = path.join(resourcesDir, 'sample');
  const manifest = JSON.parse(
    await fs.readFile(path.join(dir, 'sample.json'), 'utf8'),
  ) as SampleManifest;
  await archive.import({
    path: path.join(dir, manifest.file),
    source: manifest.source,
    sourceName: manifest.sourceName,
    sourceKind: 'sample',
    date: manifest.date,
    title: manifest.title,
    sample: true,
  });
  await fs.writeFile(marker, `${clock.now().toISOString()}\n`);
  return true;
}
