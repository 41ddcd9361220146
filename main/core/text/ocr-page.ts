/**
 * OCR for pages without usable text (a bare scan, letter-spaced or unmapped
 * glyphs): the page is rendered with pdf.js in the worker pool, then read by
 * tesseract.js (WebAssembly, in its own worker thread) with language data
 * installed from npm (@tesseract.js-data/<code>; nothing is downloaded at run
 * time). Words come back with boxes in PDF space, like extracted ones.
 *
 * The render resolution: 300 dpi, or less when the page is so large that the
 * image would pass MAX_PIXELS (a broadsheet scan stored at 72 dpi is read at
 * about twice its stored size, which is where tesseract reads it best).
 */
import { readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import type { Rect } from '../../common/clips.ts';
import { ApiError } from '../../common/errors.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { Word } from '../words/page-words.ts';

const MAX_PIXELS = 30_000_000;
const MAX_DPI = 300;
/** Tesseract's own confidence (0–100) below which a "word" is usually noise: specks, rules, photos. */
const MIN_CONFIDENCE = 45;
export const LANGUAGE_CODE = /^[a-z]{3}(?:_[a-z]+)?$/;

/** The folder holding a language's traineddata, from its npm package. */
export function languagePath(code: string): string {
  if (!LANGUAGE_CODE.test(code))
    throw new ApiError('invalid', `"${code}" is not an OCR language code (e.g. eng, deu, fra).`);
  try {
    const data = createRequire(import.meta.url)(`@tesseract.js-data/${code}`) as {
      langPath: string;
    };
    return data.langPath;
  } catch {
    throw new ApiError(
      'invalid',
      `OCR language "${code}" is not installed: npm install @tesseract.js-data/${code}`,
    );
  }
}

/** The OCR languages whose data is installed (an @tesseract.js-data/<code> package each), sorted. */
export function installedLanguages(): string[] {
  const found = new Set<string>();
  for (const dir of createRequire(import.meta.url).resolve.paths('@tesseract.js-data/eng') ?? []) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(dir, '@tesseract.js-data'));
    } catch {
      continue;
    }
    for (const name of names) if (LANGUAGE_CODE.test(name)) found.add(name);
  }
  return [...found].sort();
}

/**
 * One folder with every language's data: each @tesseract.js-data package is its
 * own folder and tesseract.js reads from one, so several languages are linked
 * into a temporary folder.
 */
async function dataFolder(languages: string[]): Promise<string> {
  const paths = languages.map(languagePath);
  if (new Set(paths).size === 1) return paths[0]!;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-ocr-'));
  await Promise.all(
    languages.map((code, i) =>
      fs.symlink(
        path.join(paths[i]!, `${code}.traineddata.gz`),
        path.join(dir, `${code}.traineddata.gz`),
      ),
    ),
  );
  return dir;
}

/** One tesseract.js worker for a set of languages, started on first use. */
export class OcrEngine {
  readonly #languages: string[];
  #worker: Promise<TesseractWorker> | undefined;

  /** Refuses, in one line, a language that is not a code or whose data is not installed. */
  constructor(languages: string[] = ['eng']) {
    if (languages.length === 0) throw new ApiError('invalid', 'Give at least one OCR language.');
    for (const code of languages) languagePath(code);
    this.#languages = languages;
  }

  #start(): Promise<TesseractWorker> {
    this.#worker ??= (async () => {
      const langPath = await dataFolder(this.#languages);
      return createWorker(this.#languages.join('+'), OEM.LSTM_ONLY, {
        langPath,
        gzip: true,
        cacheMethod: 'none',
      });
    })();
    return this.#worker;
  }

  /** The words on a page of a PDF file (or a region of it), in PDF space. */
  async read(
    file: string,
    label: string,
    page: { index: number; width: number; height: number },
    region: Rect = [0, 0, page.width, page.height],
    signal?: AbortSignal,
  ): Promise<Word[]> {
    const [rx, ry, rw, rh] = region;
    const dpi = Math.min(MAX_DPI, Math.floor(72 * Math.sqrt(MAX_PIXELS / (rw * rh))));
    const png = await pdfPool().render(file, label, { index: page.index, rect: region, dpi });
    signal?.throwIfAborted();
    const worker = await this.#start();
    const recognizing = worker.recognize(Buffer.from(png), {}, { blocks: true, text: false });
    // A page takes tesseract up to minutes: a stop ends its thread rather than wait for it.
    const { data } = await new Promise<Awaited<typeof recognizing>>((resolve, reject) => {
      const stop = () => {
        reject(new ApiError('aborted', 'The operation was cancelled.'));
        void this.close();
      };
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      recognizing.then(resolve, reject).finally(() => signal?.removeEventListener('abort', stop));
    });
    const scale = dpi / 72;
    const words: Word[] = [];
    for (const block of data.blocks ?? [])
      for (const paragraph of block.paragraphs)
        for (const line of paragraph.lines) {
          // Words of a line share its baseline and size, as a text layer's do, so
          // descenders and capitals do not split a line in reading order.
          const { baseline, bbox } = line;
          const size = Math.max(1, line.rowAttributes?.rowHeight ?? bbox.y1 - bbox.y0) / scale;
          const baselineAt = (x: number) =>
            baseline.x1 === baseline.x0
              ? baseline.y0
              : baseline.y0 +
                ((baseline.y1 - baseline.y0) * (x - baseline.x0)) / (baseline.x1 - baseline.x0);
          for (const word of line.words) {
            const text = word.text.trim();
            if (!text || word.confidence < MIN_CONFIDENCE || !/[\p{L}\p{N}]/u.test(text)) continue;
            const { x0, x1 } = word.bbox;
            const base = ry + rh - baselineAt((x0 + x1) / 2) / scale;
            words.push({
              text,
              x: rx + x0 / scale,
              // Like extracted words: the box starts a little below the baseline.
              y: base - size * 0.2,
              w: (x1 - x0) / scale,
              h: size,
            });
          }
        }
    return words;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await (await worker).terminate();
  }
}
