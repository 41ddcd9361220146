import fs from 'node:fs/promises';
import { startServe } from '../helpers/browser.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { runCli } from '../helpers/cli.ts';
import { writeEdition } from '../helpers/editions.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';

const PAPERS = [
  'Aldwych Post',
  'Brentford Courier',
  'Carlisle Star',
  'Dover Echo',
  'Ely Herald',
  'Frome Times',
  'Goole Mercury',
  'Hove Gazette',
  'Ilford Record',
  'Jarrow News',
];
const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
const archive = '/tmp/shotarchive';
await fs.rm(archive, { recursive: true, force: true });
const work = await tempDir();
const core = await openServices(archive);
for (let i = 0; i < 15; i++) {
  const title = PAPERS[i % PAPERS.length]!;
  const date = `2025-12-${String(10 + Math.floor(i / PAPERS.length)).padStart(2, '0')}`;
  const { file } = await writeEdition(work, `${title.toLowerCase().replace(/ /g, '-')}_${date}`, {
    seed: 300 + i,
    title,
    date,
    pages: 2,
  });
  await core.archive.import({ path: file });
}
const { file } = await writeEdition(work, 'daily', {
  seed: 9,
  title: 'Kendal Daily',
  date: '2025-11-01',
  pages: 2,
});
for (let d = 1; d <= 61; d++) {
  if (d % 7 === 0 || d === 20) continue;
  const date = new Date(Date.UTC(2025, 10, d)).toISOString().slice(0, 10);
  await core.archive.import({
    path: file,
    source: 'kendal-daily',
    sourceName: 'Kendal Daily',
    date,
  });
}
await core.close();
process.exit(0);
