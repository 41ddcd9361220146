/**
 * A scan being read by OCR, as the reader sees it: the reader open on the scan
 * says how far OCR is with the page, then what it found.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { launchBrowser, startServe } from '../helpers/browser.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO } from '../helpers/paths.ts';
import { scannedCorner } from '../helpers/scan.ts';
import { tempDir } from '../helpers/temp.ts';

test('the reader shows OCR reading its scan, page by page, then what it read', async () => {
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  // A corner of a page, scanned: a few seconds of OCR.
  const { scan } = await scannedCorner(12, 'Corner', { width: 420, height: 320 });
  const file = path.join(await tempDir(), 'corner-courier_2025-12-20.pdf');
  await fs.writeFile(file, scan);
  assert.equal((await runCli(['import', file, '--archive', archive], env)).code, 0);
  // OCR in the background is off, so the run starts when the test asks, with the reader open.
  const { url } = await startServe(archive, env);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { ocrSeen: string[] }).ocrSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('.ocr-status')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`${url}#/read/${encodeURIComponent('corner-courier:2025-12-20')}/1`);
  await page.waitForSelector('.stage[data-rendered="1"]');

  const report = await page.evaluate(async () => {
    const response = await fetch('api/text.ocr', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    return response.json();
  });
  assert.equal(report.result?.pages, 1, JSON.stringify(report));
  const words = report.result.read[0].words as number;
  await page.waitForFunction(() =>
    /read with OCR/.test(document.querySelector('.ocr-status')?.textContent ?? ''),
  );
  const seen = await page.evaluate(() => (window as unknown as { ocrSeen: string[] }).ocrSeen);
  assert.equal(seen[0], 'Reading page 1 with OCR…', seen.join(' | '));
  assert.ok(
    seen.some((s) => /^Reading page 1 with OCR… \d+ %$/.test(s)),
    seen.join(' | '),
  );
  assert.equal(seen.at(-1), `Page 1 read with OCR: ${words} words, now searchable.`);
  await fs.mkdir(`${REPO}test-results/e2e/`, { recursive: true });
  await page.screenshot({ path: `${REPO}test-results/e2e/ocr-progress.png` });
});
