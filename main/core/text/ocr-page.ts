/**
 * OCR for pages without usable text (a bare scan, letter-spaced or unmapped
 * glyphs): the page is drawn with pdf.js in the worker pool, then read by
 * tesseract (ocr-readers.ts: the machine's own when installed, else
 * tesseract.js). Words come back with boxes in PDF space, like extracted ones.
 *
 * The resolution is the scan's own (its largest image's pixels): drawing a
 * 72-dpi scan at twice its size made tesseract 2.3× slower for 2 % more words
 * read right (test/bench/ocr.ts prints the figures). A page with no image (a
 * text layer that cannot be read) is drawn at 300 dpi. The image is cut at its
 * whitest gutter into one strip per core, read side by side.
 */
import { availableParallelism } from 'node:os';
import type { Rect } from '../../common/clips.ts';
import { ApiError } from '../../common/errors.ts';
import { pdfPool } from '../pdf/pdf-pool.ts';
import type { ScanRequest } from '../pdf/render-region.ts';
import type { Word } from '../words/page-words.ts';
import {
  checkLanguage,
  type ImageReader,
  imageReader,
  type OcrEngineChoice,
} from './ocr-readers.ts';

/** Tesseract's own confidence (0–100) below which a "word" is usually noise: specks, rules, photos. */
export const MIN_CONFIDENCE = 45;

/** How a page is drawn for OCR (see ScanRequest); the benchmark tries others. */
export const SCAN: Omit<ScanRequest, 'index' | 'rect'> = {
  scale: 1,
  // A page with no image is type: 300 dpi reads its smallest; above 400 nothing is gained.
  dpi: { fallback: 300, max: 400 },
  maxPixels: 30_000_000,
  strips: Math.max(1, Math.min(2, availableParallelism())),
};

/** Where a page's OCR is: drawing it, then reading it (the fraction read, where the engine tells). */
export type OcrStep = { step: 'drawing' } | { step: 'reading'; fraction: number };

/** Readers for a set of languages, one per strip, started on first use. */
export class OcrEngine {
  readonly #languages: string[];
  readonly #scan: Omit<ScanRequest, 'index' | 'rect'>;
  readonly #choice: OcrEngineChoice;
  #readers: ImageReader[] | undefined;

  /**
   * Refuses, in one line, a language that is not a code or whose data is not
   * installed. `engine`: which tesseract reads (auto: the machine's when it can).
   */
  constructor(
    languages: string[] = ['eng'],
    { scan = SCAN, engine = 'auto' }: { scan?: typeof SCAN; engine?: OcrEngineChoice } = {},
  ) {
    if (languages.length === 0) throw new ApiError('invalid', 'Give at least one OCR language.');
    for (const code of languages) checkLanguage(code);
    this.#languages = languages;
    this.#scan = scan;
    this.#choice = engine;
  }

  /** Which engine reads: the machine's tesseract or tesseract.js. */
  get engine(): ImageReader['engine'] {
    return this.#start()[0]!.engine;
  }

  #start(): ImageReader[] {
    this.#readers ??= Array.from({ length: this.#scan.strips }, () =>
      imageReader(this.#languages, this.#choice),
    );
    return this.#readers;
  }

  /** The words on a page of a PDF file (or a region of it), in PDF space. */
  async read(
    file: string,
    label: string,
    page: { index: number },
    region?: Rect,
    signal?: AbortSignal,
    onStep?: (step: OcrStep) => void,
  ): Promise<Word[]> {
    onStep?.({ step: 'drawing' });
    // A part of a page is read without the rest of the page around it, which
    // tesseract reads worse at a scan's own resolution: it is drawn at twice that
    // (a part is small, so this costs little).
    const scan = await pdfPool().scan(file, label, {
      ...this.#scan,
      index: page.index,
      ...(region && { rect: region, scale: Math.max(2, this.#scan.scale) }),
    });
    signal?.throwIfAborted();
    const readers = this.#start();
    const shares = scan.strips.map(() => 0);
    const pixels = scan.strips.reduce((sum, strip) => sum + strip.width, 0);
    const told = () =>
      onStep?.({
        step: 'reading',
        fraction: shares.reduce((sum, share, i) => sum + share * scan.strips[i]!.width, 0) / pixels,
      });
    told();
    const read = await Promise.all(
      scan.strips.map((strip, i) =>
        readers[i]!.read(strip.png, signal, (fraction) => {
          shares[i] = fraction;
          told();
        }).then((words) => {
          shares[i] = 1;
          told();
          return words;
        }),
      ),
    );
    const [rx, ry, , rh] = scan.rect;
    const scale = scan.dpi / 72;
    const words: Word[] = [];
    read.forEach((strip, i) => {
      const { x: offset, owns } = scan.strips[i]!;
      for (const word of strip) {
        // A word in the overlap is its neighbour's when its middle is past the cut.
        const middle = offset + (word.x0 + word.x1) / 2;
        if (middle < owns[0] || middle >= owns[1]) continue;
        const text = word.text.trim();
        if (!text || word.confidence < MIN_CONFIDENCE || !/[\p{L}\p{N}]/u.test(text)) continue;
        // Words of a line share its baseline and size, as a text layer's do, so
        // descenders and capitals do not split a line in reading order.
        const size = word.size / scale;
        const base = ry + rh - word.baseline / scale;
        words.push({
          text,
          x: rx + (offset + word.x0) / scale,
          // Like extracted words: the box starts a little below the baseline.
          y: base - size * 0.2,
          w: (word.x1 - word.x0) / scale,
          h: size,
        });
      }
    });
    return words;
  }

  async close(): Promise<void> {
    const readers = this.#readers ?? [];
    this.#readers = undefined;
    await Promise.all(readers.map((reader) => reader.close()));
  }
}
