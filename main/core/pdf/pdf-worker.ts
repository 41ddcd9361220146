/**
 * A worker thread that runs pdf.js on behalf of PdfPool, so parsing a large
 * edition never blocks the main thread (the server, the app's IPC, downloads).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import module from 'node:module';
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../common/errors.ts';
import { type PageArticle, segmentPage } from '../articles/segment-page.ts';
import { storageError, unreadable } from '../files/storage-errors.ts';
import type { Word } from '../words/page-words.ts';
import { extractText, type PageText } from './extract-text.ts';
import type { PdfParts } from './open-pdf.ts';
import { type PdfFacts, probePdf, SNIFF_HEAD, SNIFF_TAIL, sniffEnds } from './probe-pdf.ts';
import {
  type RegionRequest,
  renderRegion,
  renderScan,
  type ScanImage,
  type ScanRequest,
} from './render-region.ts';
import { stackImages } from './stack-images.ts';

/**
 * The jobs a worker does, each once: what it is given beyond the file (read by
 * the worker itself, in the parts pdf.js asks for, so a file's bytes never
 * enter the caller's heap) and what it answers. PdfPool's methods and the
 * worker's table below are both typed from this.
 */
export interface PdfJobs {
  verify: { args: Record<never, never>; result: FileVerdict };
  /** Copies `file` to `to`, then verifies the copy. */
  stage: { args: { to: string }; result: FileVerdict };
  /** For text, the pages to read (1-based, inclusive), else all. */
  text: { args: { pages?: [number, number] }; result: PageText[] };
  render: { args: { region: RegionRequest }; result: Uint8Array };
  /** A page drawn for OCR. */
  scan: { args: { request: ScanRequest }; result: ScanImage };
  /** Images stacked one under another (a clip of a story's parts); this job reads no file. */
  stack: { args: { pngs: Uint8Array[] }; result: Uint8Array };
  /** A page's articles from its words (a page read by OCR); this job reads no file. */
  segment: {
    args: { words: Word[]; size: { width: number; height: number } };
    result: PageArticle[];
  };
}

export type PdfOp = keyof PdfJobs;

/** A job as it crosses to the worker. */
export type PdfJob<Op extends PdfOp = PdfOp> = Op extends PdfOp
  ? { id: number; op: Op; label: string; file: string } & PdfJobs[Op]['args']
  : never;

/** A file that is a complete, readable PDF: its size, facts and sha256. */
export interface FileFacts {
  size: number;
  facts: PdfFacts;
  sha256: string;
}

/** What verifying a file found: its facts, or why it is not a PDF at all. */
export type FileVerdict = FileFacts | { notPdf: string; size: number };

// pdf.js (megabytes of modules, imported on first use) is compiled once and
// cached on disk (Node's compile cache), not again in every new worker.
module.enableCompileCache?.();

parentPort?.on('message', async (job: PdfJob) => {
  try {
    parentPort?.postMessage({ id: job.id, ok: true, result: await run(job) });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, error: toErrorData(error) });
  }
});

const JOBS: { [Op in PdfOp]: (job: PdfJob<Op>) => Promise<PdfJobs[Op]['result']> } = {
  verify: (job) => verifyFile(job.file, job.label),
  stage: (job) => stageFile(job.file, job.to, job.label),
  text: (job) => withFile(job.file, (parts) => extractText(parts, job.label, job.pages)),
  render: (job) => withFile(job.file, (parts) => renderRegion(parts, job.label, job.region)),
  scan: (job) => withFile(job.file, (parts) => renderScan(parts, job.label, job.request)),
  segment: async (job) => segmentPage(job.words, job.size),
  stack: (job) => stackImages(job.pngs),
};

function run(job: PdfJob): Promise<unknown> {
  return (JOBS[job.op] as (job: PdfJob) => Promise<unknown>)(job);
}

/** Reused to hash files: each hash runs to its end without yielding, so jobs never share it at once. */
const hashBuffer = Buffer.allocUnsafe(1024 * 1024);

/**
 * A file's facts and sha256, read here with plain reads into one reused buffer
 * (the thread's collector sees no new memory for it), and pdf.js reading only
 * the parts it needs.
 */
async function verifyFile(file: string, label: string): Promise<FileVerdict> {
  const fd = openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    for (;;) {
      const read = readSync(fd, hashBuffer, 0, hashBuffer.length, null);
      if (read === 0) break;
      hash.update(hashBuffer.subarray(0, read));
    }
    return await check(partsOf(fd), label, hash.digest('hex'));
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies `from` to `to` (a new file, synced to disk), hashing the bytes as they
 * are written, then verifies the copy: what was checked is what is kept, even if
 * `from` changes after. A source that cannot be read is the caller's mistake; a
 * copy that cannot be written is the disk's.
 */
async function stageFile(from: string, to: string, label: string): Promise<FileVerdict> {
  const sha256 = copyHashing(from, to, label);
  // An import also reads page 1's masthead, for the date printed there.
  return withFile(to, (parts) => check(parts, label, sha256, { masthead: true }));
}

/** Copies `from` to the new file `to`, synced; the sha256 of what was written. */
function copyHashing(from: string, to: string, label: string): string {
  const cannotRead = (error: unknown) => unreadable(from, error);
  const cannotWrite = (error: unknown) => storageError(error, `Could not import ${label}`);
  const hash = createHash('sha256');
  const source = attempt(() => openSync(from, 'r'), cannotRead);
  try {
    const copy = attempt(() => openSync(to, 'wx'), cannotWrite);
    try {
      for (;;) {
        const read = attempt(
          () => readSync(source, hashBuffer, 0, hashBuffer.length, null),
          cannotRead,
        );
        if (read === 0) break;
        hash.update(hashBuffer.subarray(0, read));
        for (let written = 0; written < read; )
          written += attempt(
            () => writeSync(copy, hashBuffer, written, read - written),
            cannotWrite,
          );
      }
      attempt(() => fsyncSync(copy), cannotWrite);
    } finally {
      closeSync(copy);
    }
  } finally {
    closeSync(source);
  }
  return hash.digest('hex');
}

function attempt<T>(action: () => T, failure: (error: unknown) => Error): T {
  try {
    return action();
  } catch (error) {
    throw failure(error);
  }
}

/** A file with a known sha256: why it is not a PDF, or its facts. */
async function check(
  parts: PdfParts,
  label: string,
  sha256: string,
  options: { masthead?: boolean } = {},
): Promise<FileVerdict> {
  const size = parts.length;
  const notPdf = sniffEnds(
    parts.read(0, Math.min(size, SNIFF_HEAD)),
    parts.read(Math.max(0, size - SNIFF_TAIL), size),
  );
  if (notPdf) return { notPdf, size };
  return { size, facts: await probePdf(parts, label, options), sha256 };
}

/** An open file, to be read in parts. */
function partsOf(fd: number): PdfParts {
  const read = (begin: number, end: number) => {
    const bytes = new Uint8Array(end - begin);
    readSync(fd, bytes, 0, bytes.length, begin);
    return bytes;
  };
  return { length: fstatSync(fd).size, read };
}

/** Runs `use` with a file open to be read in parts; closes it after. */
async function withFile<T>(file: string, use: (parts: PdfParts) => Promise<T>): Promise<T> {
  const fd = openSync(file, 'r');
  try {
    return await use(partsOf(fd));
  } finally {
    closeSync(fd);
  }
}
