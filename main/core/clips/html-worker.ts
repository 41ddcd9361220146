/**
 * A worker thread that reads one saved web page into a clipping (parse-html.ts),
 * so a hostile page — nested thousands deep, or huge — never blocks the thread
 * that serves the app, and can be stopped (see read-html.ts).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../common/errors.ts';
import { parseClippingHtml } from './parse-html.ts';

parentPort?.once('message', async ({ html, url }: { html: string; url?: string }) => {
  try {
    parentPort?.postMessage({ ok: true, clipping: await parseClippingHtml(html, url) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: toErrorData(error) });
  }
});
