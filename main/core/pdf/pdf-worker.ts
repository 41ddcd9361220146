/**
 * A worker thread that runs pdf.js on behalf of PdfPool, so parsing a large
 * edition never blocks the main thread (the server, the app's IPC, downloads).
 */
import { createHash } from 'node:crypto';
import module from 'node:module';
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../common/errors.ts';
import { extractText } from '../text/extract-text.ts';
import { probePdf } from './probe-pdf.ts';
import { type RegionRequest, renderRegion } from './render-region.ts';

export interface PdfJob {
  id: number;
  op: 'probe' | 'verify' | 'text' | 'render';
  bytes: Uint8Array;
  label: string;
  region?: RegionRequest;
  /** For text: the pages to read (1-based, inclusive), else all. */
  pages?: [number, number];
}

// pdf.js (megabytes of modules, imported on first use) is compiled once and
// cached on disk (Node's compile cache), not again in every new worker.
module.enableCompileCache?.();

parentPort?.on('message', async (job: PdfJob) => {
  try {
    const result =
      job.op === 'text'
        ? await extractText(job.bytes, job.label, job.pages)
        : job.op === 'render' && job.region
          ? await renderRegion(job.bytes, job.label, job.region)
          : job.op === 'verify'
            ? await verify(job.bytes, job.label)
            : await probePdf(job.bytes, job.label);
    parentPort?.postMessage({ id: job.id, ok: true, result });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, error: toErrorData(error) });
  }
});

/** A PDF's facts and sha256; the bytes are this thread's (a copy or given), so pdf.js may keep them. */
async function verify(bytes: Uint8Array, label: string) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { facts: await probePdf(bytes, label, true), sha256 };
}
