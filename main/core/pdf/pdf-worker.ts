/**
 * A worker thread that runs pdf.js on behalf of PdfPool, so parsing a large
 * edition never blocks the main thread (the server, the app's IPC, downloads).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../common/errors.ts';
import { extractText } from '../text/extract-text.ts';
import { probePdf } from './probe-pdf.ts';
import { type RegionRequest, renderRegion } from './render-region.ts';

export interface PdfJob {
  id: number;
  op: 'probe' | 'text' | 'render';
  bytes: Uint8Array;
  label: string;
  region?: RegionRequest;
  /** For text: the pages to read (1-based, inclusive), else all. */
  pages?: [number, number];
}

parentPort?.on('message', async (job: PdfJob) => {
  try {
    const result =
      job.op === 'text'
        ? await extractText(job.bytes, job.label, job.pages)
        : job.op === 'render' && job.region
          ? await renderRegion(job.bytes, job.label, job.region)
          : await probePdf(job.bytes, job.label);
    parentPort?.postMessage({ id: job.id, ok: true, result });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, ok: false, error: toErrorData(error) });
  }
});
