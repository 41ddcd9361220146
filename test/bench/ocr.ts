/**
 * Benchmark: OCR of the real scans, beside the machine's own `tesseract` on the
 * same page in the same run (Debian's tesseract-ocr; the reference):
 *   - the reference: `tesseract` on the page drawn at the scan's own resolution
 *     (the same pixels Paperboy reads), one process, its default threads;
 *   - Paperboy as it reads pages (ocr-page.ts), in a process of its own: with
 *     the machine's tesseract when present, and with tesseract.js;
 *   - word accuracy of each against a hand-checked transcription of a region of
 *     the page (ocr-truth/), with the same confidence filter for all;
 *   - `node test/bench/ocr.ts resolution`: accuracy and time against the
 *     resolution the scan is drawn at (its own, 1.5× and 2×).
 * Prints figures; asserts nothing. Needs tesseract-ocr (apt-get install tesseract-ocr).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pdfPool } from '../../main/core/pdf/pdf-pool.ts';
import { MIN_CONFIDENCE, SCAN } from '../../main/core/text/ocr-page.ts';
import { wordsFromHocr } from '../../main/core/text/ocr-readers.ts';
import type { Word } from '../../main/core/words/page-words.ts';
import { SHARED } from '../helpers/paths.ts';
import { type Box, score, type Truth, truths } from './ocr-score.ts';

const run = promisify(execFile);
const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-ocr-bench-'));
const resolution = process.argv[2] === 'resolution';
const native = await run('tesseract', ['--version']).then(
  () => true,
  () => false,
);
const gnuTime = await fs.access('/usr/bin/time').then(
  () => true,
  () => false,
);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
const accuracy = (s: ReturnType<typeof score>) =>
  `words right ${(s.recall * 100).toFixed(0).padStart(3)} % (precision ${(s.precision * 100).toFixed(0)} %)`;

interface Reading {
  ms: number;
  maxRssKb?: number;
  dpi: number;
  words: { text: string; box: Box }[];
}

/** The machine's tesseract on the page drawn at `scale` × the scan's resolution. */
async function reference(file: string, scale: number): Promise<Reading> {
  const scan = await pdfPool().scan(file, file, { ...SCAN, index: 1, scale, strips: 1 });
  const image = path.join(work, 'page.png');
  await fs.writeFile(image, scan.strips[0]!.png);
  const args = [
    image,
    path.join(work, 'page'),
    '-l',
    'eng',
    '--dpi',
    String(Math.round(scan.dpi)),
    'hocr',
  ];
  const start = performance.now();
  const { stderr } = gnuTime
    ? await run('/usr/bin/time', ['-f', 'maxrss %M', 'tesseract', ...args])
    : await run('tesseract', args);
  const ms = performance.now() - start;
  const k = scan.dpi / 72;
  const [rx, ry, , rh] = scan.rect;
  const words = wordsFromHocr(await fs.readFile(path.join(work, 'page.hocr'), 'utf8'))
    .filter((w) => w.confidence >= MIN_CONFIDENCE)
    .map((w) => ({
      text: w.text,
      box: [rx + w.x0 / k, ry + rh - w.baseline / k, (w.x1 - w.x0) / k, w.size / k] as Box,
    }));
  const maxRss = /maxrss (\d+)/.exec(stderr)?.[1];
  return { ms, dpi: scan.dpi, words, ...(maxRss && { maxRssKb: Number(maxRss) }) };
}

/** Paperboy's OCR of page 1, in a process of its own. */
async function paperboy(file: string, engine: 'native' | 'wasm', scale = 1): Promise<Reading> {
  const env = { ...process.env, ...(engine === 'wasm' && { PAPERBOY_TESSERACT: 'off' }) };
  const { stdout } = await run(
    process.execPath,
    [path.join(import.meta.dirname, 'ocr-one.ts'), file, String(scale), String(SCAN.strips)],
    { env, maxBuffer: 64 * 2 ** 20 },
  );
  const result = JSON.parse(stdout) as { ms: number; dpi: number; maxRss: number; words: Word[] };
  return {
    ms: result.ms,
    dpi: result.dpi,
    maxRssKb: result.maxRss,
    words: result.words.map((w) => ({ text: w.text, box: [w.x, w.y, w.w, w.h] })),
  };
}

function line(label: string, truth: Truth, reading: Reading, against?: Reading): string {
  const memory = reading.maxRssKb
    ? `${(reading.maxRssKb / 1024).toFixed(0).padStart(5)} MB`
    : '   n/a';
  const ratio = against ? `   ${(reading.ms / against.ms).toFixed(2)}× tesseract` : '';
  return `  ${label.padEnd(34)} ${seconds(reading.ms)}  ${memory}  ${String(reading.words.length).padStart(5)} words  ${accuracy(score(truth, reading.words))}${ratio}`;
}

try {
  if (!native)
    console.log('ocr: tesseract is not installed (apt-get install tesseract-ocr); Paperboy alone:');
  for (const truth of truths()) {
    const file = `${SHARED}fixtures/real/${truth.file}`;
    console.log(
      `ocr: ${truth.file} (accuracy on ${truth.words.length} hand-checked words: ${truth.what})`,
    );
    if (resolution) {
      for (const scale of [1, 1.5, 2]) {
        const reading = native ? await reference(file, scale) : await paperboy(file, 'wasm', scale);
        console.log(
          line(
            `${native ? 'tesseract' : 'tesseract.js'} at ${reading.dpi.toFixed(0)} dpi (${scale}× the scan)`,
            truth,
            reading,
          ),
        );
      }
      continue;
    }
    const ref = native ? await reference(file, 1) : undefined;
    if (ref) console.log(line(`tesseract, at the scan's ${ref.dpi.toFixed(0)} dpi`, truth, ref));
    if (native)
      console.log(
        line(
          `Paperboy, tesseract, ${SCAN.strips} strips`,
          truth,
          await paperboy(file, 'native'),
          ref,
        ),
      );
    console.log(
      line(
        `Paperboy, tesseract.js, ${SCAN.strips} strips`,
        truth,
        await paperboy(file, 'wasm'),
        ref,
      ),
    );
  }
} finally {
  await pdfPool().close();
  await fs.rm(work, { recursive: true, force: true });
}
