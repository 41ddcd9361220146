/**
 * Benchmark: import time per page, for a generated whole-edition PDF, a folder of
 * page PDFs, and the real scanned pages. Prints figures; asserts nothing.
 *   npm run bench
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../main/core/archive/archive.ts';
import { fixedClock } from '../../main/core/clock.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REAL_PDFS } from '../helpers/paths.ts';

const RUNS = 8;
const PAGES = 24;

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-bench-'));
try {
  const edition = await writeEdition(work, 'bench', {
    seed: 9,
    title: 'Bench',
    date: '2025-01-01',
    pages: PAGES,
  });
  const archive = await Archive.open(
    path.join(work, 'archive'),
    fixedClock('2026-11-28T00:00:00Z'),
  );
  const rows: [string, number, number][] = [];
  for (const [label, input] of [
    [`whole-edition PDF (${PAGES} pp)`, edition.file],
    [`folder of ${PAGES} page PDFs`, edition.folder],
  ] as const) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const date = `2025-0${label.startsWith('whole') ? 1 : 2}-${String(run + 1).padStart(2, '0')}`;
      const start = performance.now();
      await archive.import({ path: input, source: 'bench', date });
      times.push(performance.now() - start);
    }
    rows.push([label, median(times), median(times) / PAGES]);
  }
  for (const [label, input] of [
    ['real scan with OCR text (1 p)', REAL_PDFS.ocr],
    ['real bare scan, 2375×2928 (1 p)', REAL_PDFS.scan],
  ] as const) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      await archive.import({ path: input, source: `real-${run}` });
      times.push(performance.now() - start);
    }
    rows.push([label, median(times), median(times)]);
  }
  archive.close();
  console.log(`import (median of ${RUNS} runs; verify + hash + atomic write + catalog)`);
  for (const [label, total, perPage] of rows) {
    console.log(
      `  ${label.padEnd(36)} ${total.toFixed(1).padStart(8)} ms   ${perPage.toFixed(1).padStart(7)} ms/page`,
    );
  }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
