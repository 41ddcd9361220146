/**
 * Benchmark: the reader, in Debian's Chromium against the real `paperboy serve`.
 * Prints figures; asserts nothing.
 *   1. open an edition → page 1 rendered, cold (a fresh tab loading the app) and
 *      in the running app, for generated editions and the real scans;
 *   2. the next page shown when pdf.js has rendered it ahead (target ≤ 50 ms),
 *      and when it has not; and on a real 48-page edition (real pages and generated
 *      ones with embedded fonts, real-edition.ts), each page turned to after a 2 s
 *      dwell, key → the page's canvas on screen with ink (target p95 ≤ 30 ms);
 *   3. the raster time of one page at 150 dpi with pdf.js in the browser beside
 *      `mutool draw -r 150` of the same page in the same run (target ratio ≤ 1.5);
 *   4. memory after scrolling a generated 100-page edition end to end in the
 *      continuous layout (target ≤ 500 MB): canvas bytes, JS heap, and the
 *      resident memory of Chromium's renderer and GPU processes.
 *   5. page 1 drawn, as the reader sees it (the page's canvas polled for ink, not
 *      the app's own events), in a fresh tab and from the library, beside the
 *      bare pdf.js page (a minimal page loading the same pdfjs-dist build, opening
 *      the same file by URL with the same range requests, drawing page 1 at the
 *      same pixels in the same Chromium) and `mutool draw` of the page at those
 *      pixels: targets ≤ 0.5× the bare page (fresh tab), ≤ 1.5× mutool (library).
 * Needs mupdf-tools (apt-get install mupdf-tools) for the comparisons in 3 and 5.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REAL_PDFS, REPO } from '../helpers/paths.ts';
import { REAL_EDITION_PAGES, writeRealEdition } from './real-edition.ts';

const RUNS = 7;
const VIEWPORT = { width: 1280, height: 860 };
const run = promisify(execFile);
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-bench-'));
const env = { ...process.env, PAPERBOY_CONFIG_DIR: path.join(work, 'config') };
const archive = path.join(work, 'archive');
const cli = (...args: string[]) =>
  run(process.execPath, [`${REPO}bin/paperboy.js`, ...args, '--archive', archive], { env });

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

const server = spawn(
  process.execPath,
  [`${REPO}bin/paperboy.js`, 'serve', '--archive', archive, '--port', '0', '--json', '--no-ocr'],
  { env, stdio: ['ignore', 'pipe', 'inherit'] },
);
try {
  const sixteen = await writeEdition(work, 'bench', {
    seed: 21,
    title: 'Bench',
    date: '2025-01-01',
    pages: 16,
  });
  const hundred = await writeEdition(work, 'hundred', {
    seed: 22,
    title: 'Hundred',
    date: '2025-01-02',
    pages: 100,
  });
  await cli('import', sixteen.file, '--source', 'whole', '--date', '2025-01-01');
  await cli('import', sixteen.folder, '--source', 'pages', '--date', '2025-01-01');
  await cli('import', hundred.file, '--source', 'hundred', '--date', '2025-01-02');
  await cli('import', REAL_PDFS.ocr);
  await cli('import', REAL_PDFS.scan);
  const mixed = await writeRealEdition(work);
  await cli('import', mixed.file, '--source', 'mixed', '--date', '2025-03-03');
  const [line] = (await once(server.stdout!, 'data')) as [Buffer];
  const { url } = JSON.parse(line.toString()) as { url: string };
  // A shell draws the newest editions' first-page previews when it starts (picture-file.ts);
  // the reader is measured once they are there, as it finds an edition delivered a while ago.
  for (const id of [
    'whole:2025-01-01',
    'oregon-city-enterprise:1904-12-30',
    'liverpool-echo:1886-11-01',
  ])
    await previewDrawn(url, id);
  const browser = await launchChromium();
  const read = (id: string, page?: number) =>
    `${url}#/read/${encodeURIComponent(id)}${page ? `/${page}` : ''}`;

  // `node test/bench/reader.ts memory` runs one part (open, flip, raster, memory).
  const only = process.argv[2];
  const part = (name: string) => !only || only === name;
  if (part('open')) await openTimes(browser, read);
  if (part('flip')) await flipTimes(browser, read);
  if (part('real-flip')) await realFlips(browser, read('mixed:2025-03-03', 1), mixed.real);
  if (part('raster'))
    await rasterTimes(browser, url, [
      ['generated broadsheet page, 11×17 in', sixteen.file, 1],
      ['real page with OCR text (JPEG)', REAL_PDFS.ocr, 1],
      ['real bare scan 2375×2928', REAL_PDFS.scan, 1],
    ]);
  if (part('memory')) await memoryAfterScroll(browser, read('hundred:2025-01-02', 1));
  if (part('first-ink'))
    await firstInk(browser, url, read, [
      ['generated broadsheet, 16 pp', 'whole:2025-01-01'],
      ['real page with OCR text', 'oregon-city-enterprise:1904-12-30'],
      ['real bare scan 2375×2928', 'liverpool-echo:1886-11-01'],
    ]);
  await browser.close();
} finally {
  server.kill('SIGTERM');
  await fs.rm(work, { recursive: true, force: true });
}

/** Makes sure the server has page 1's preview of an edition (asked for, it is drawn if it is not). */
async function previewDrawn(server: string, id: string): Promise<void> {
  const answer = await fetch(`${server}previews/${encodeURIComponent(id)}/1.jpg`);
  await answer.arrayBuffer();
  if (!answer.ok) throw new Error(`No preview of ${id}: ${answer.status}`);
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  return context.newPage();
}

async function openTimes(browser: Browser, read: (id: string, page?: number) => string) {
  const targets = [
    ['whole-edition PDF, 16 pp (Range)', 'whole:2025-01-01'],
    ['per-page PDFs, 16 pp', 'pages:2025-01-01'],
    ['real page with OCR text', 'oregon-city-enterprise:1904-12-30'],
    ['real bare scan 2375×2928', 'liverpool-echo:1886-11-01'],
  ] as const;
  console.log(`reader: open edition → page 1 rendered (median of ${RUNS}, headless, no GPU)`);
  for (const [label, id] of targets) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await newPage(browser);
      await page.addInitScript(() => {
        document.addEventListener('pagerendered', () => {
          (window as unknown as { firstRender?: number }).firstRender ??= performance.now();
        });
      });
      await page.goto(read(id, 1));
      await page.waitForFunction(() => (window as unknown as { firstRender?: number }).firstRender);
      cold.push(
        await page.evaluate(() => (window as unknown as { firstRender: number }).firstRender),
      );
      await page.evaluate(() => {
        location.hash = '#/';
      });
      await page.waitForSelector('.library');
      warm.push(
        await page.evaluate(
          (target) =>
            new Promise<number>((resolve) => {
              const start = performance.now();
              document.addEventListener('pagerendered', () => resolve(performance.now() - start), {
                once: true,
              });
              location.hash = target;
            }),
          new URL(read(id, 1)).hash,
        ),
      );
      await page.context().close();
    }
    console.log(`  ${label.padEnd(34)} cold ${ms(median(cold))}   in-app ${ms(median(warm))}`);
  }
}

/** Time from a key to the page it turns to painted (two animation frames after it is shown). */
function flip(page: Page, key = 'ArrowRight'): Promise<number> {
  return page.evaluate(
    (key) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        document.addEventListener(
          'pagerendered',
          () =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => resolve(performance.now() - start)),
            ),
          { once: true },
        );
        document
          .querySelector('.stage')!
          .dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      }),
    key,
  );
}

async function flipTimes(browser: Browser, read: (id: string, page?: number) => string) {
  const page = await newPage(browser);
  await page.goto(read('whole:2025-01-01', 1));
  await page.waitForSelector('.stage[data-rendered="1"]');
  const ahead: number[] = [];
  for (let n = 2; n <= 15; n++) {
    await page.waitForSelector(`.stage[data-ahead="${n}"]`);
    ahead.push(await flip(page));
  }
  // The same flips with nothing rendered ahead: a fresh reader jumping straight on.
  const cold: number[] = [];
  for (let n = 2; n <= 15; n += 2) {
    await page.goto(read('pages:2025-01-01', n - 1));
    await page.reload();
    await page.waitForSelector(`.stage[data-rendered="${n - 1}"]`);
    // Straight past the page rendered ahead.
    cold.push(await flip(page, 'End'));
  }
  console.log('reader: next page shown (key → painted), single page, fit page');
  console.log(
    `  rendered ahead       median ${ms(median(ahead))}   p95 ${ms(p95(ahead))}   (target ≤ 50 ms; ${ahead.length} flips)`,
  );
  console.log(
    `  not rendered ahead   median ${ms(median(cold))}   p95 ${ms(p95(cold))}   (a jump to the last page)`,
  );
  await page.context().close();
}

/**
 * Page turns on the real edition as a reader makes them: each page read for 2 s,
 * then the next. Timed from the key to the end of the frame in which the page
 * turned to is first on screen with ink on its canvas (looked for at the start of
 * each frame, not told by the app's events); a turn that costs nothing waits
 * for the next frame (up to 16.7 ms at 60 Hz) and its painting.
 */
async function realFlips(browser: Browser, address: string, real: number[]) {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    const probe = document.createElement('canvas');
    probe.width = probe.height = 24;
    const inked = (canvas: HTMLCanvasElement) => {
      if (!canvas.width) return false;
      const context = probe.getContext('2d', { willReadFrequently: true })!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, 24, 24);
      context.drawImage(canvas, 0, 0, 24, 24);
      const data = context.getImageData(0, 0, 24, 24).data;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 160) return true;
      return false;
    };
    (window as unknown as { turnTo: (n: number) => Promise<number> }).turnTo = (n) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const look = () => {
          const canvas = document.querySelector<HTMLCanvasElement>(
            `.stage .page[data-page-number="${n}"] canvas`,
          );
          if (!canvas?.isConnected || !inked(canvas)) return requestAnimationFrame(look);
          // Found at the start of a frame: the time is taken once that frame is painted
          // (a message posted now is handled after the frame's rendering).
          const after = new MessageChannel();
          after.port1.onmessage = () => resolve(performance.now() - start);
          after.port2.postMessage(0);
        };
        document
          .querySelector('.stage')!
          .dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        requestAnimationFrame(look);
      });
  });
  await page.goto(address);
  await page.waitForSelector('.stage[data-rendered="1"]');
  const turns: { n: number; ms: number }[] = [];
  for (let n = 2; n <= REAL_EDITION_PAGES; n++) {
    // The reader reads the page for 2 s (what the app does meanwhile is what is measured).
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 2000)));
    turns.push({
      n,
      ms: await page.evaluate(
        (n) => (window as never as { turnTo: (n: number) => Promise<number> }).turnTo(n),
        n,
      ),
    });
  }
  const all = turns.map((t) => t.ms);
  const onReal = turns.filter((t) => real.includes(t.n)).map((t) => t.ms);
  const onBorn = turns.filter((t) => !real.includes(t.n)).map((t) => t.ms);
  const slowest = [...turns].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(
    `reader: next page on a real ${REAL_EDITION_PAGES}-page edition after a 2 s dwell (key → its canvas on screen with ink), single page, fit page`,
  );
  console.log(
    `  every turn           median ${ms(median(all))}   p95 ${ms(p95(all))}   (target p95 ≤ 30 ms; ${all.length} turns)`,
  );
  console.log(
    `  onto a real page     median ${ms(median(onReal))}   p95 ${ms(p95(onReal))}   (${onReal.length})`,
  );
  console.log(
    `  onto a generated one median ${ms(median(onBorn))}   p95 ${ms(p95(onBorn))}   (${onBorn.length}, fonts embedded)`,
  );
  console.log(`  slowest: ${slowest.map((t) => `page ${t.n} ${t.ms.toFixed(0)} ms`).join(', ')}`);
  await page.context().close();
}

async function rasterTimes(browser: Browser, url: string, pages: [string, string, number][]) {
  const mutool = await run('mutool', ['-v']).then(
    () => true,
    () => false,
  );
  const page = await newPage(browser);
  await page.goto(url);
  await page.waitForSelector('.library, .empty');
  console.log(
    `reader: one page rastered at 150 dpi, median of ${RUNS} (parse + draw, a new document each time, in the app's one pdf.js worker)`,
  );
  for (const [label, file, n] of pages) {
    // The file is served to the browser as the bench's own bytes, fetched once.
    const bytes = await fs.readFile(file);
    await page.evaluate((b64) => {
      (window as unknown as { benchPdf: Uint8Array }).benchPdf = Uint8Array.from(atob(b64), (c) =>
        c.charCodeAt(0),
      );
    }, bytes.toString('base64'));
    const browserTimes: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const took = await page.evaluate(async (index) => {
        type Lib = typeof import('pdfjs-dist');
        const lib = (globalThis as unknown as { pdfjsLib: Lib }).pdfjsLib;
        const asset = (p: string) => new URL(`pdfjs/${p}`, document.baseURI).href;
        // One worker for every document, started once, as the app does (DocumentCache).
        const shared = window as unknown as { benchWorker?: InstanceType<Lib['PDFWorker']> };
        shared.benchWorker ??= new lib.PDFWorker();
        const start = performance.now();
        const task = lib.getDocument({
          worker: shared.benchWorker,
          data: (window as unknown as { benchPdf: Uint8Array }).benchPdf.slice(),
          cMapUrl: asset('cmaps/'),
          cMapPacked: true,
          standardFontDataUrl: asset('standard_fonts/'),
          wasmUrl: asset('wasm/'),
          // As the app opens documents (renderer/viewer/documents.ts): photos decoded by pdf.js.
          isImageDecoderSupported: false,
        });
        const doc = await task.promise;
        const pdfPage = await doc.getPage(index);
        const viewport = pdfPage.getViewport({ scale: 150 / 72 });
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        await pdfPage.render({ canvas, viewport }).promise;
        // Read a pixel back so the draw has really happened.
        canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
        const took = performance.now() - start;
        await task.destroy();
        return took;
      }, n);
      if (i > 0) browserTimes.push(took); // the first run warms the worker and decoders
    }
    let line = `  ${label.padEnd(38)} pdf.js ${ms(median(browserTimes))}`;
    if (mutool) {
      const out = path.join(work, 'mutool.ppm');
      const native: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await run('mutool', ['draw', '-q', '-r', '150', '-o', out, file, String(n)]);
        native.push(performance.now() - start);
      }
      const ratio = median(browserTimes) / median(native);
      line += `   mutool ${ms(median(native))}   ratio ${ratio.toFixed(2)} (target ≤ 1.5)`;
    } else line += '   (mutool not installed: apt-get install mupdf-tools)';
    console.log(line);
  }
  await page.context().close();
}

interface ProcessMemory {
  pid: number;
  type: string;
  /** Proportional set size: shared pages split between the processes sharing them. */
  pss: number;
}

/** Chromium's processes and their memory (PSS), from /proc. */
async function chromiumProcesses(): Promise<ProcessMemory[]> {
  const out: ProcessMemory[] = [];
  for (const pid of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes('chrom')) continue;
    const rollup = await fs.readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
    const pss = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
    out.push({ pid: Number(pid), type, pss });
  }
  return out;
}

async function memoryAfterScroll(browser: Browser, address: string) {
  const before = new Set((await chromiumProcesses()).map((p) => p.pid));
  const page = await newPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(address);
  await page.waitForSelector('.stage[data-rendered="1"]');
  await page.keyboard.press('3'); // continuous scroll
  await page.keyboard.press('w'); // fit width: the largest pages
  await page.waitForSelector('.stage[data-rendered="1"]');
  const tabPss = async () =>
    (await chromiumProcesses())
      .filter((p) => p.type === 'renderer' && !before.has(p.pid))
      .reduce((n, p) => n + p.pss, 0);
  const atStart = await tabPss();
  const start = performance.now();
  let steps = 0;
  let peak = 0;
  for (;;) {
    const done = await page.$eval('.stage', (el) => {
      const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      el.scrollTop += el.clientHeight;
      return atEnd;
    });
    steps++;
    // Wait for the page now in view to be drawn.
    await page.waitForFunction(() => {
      const stage = document.querySelector<HTMLElement>('.stage')!;
      return stage.dataset.rendered && stage.dataset.rendered === stage.dataset.page;
    });
    peak = Math.max(
      peak,
      await page.$$eval('.stage canvas', (cs) =>
        cs.reduce(
          (n, c) => n + (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height * 4,
          0,
        ),
      ),
    );
    if (done) break;
  }
  const seconds = (performance.now() - start) / 1000;
  const canvases = await page.$$eval('canvas', (cs) =>
    cs.reduce(
      (n, c) => n + (c as HTMLCanvasElement).width * (c as HTMLCanvasElement).height * 4,
      0,
    ),
  );
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
  const processes = await chromiumProcesses();
  // The tab's renderer is the one that started with it (pdf.js's worker is a thread in it).
  const tab = processes.filter((p) => p.type === 'renderer' && !before.has(p.pid));
  const renderer = tab.reduce((n, p) => n + p.pss, 0);
  // What the process holds, not what its allocators keep for reuse: Chromium frees
  // caches and returns unused memory on a (simulated) memory-pressure signal.
  await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 2000)));
  const underPressure = await tabPss();
  const page100 = await page.getAttribute('.stage', 'data-page');
  // Closing the reader: what the app keeps afterwards.
  await page.keyboard.press('Escape');
  await page.waitForSelector('.library');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 2000)));
  const afterClose = await tabPss();
  const gpu = processes.filter((p) => p.type === 'gpu-process').reduce((n, p) => n + p.pss, 0);
  console.log(
    `reader: memory after scrolling a 100-page edition end to end (continuous, fit width, ${steps} screens in ${seconds.toFixed(0)} s, at page ${page100})`,
  );
  console.log(
    `  canvases now ${mb(canvases)} (peak ${mb(peak)})   DOM nodes ${dom.nodes}   JS heap ${mb(heap)}   tab's renderer process ${mb(renderer)} PSS   GPU process ${mb(gpu)} PSS   (target ≤ 500 MB)`,
  );
  console.log(
    `  tab's renderer: ${mb(atStart)} with page 1 shown, ${mb(renderer)} at the end, ${mb(underPressure)} after a memory-pressure signal, ${mb(afterClose)} 2 s after closing the reader`,
  );
  await page.context().close();
}

/**
 * Installs, before any script of the page, a watch for ink: each animation frame
 * the canvases matching `selector` that were not there when the watch was armed
 * are drawn small and looked at; the first with ink sets window.inkAt (ms since
 * the page's time origin), its size window.inkSize. window.armInk() starts over.
 */
async function watchInk(page: Page, selector: string) {
  await page.addInitScript((selector) => {
    type Watch = Window & { inkAt?: number; inkSize?: [number, number]; armInk: () => number };
    const w = window as unknown as Watch;
    let old = new Set<Element>();
    const probe = document.createElement('canvas');
    probe.width = probe.height = 24;
    const look = () => {
      for (const canvas of document.querySelectorAll<HTMLCanvasElement>(selector)) {
        if (old.has(canvas) || canvas.width === 0) continue;
        const context = probe.getContext('2d', { willReadFrequently: true })!;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, 24, 24);
        context.drawImage(canvas, 0, 0, 24, 24);
        const data = context.getImageData(0, 0, 24, 24).data;
        for (let i = 0; i < data.length; i += 4)
          if (data[i]! < 160) {
            w.inkAt = performance.now();
            w.inkSize = [canvas.width, canvas.height];
            return;
          }
      }
      requestAnimationFrame(look);
    };
    w.armInk = () => {
      old = new Set(document.querySelectorAll(selector));
      w.inkAt = undefined;
      requestAnimationFrame(look);
      return performance.now();
    };
    w.armInk();
  }, selector);
}

/** When (ms since the page's time origin) and at what size a watched canvas first had ink. */
async function inkAt(page: Page): Promise<{ at: number; size: [number, number] }> {
  await page.waitForFunction(() => (window as unknown as { inkAt?: number }).inkAt, undefined, {
    timeout: 60_000,
  });
  return page.evaluate(() => {
    const w = window as unknown as { inkAt: number; inkSize: [number, number] };
    return { at: w.inkAt, size: w.inkSize };
  });
}

/** The bare pdf.js page: the same build, the same file by URL, page 1 at the given pixels. */
function barePage(server: string, file: string, worker: string, width: number) {
  const pdfjs = `${server}pdfjs/`;
  return `<!doctype html><meta charset="utf-8"><body style="margin:0"><canvas id="page"></canvas>
<script type="module">
import * as pdfjs from '${server}bare/pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '${worker}';
const doc = await pdfjs.getDocument({
  url: '${file}', disableAutoFetch: true, disableStream: true, isImageDecoderSupported: false,
  cMapUrl: '${pdfjs}cmaps/', cMapPacked: true, standardFontDataUrl: '${pdfjs}standard_fonts/',
  wasmUrl: '${pdfjs}wasm/', iccUrl: '${pdfjs}iccs/',
}).promise;
const page = await doc.getPage(1);
const base = page.getViewport({ scale: 1 });
const viewport = page.getViewport({ scale: ${width} / base.width });
const canvas = document.getElementById('page');
canvas.width = ${width};
canvas.height = Math.round(viewport.height);
await page.render({ canvas, viewport }).promise;
</script>`;
}

async function firstInk(
  browser: Browser,
  url: string,
  read: (id: string, page?: number) => string,
  targets: [string, string][],
) {
  const mutool = await run('mutool', ['-v']).then(
    () => true,
    () => false,
  );
  const assets = await fs.readdir(`${REPO}out/renderer/assets`);
  const worker = `${url}assets/${assets.find((a) => a.startsWith('pdf.worker'))}`;
  const pdfjsBuild = await fs.readFile(`${REPO}node_modules/pdfjs-dist/build/pdf.min.mjs`);
  console.log(
    `reader: page 1 drawn (its canvas polled for ink), median of ${RUNS}, headless, no GPU, ${VIEWPORT.width}×${VIEWPORT.height}`,
  );
  for (const [label, id] of targets) {
    const fresh: number[] = [];
    const library: number[] = [];
    const bare: number[] = [];
    const native: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // The app in a fresh tab, straight onto the edition.
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      let file = '';
      page.on('request', (request) => {
        if (!file && /\/files?\//.test(request.url()) && /\.pdf/.test(request.url()))
          file = request.url();
      });
      // The page's canvas, or its preview shown until pdf.js has drawn it (page-preview.ts).
      await watchInk(page, '.stage .page canvas, .stage .page-preview canvas');
      await page.goto(read(id, 1));
      const drawn = await inkAt(page);
      fresh.push(drawn.at);
      // The ink may be the page's preview: pdf.js is let finish (and the file's address
      // seen) before the library is opened.
      await page.waitForSelector('.stage[data-rendered="1"]');
      // From the library, in the running app.
      await page.evaluate(() => {
        location.hash = '#/';
      });
      await page.waitForSelector('.library');
      // As a reader finds it: its covers decoded and the app idle (the browser says so).
      await page.evaluate(async () => {
        const covers = [...document.querySelectorAll<HTMLImageElement>('.library img')];
        await Promise.all(covers.map((img) => img.decode().catch(() => {})));
        await new Promise((resolve) => requestIdleCallback(resolve));
      });
      const start = await page.evaluate(() =>
        (window as unknown as { armInk: () => number }).armInk(),
      );
      // Where the edition's card leads: the edition, at the place the reader left it.
      await page.evaluate(
        (hash) => {
          location.hash = hash;
        },
        new URL(read(id)).hash,
      );
      library.push((await inkAt(page)).at - start);
      await context.close();

      // The bare pdf.js page, fresh, at the same pixels.
      const bareContext = await browser.newContext({ viewport: VIEWPORT });
      const barePdfjs = await bareContext.newPage();
      await barePdfjs.route(`${url}bare.html`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: barePage(url, file, worker, drawn.size[0]),
        }),
      );
      await barePdfjs.route(`${url}bare/pdf.min.mjs`, (route) =>
        route.fulfill({ contentType: 'text/javascript', body: pdfjsBuild }),
      );
      await watchInk(barePdfjs, '#page');
      await barePdfjs.goto(`${url}bare.html`);
      bare.push((await inkAt(barePdfjs)).at);
      await bareContext.close();

      if (mutool) {
        const local = path.join(work, 'first-ink.pdf');
        await fs.writeFile(local, Buffer.from(await (await fetch(file)).arrayBuffer()));
        const out = path.join(work, 'first-ink.ppm');
        const begin = performance.now();
        await run('mutool', [
          'draw',
          '-q',
          '-w',
          String(drawn.size[0]),
          '-h',
          String(drawn.size[1]),
          '-o',
          out,
          local,
          '1',
        ]);
        native.push(performance.now() - begin);
      }
    }
    const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
    console.log(
      `  ${label.padEnd(30)} fresh tab ${ms(median(fresh))} (bare pdf.js ${ms(median(bare))}: ${ratio(fresh, bare)}×, target ≤ 0.5)   from the library ${ms(median(library))}${mutool ? ` (mutool ${ms(median(native))}: ${ratio(library, native)}×, target ≤ 1.5)` : ''}`,
    );
  }
}
