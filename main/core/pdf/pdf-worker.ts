/**
 * A worker thread that runs pdf.js on behalf of PdfPool, so parsing a large
 * edition never blocks the main thread (the server, the app's IPC, downloads).
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import module from 'node:module';
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../common/errors.ts';
import { extractText } from '../text/extract-text.ts';
import type { PdfParts } from './open-pdf.ts';
import { type PdfFacts, probePdf, SNIFF_HEAD, SNIFF_TAIL, sniffEnds } from './probe-pdf.ts';
import { type RegionRequest, renderRegion } from './render-region.ts';

export type PdfJob = { id: number; label: string } & (
  | { op: 'verify'; bytes: Uint8Array }
  /**
   * A file the worker reads itself, in the parts pdf.js asks for, so its bytes
   * never enter the caller's heap.
   */
  | { op: 'verifyFile'; file: string }
  /** For text, the pages to read (1-based, inclusive), else all. */
  | { op: 'text'; file: string; pages?: [number, number] }
  | { op: 'render'; file: string; region: RegionRequest }
);

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

function run(job: PdfJob): Promise<unknown> {
  switch (job.op) {
    case 'verifyFile':
      return verifyFile(job.file, job.label);
    case 'text':
      return withFile(job.file, (parts) => extractText(parts, job.label, job.pages));
    case 'render':
      return withFile(job.file, (parts) => renderRegion(parts, job.label, job.region));
    case 'verify':
      return verify(job.bytes, job.label);
  }
}

/** A PDF's facts and sha256; the bytes are this thread's (a copy or given), so pdf.js may keep them. */
async function verify(bytes: Uint8Array, label: string) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { facts: await probePdf(bytes, label, true), sha256 };
}

/** Reused to hash files: each hash runs to its end without yielding, so jobs never share it at once. */
const hashBuffer = Buffer.allocUnsafe(1024 * 1024);

/**
 * A file's facts and sha256, read here with plain reads into one reused buffer
 * (the thread's collector sees no new memory for it), and pdf.js reading only
 * the parts it needs.
 */
async function verifyFile(file: string, label: string): Promise<FileVerdict> {
  return withFile(file, async (parts, fd) => {
    const size = parts.length;
    const hash = createHash('sha256');
    for (let at = 0; at < size; ) {
      const read = readSync(fd, hashBuffer, 0, hashBuffer.length, at);
      if (read === 0) break;
      hash.update(hashBuffer.subarray(0, read));
      at += read;
    }
    const notPdf = sniffEnds(
      parts.read(0, Math.min(size, SNIFF_HEAD)),
      parts.read(Math.max(0, size - SNIFF_TAIL), size),
    );
    if (notPdf) return { notPdf, size };
    const facts = await probePdf(parts, label);
    return { size, facts, sha256: hash.digest('hex') };
  });
}

/** Runs `use` with a file open to be read in parts; closes it after. */
async function withFile<T>(file: string, use: (parts: PdfParts, fd: number) => Promise<T>) {
  const fd = openSync(file, 'r');
  try {
    const read = (begin: number, end: number) => {
      const bytes = new Uint8Array(end - begin);
      readSync(fd, bytes, 0, bytes.length, begin);
      return bytes;
    };
    return await use({ length: fstatSync(fd).size, read }, fd);
  } finally {
    closeSync(fd);
  }
}
