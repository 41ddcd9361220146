/**
 * Benchmark: `serve` under load, on 127.0.0.1 only. 200 concurrent clients: 100
 * read 64 KB ranges of an edition's page file (as pdf.js does), 100 search the
 * archive's text (common words, phrases, prefixes). Prints p50/p95 of each kind,
 * beside page ranges read with no searches running (the reference, in the same
 * run), and their ratio. Target: page ranges p95 ≤ 100 ms while searches run.
 * Bounded: every client makes a fixed number of requests, then stops.
 * PAGES (default 20,000) sets the size of the synthetic text archive.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { memorySettings } from '../../main/common/settings.ts';
import { fixedClock } from '../../main/core/clock.ts';
import { openCore } from '../../main/core/core.ts';
import type { Word } from '../../main/core/words/page-words.ts';
import { startServer } from '../../main/headless/server.ts';
import { Random } from '../fixtures/newspaper/random.ts';
import { pseudoWord, SYLLABLES, Zipf } from '../fixtures/zipf.ts';
import { writeEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';

const PAGES = Number(process.env.PAGES ?? 20_000);
const PAGES_PER_DAY = 32;
const CLIENTS = 100;
const RANGES_EACH = 20;
const SEARCHES_EACH = 4;
const RANGE = 64 * 1024;

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-load-'));
try {
  const services = await openCore({
    archiveDir: path.join(work, 'archive'),
    settings: memorySettings(),
    clock: fixedClock('2026-01-01T00:00:00Z'),
    fetch: globalThis.fetch,
    resourcesDir: `${REPO}resources`,
    version: 'bench',
  });
  // An edition to read ranges of (a whole-edition file of 24 broadsheet pages).
  const generated = await writeEdition(work, 'ranges', {
    seed: 5,
    title: 'Ranges',
    date: '2025-06-01',
    pages: 24,
  });
  const { edition } = await services.archive.import({ path: generated.file, source: 'ranges' });
  const file = edition.files[0]!;

  // The text of PAGES synthetic pages, written as the indexer would.
  const random = new Random(3);
  const vocabulary = Array.from({ length: 50_000 }, (_, i) =>
    pseudoWord(i + 1, SYLLABLES.slice(0, 16)),
  );
  const zipf = new Zipf(vocabulary.length);
  const catalog = services.archive.catalog;
  catalog.db.exec("INSERT INTO sources (id, name, kind) VALUES ('daily', 'Daily', 'import')");
  const addEdition = catalog.db.prepare(
    `INSERT INTO editions (id, source, date, title, pages, bytes, sample, aspect, cover_file, cover_index, dir, manifest, imported_at)
     VALUES (?, 'daily', ?, 'Daily', ?, 0, 0, 0.7, 'edition.pdf', 1, ?, '{}', '')`,
  );
  for (let d = 0; d * PAGES_PER_DAY < PAGES; d++) {
    const date = new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10);
    const id = `daily:${date}`;
    addEdition.run(id, date, PAGES_PER_DAY, `daily/${date.slice(0, 4)}/${date}`);
    services.indexer.store.put(
      { id, source: 'daily', date },
      Array.from({ length: PAGES_PER_DAY }, (_, p) => ({
        page: p + 1,
        quality: 'good' as const,
        words: Array.from(
          { length: 1500 },
          (_, k): Word => ({
            text: vocabulary[zipf.draw(random)]!,
            x: (k % 10) * 60,
            y: 1200 - Math.floor(k / 10) * 8,
            w: 50,
            h: 9,
          }),
        ),
      })),
    );
  }
  await services.indexer.store.tidyIndex();

  const server = await startServer({ services, port: 0 });
  const fileUrl = `${server.url}files/${encodeURIComponent(edition.id)}/${file.name}`;
  const queries = [
    vocabulary[0]!,
    vocabulary[3]!,
    `"${vocabulary[1]} ${vocabulary[2]}"`,
    `${vocabulary[0]!.slice(0, 2)}*`,
    `${vocabulary[5]} ${vocabulary[40]}`,
    vocabulary[2000]!,
  ];

  const timed = async (work: () => Promise<void>): Promise<number> => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const rangeClient = async (seed: number, out: number[]) => {
    const pick = new Random(seed);
    for (let i = 0; i < RANGES_EACH; i++) {
      const start = pick.int(0, Math.max(0, file.bytes - RANGE));
      out.push(
        await timed(async () => {
          const response = await fetch(fileUrl, {
            headers: { range: `bytes=${start}-${start + RANGE - 1}` },
          });
          if (response.status !== 206) throw new Error(`range: HTTP ${response.status}`);
          await response.arrayBuffer();
        }),
      );
    }
  };
  const searchClient = async (seed: number, out: number[]) => {
    for (let i = 0; i < SEARCHES_EACH; i++) {
      const q = queries[(seed + i) % queries.length]!;
      out.push(
        await timed(async () => {
          const response = await fetch(`${server.url}api/search.query`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ q }),
          });
          if (!response.ok) throw new Error(`search: HTTP ${response.status}`);
          await response.json();
        }),
      );
    }
  };
  const pct = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  };
  const show = (values: number[]) =>
    `p50 ${pct(values, 50).toFixed(1)} ms, p95 ${pct(values, 95).toFixed(1)} ms (${values.length})`;

  // Warm both paths once.
  await rangeClient(0, []);
  await searchClient(0, []);

  const alone: number[] = [];
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => rangeClient(c + 1, alone)));
  const ranges: number[] = [];
  const searches: number[] = [];
  await Promise.all([
    ...Array.from({ length: CLIENTS }, (_, c) => rangeClient(c + 1, ranges)),
    ...Array.from({ length: CLIENTS }, (_, c) => searchClient(c, searches)),
  ]);

  console.log(
    `serve under load: ${PAGES} pages of text, ${CLIENTS * 2} concurrent clients on 127.0.0.1`,
  );
  console.log(`  page ranges alone (reference):   ${show(alone)}`);
  console.log(`  page ranges while searches run:  ${show(ranges)} (target p95 ≤ 100 ms)`);
  console.log(`  searches meanwhile:              ${show(searches)}`);
  console.log(
    `  ratio, ranges under search / alone: p50 ${(pct(ranges, 50) / pct(alone, 50)).toFixed(2)}, p95 ${(pct(ranges, 95) / pct(alone, 95)).toFixed(2)}`,
  );
  await server.close();
  await services.close();
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
