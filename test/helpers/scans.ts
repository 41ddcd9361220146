/**
 * The project's own scanned pages (test/fixtures/scans.ts) as files, made once
 * and kept in the system's temporary folder under a key of the generator's
 * source, so each test file does not make them again. For the core suite;
 * the real pages are REAL_PDFS (paths.ts), for test/real/.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeScans, OCR_NAME, SCAN_NAME } from '../fixtures/scans.ts';
import { REPO } from './paths.ts';

async function scans(): Promise<{ ocr: string; scan: string }> {
  const sources = await Promise.all(
    [
      'test/fixtures/scans.ts',
      'test/fixtures/newspaper/draw.ts',
      'test/fixtures/newspaper/compose.ts',
    ].map((file) => fs.readFile(`${REPO}${file}`)),
  );
  const key = createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `paperboy-scans-${key}`);
  const files = { ocr: path.join(dir, OCR_NAME), scan: path.join(dir, SCAN_NAME) };
  const there = await Promise.all(
    Object.values(files).map((f) => fs.stat(f).catch(() => undefined)),
  );
  if (there.every(Boolean)) return files;
  // Made in a folder of its own, then moved into place whole: test files that
  // start at once never see half of it.
  const made = await makeScans();
  const part = await fs.mkdtemp(`${dir}.part-`);
  await fs.writeFile(path.join(part, OCR_NAME), made.ocr);
  await fs.writeFile(path.join(part, SCAN_NAME), made.scan);
  await fs.rename(part, dir).catch(async (error: NodeJS.ErrnoException) => {
    // Another test file got there first.
    await fs.rm(part, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
  return files;
}

/** `ocr`: a scan with an invisible OCR text layer; `scan`: a bare scan (see fixtures/scans.ts). */
export const SCANS = await scans();
