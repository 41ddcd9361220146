/**
 * The two ways Paperboy reads an image with tesseract, behind one interface:
 *   - the machine's own `tesseract` (Debian's tesseract-ocr, Homebrew's…), when
 *     it is installed with every language asked for: native code, several times
 *     faster than WebAssembly, run as a child process the stop signal ends;
 *   - tesseract.js (WebAssembly, in a worker thread of its own) with language
 *     data installed from npm (@tesseract.js-data/<code>; nothing is downloaded
 *     at run time), which every install has.
 * Both answer the same thing: words with their line's baseline and size, in
 * the image's pixels. PAPERBOY_TESSERACT names the binary, or `off` for
 * tesseract.js only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker as TesseractWorker } from 'tesseract.js';
import { ApiError, cancelled } from '../../common/errors.ts';

/** A word as read from an image, in its pixels (origin top-left). */
export interface ReadWord {
  text: string;
  /** Tesseract's confidence, 0–100. */
  confidence: number;
  x0: number;
  x1: number;
  /** Where the word's line's baseline is, under the word. */
  baseline: number;
  /** The line's height (its x-height and ascenders). */
  size: number;
}

export interface ImageReader {
  readonly engine: 'tesseract' | 'tesseract.js';
  /**
   * The words in a PNG (its resolution in its pHYs chunk, which both engines
   * read); `onProgress` is told how far (0–1) as it goes, where the engine says.
   */
  read(
    png: Uint8Array,
    signal?: AbortSignal,
    onProgress?: (fraction: number) => void,
  ): Promise<ReadWord[]>;
  close(): Promise<void>;
}

export const LANGUAGE_CODE = /^[a-z]{3}(?:_[a-z]+)?$/;

const requireHere = createRequire(import.meta.url);

/** The folder holding a language's traineddata from its npm package, if installed. */
function npmLanguagePath(code: string): string | undefined {
  try {
    return (requireHere(`@tesseract.js-data/${code}`) as { langPath: string }).langPath;
  } catch {
    return undefined;
  }
}

function npmLanguages(): string[] {
  const found = new Set<string>();
  for (const dir of requireHere.resolve.paths('@tesseract.js-data/eng') ?? []) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(dir, '@tesseract.js-data'));
    } catch {
      continue;
    }
    for (const name of names) if (LANGUAGE_CODE.test(name)) found.add(name);
  }
  return [...found];
}

interface Native {
  binary: string;
  languages: string[];
}
let native: Native | null | undefined;

/** The machine's tesseract and its languages, looked for once; null when there is none. */
export function nativeTesseract(): Native | null {
  if (native !== undefined) return native;
  const setting = process.env.PAPERBOY_TESSERACT;
  const binary = setting && setting !== 'off' ? setting : 'tesseract';
  native = null;
  if (setting === 'off') return native;
  try {
    const listed = execFileSync(binary, ['--list-langs'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const languages = listed
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter((code) => LANGUAGE_CODE.test(code) && code !== 'osd');
    native = { binary, languages };
  } catch {
    // Not installed, or not runnable: tesseract.js reads instead.
  }
  return native;
}

/** The OCR languages that can be read here (npm data or the machine's tesseract), sorted. */
export function installedLanguages(): string[] {
  return [...new Set([...npmLanguages(), ...(nativeTesseract()?.languages ?? [])])].sort();
}

/** Refuses, in one line, a language that is not a code or cannot be read here. */
export function checkLanguage(code: string): void {
  if (!LANGUAGE_CODE.test(code))
    throw new ApiError('invalid', `"${code}" is not an OCR language code (e.g. eng, deu, fra).`);
  if (npmLanguagePath(code) || nativeTesseract()?.languages.includes(code)) return;
  throw new ApiError(
    'invalid',
    `OCR language "${code}" is not installed: npm install @tesseract.js-data/${code}, or the system's tesseract-ocr-${code}`,
  );
}

export type OcrEngineChoice = 'auto' | ImageReader['engine'];

/**
 * A reader for these languages: with `auto`, the machine's tesseract when it
 * has them all, else tesseract.js.
 */
export function imageReader(languages: string[], choice: OcrEngineChoice = 'auto'): ImageReader {
  const found = nativeTesseract();
  const hasAll = !!found && languages.every((code) => found.languages.includes(code));
  if (choice === 'tesseract' && !hasAll)
    throw new ApiError(
      'invalid',
      `The machine's tesseract ${found ? `has no ${languages.join('+')} data` : 'is not installed'}.`,
    );
  if (found && hasAll && choice !== 'tesseract.js')
    return new NativeReader(found.binary, languages);
  return new WasmReader(languages);
}

/** The machine's tesseract, one process per image, its hOCR read back. */
class NativeReader implements ImageReader {
  readonly engine = 'tesseract';
  readonly #binary: string;
  readonly #languages: string[];
  readonly #running = new Set<ReturnType<typeof spawn>>();

  constructor(binary: string, languages: string[]) {
    this.#binary = binary;
    this.#languages = languages;
  }

  read(png: Uint8Array, signal?: AbortSignal): Promise<ReadWord[]> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const args = ['stdin', 'stdout', '-l', this.#languages.join('+'), 'hocr'];
    // One thread each: the strips of a page are read side by side, a process a core.
    const child = spawn(this.#binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    this.#running.add(child);
    const out: Buffer[] = [];
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-2000);
    });
    child.stdin.on('error', () => {}); // a process that ends early says why on stderr
    child.stdin.end(png);
    const stop = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', stop, { once: true });
    return new Promise<ReadWord[]>((resolve, reject) => {
      child.on('error', (error) =>
        reject(new ApiError('internal', `tesseract could not start: ${error.message}`)),
      );
      child.on('close', (code) => {
        this.#running.delete(child);
        signal?.removeEventListener('abort', stop);
        if (signal?.aborted) return reject(cancelled());
        if (code !== 0) {
          const why = errors.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
          return reject(new ApiError('invalid', `tesseract could not read the page: ${why}`));
        }
        resolve(wordsFromHocr(Buffer.concat(out).toString('utf8')));
      });
    });
  }

  async close(): Promise<void> {
    for (const child of this.#running) child.kill('SIGKILL');
    this.#running.clear();
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(
          name[1] === 'x' || name[1] === 'X'
            ? Number.parseInt(name.slice(2), 16)
            : Number(name.slice(1)),
        )
      : (ENTITIES[name.toLowerCase()] ?? whole),
  );

/**
 * Words from tesseract's hOCR: each line's span gives its box, baseline
 * (slope and offset from the box's bottom) and x_size; each word's its box,
 * x_wconf and text (the span's content, tags stripped).
 */
export function wordsFromHocr(hocr: string): ReadWord[] {
  const words: ReadWord[] = [];
  const span =
    /<span class=['"](ocr_line|ocr_caption|ocr_textfloat|ocr_header|ocrx_word)['"][^>]*title=['"]([^'"]*)['"][^>]*>/g;
  let line = { x0: 0, bottom: 0, slope: 0, offset: 0, size: 0 };
  for (let m = span.exec(hocr); m; m = span.exec(hocr)) {
    const [, kind, title] = m as unknown as [string, string, string];
    const box = /bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)/.exec(title);
    if (!box) continue;
    const [x0, y0, x1, y1] = box.slice(1).map(Number) as [number, number, number, number];
    if (kind !== 'ocrx_word') {
      const baseline = /baseline (-?[\d.]+) (-?[\d.]+)/.exec(title);
      const size = Number(/x_size ([\d.]+)/.exec(title)?.[1] ?? y1 - y0);
      line = {
        x0,
        bottom: y1,
        slope: Number(baseline?.[1] ?? 0),
        offset: Number(baseline?.[2] ?? 0),
        size,
      };
      continue;
    }
    const end = hocr.indexOf('</span>', span.lastIndex);
    const text = decode(hocr.slice(span.lastIndex, end).replace(/<[^>]*>/g, '')).trim();
    const confidence = Number(/x_wconf (\d+)/.exec(title)?.[1] ?? 0);
    const middle = (x0 + x1) / 2;
    words.push({
      text,
      confidence,
      x0,
      x1,
      baseline: line.bottom + line.offset + line.slope * (middle - line.x0),
      size: Math.max(1, line.size),
    });
  }
  return words;
}

/**
 * One folder with every language's data: each @tesseract.js-data package is its
 * own folder and tesseract.js reads from one, so several languages are linked
 * into a temporary folder.
 */
async function dataFolder(languages: string[]): Promise<string> {
  const paths = languages.map((code) => {
    const found = npmLanguagePath(code);
    if (!found)
      throw new ApiError(
        'invalid',
        `OCR language "${code}" is not installed for tesseract.js: npm install @tesseract.js-data/${code}`,
      );
    return found;
  });
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

/** tesseract.js: one worker thread, started on first use, one image at a time. */
class WasmReader implements ImageReader {
  readonly engine = 'tesseract.js';
  readonly #languages: string[];
  #worker: Promise<TesseractWorker> | undefined;
  #onProgress: ((fraction: number) => void) | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(languages: string[]) {
    this.#languages = languages;
  }

  #start(): Promise<TesseractWorker> {
    this.#worker ??= (async () => {
      const worker = await createWorker(this.#languages.join('+'), OEM.LSTM_ONLY, {
        langPath: await dataFolder(this.#languages),
        gzip: true,
        cacheMethod: 'none',
        logger: (message) => {
          if (message.status === 'recognizing text') this.#onProgress?.(message.progress);
        },
      });
      // tesseract.js reads an image as one block of text unless told; a page has
      // columns, headlines and ads, which tesseract's own page layout finds (as
      // the tesseract command does by default): a masthead read as one block lost
      // its title.
      await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
      return worker;
    })();
    return this.#worker;
  }

  read(
    png: Uint8Array,
    signal?: AbortSignal,
    onProgress?: (fraction: number) => void,
  ): Promise<ReadWord[]> {
    const turn = this.#queue.then(() => this.#readNow(png, signal, onProgress));
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #readNow(
    png: Uint8Array,
    signal?: AbortSignal,
    onProgress?: (fraction: number) => void,
  ): Promise<ReadWord[]> {
    signal?.throwIfAborted();
    const worker = await this.#start();
    this.#onProgress = onProgress;
    const recognizing = worker.recognize(Buffer.from(png), {}, { blocks: true, text: false });
    // A page takes tesseract up to minutes: a stop ends its thread rather than wait for it.
    const { data } = await new Promise<Awaited<typeof recognizing>>((resolve, reject) => {
      const stop = () => {
        reject(cancelled());
        void this.close();
      };
      if (signal?.aborted) return stop();
      signal?.addEventListener('abort', stop, { once: true });
      recognizing.then(resolve, reject).finally(() => signal?.removeEventListener('abort', stop));
    }).finally(() => {
      this.#onProgress = undefined;
    });
    const words: ReadWord[] = [];
    for (const block of data.blocks ?? [])
      for (const paragraph of block.paragraphs)
        for (const line of paragraph.lines) {
          const { baseline, bbox } = line;
          const size = Math.max(1, line.rowAttributes?.rowHeight ?? bbox.y1 - bbox.y0);
          const baselineAt = (x: number) =>
            baseline.x1 === baseline.x0
              ? baseline.y0
              : baseline.y0 +
                ((baseline.y1 - baseline.y0) * (x - baseline.x0)) / (baseline.x1 - baseline.x0);
          for (const word of line.words)
            words.push({
              text: word.text,
              confidence: word.confidence,
              x0: word.bbox.x0,
              x1: word.bbox.x1,
              baseline: baselineAt((word.bbox.x0 + word.bbox.x1) / 2),
              size,
            });
        }
    return words;
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await (await worker).terminate();
  }
}
