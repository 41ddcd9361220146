/**
 * Benchmark: time from opening an edition to page 1 rendered, in Debian's
 * Chromium against the real `paperboy serve`, for a cold start (a fresh tab
 * loading the app) and for opening another edition in a running app.
 * Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../helpers/chromium.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REAL_PDFS, REPO } from '../helpers/paths.ts';

const RUNS = 7;
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-bench-'));
const env = { ...process.env, PAPERBOY_CONFIG_DIR: path.join(work, 'config') };
const archive = path.join(work, 'archive');
const cli = (...args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`${REPO}bin/paperboy.js`, ...args, '--archive', archive],
      { env, stdio: 'ignore' },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`paperboy ${args[0]} exited ${code}`)),
    );
  });

const server = spawn(
  process.execPath,
  [`${REPO}bin/paperboy.js`, 'serve', '--archive', archive, '--port', '0', '--json'],
  {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
try {
  const edition = await writeEdition(work, 'bench', {
    seed: 21,
    title: 'Bench',
    date: '2025-01-01',
    pages: 16,
  });
  await cli('import', edition.file, '--source', 'whole', '--date', '2025-01-01');
  await cli('import', edition.folder, '--source', 'pages', '--date', '2025-01-01');
  await cli('import', REAL_PDFS.scan);
  const [line] = (await once(server.stdout!, 'data')) as [Buffer];
  const { url } = JSON.parse(line.toString()) as { url: string };
  const browser = await launchChromium();
  const targets = [
    ['whole-edition PDF, 16 pp (Range)', 'whole:2025-01-01'],
    ['per-page PDFs, 16 pp', 'pages:2025-01-01'],
    ['real bare scan 2375×2928', 'liverpool-echo:1886-11-01'],
  ] as const;
  console.log(
    `open edition → page 1 rendered (median of ${RUNS}, headless Chromium, no GPU, 1280×860)`,
  );
  for (const [label, id] of targets) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        document.addEventListener('pagerendered', () => {
          (window as unknown as { firstRender?: number }).firstRender ??= performance.now();
        });
      });
      await page.goto(`${url}#/read/${encodeURIComponent(id)}/1`);
      await page.waitForFunction(
        () => (window as unknown as { firstRender?: number }).firstRender !== undefined,
      );
      cold.push(
        await page.evaluate(() => (window as unknown as { firstRender: number }).firstRender),
      );
      // Warm: the app is running; go to the library, then open the edition again.
      await page.evaluate(() => {
        location.hash = '#/';
      });
      await page.waitForSelector('.library');
      const took = await page.evaluate(
        (target) =>
          new Promise<number>((resolve) => {
            const start = performance.now();
            document.addEventListener('pagerendered', () => resolve(performance.now() - start), {
              once: true,
            });
            location.hash = `#/read/${encodeURIComponent(target)}/1`;
          }),
        id,
      );
      warm.push(took);
      await context.close();
    }
    console.log(
      `  ${label.padEnd(34)} cold ${median(cold).toFixed(0).padStart(5)} ms   in-app ${median(warm).toFixed(0).padStart(5)} ms`,
    );
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
  await fs.rm(work, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
