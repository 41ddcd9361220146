/**
 * Benchmark: delivery throughput. A local server on 127.0.0.1 (in a thread of
 * its own) serves a 40-page edition of ~2 MB pages (scans: noise images that do
 * not compress); Paperboy delivers it (download, verify every page, commit) and
 * curl fetches the same pages with the same concurrency (2 per host). Prints both and the ratio
 * (Paperboy's throughput / curl's; target ≥ 0.9), and, on Linux, the CPU time each
 * of Paperboy's threads spent on a delivery: over 127.0.0.1 a download is bound by
 * the CPU, not the network. Then the same over a link paced to 1 Gbit/s (the
 * server sends no faster, for all transfers together), as a real network would
 * be at best, and over the link publishers serve at: 100 Mbit/s with 20 ms
 * before each answer (the target: ≥ 0.95 of curl), with Paperboy's CPU time per
 * MB. Beside each, Node's fetch alone (no verification, no fsync): the ceiling
 * any code on Node's fetch could reach. Asserts nothing.
 *   node test/bench/delivery.ts [wan]   (wan: the 100 Mbit/s link alone)
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { memorySettings } from '../../main/common/settings.ts';
import { systemClock } from '../../main/core/clock.ts';
import { openCore } from '../../main/core/core.ts';
import { Random } from '../fixtures/newspaper/random.ts';
import { REPO } from '../helpers/paths.ts';

const PAGES = 40;
const RUNS = 5;
/** The paced links, in bytes per millisecond and ms before each answer: 1 Gbit/s, and 100 Mbit/s at 20 ms. */
const LINKS = { paced: { rate: 125_000, latency: 0 }, wan: { rate: 12_500, latency: 20 } };
const run = promisify(execFile);

/** A page PDF of about 2 MB: one 850×800 RGB noise image (a scan that will not compress). */
async function bigPage(seed: number): Promise<Buffer> {
  const width = 850;
  const height = 800;
  const random = new Random(seed);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let i = 0; i < raw.length; i++)
    raw[i] = i % (width * 3 + 1) === 0 ? 0 : (random.next() * 256) | 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(png);
  doc.addPage([612, 792]).drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
  return Buffer.from(await doc.save());
}

/** What each kind of thread is, by the name the OS has for it. */
const THREADS: Record<string, string> = {
  MainThread: 'main (fetch, files)',
  'pdf-worker': 'pdf workers (verify)',
  V8Worker: 'V8 helpers (mostly GC)',
  'libuv-worker': 'I/O pool (write, fsync)',
};

/**
 * CPU milliseconds so far of this process's threads, summed by kind (THREADS;
 * the bench's server thread apart, others as "other"), from /proc; empty where
 * there is no /proc. Clock ticks are taken as Linux's usual 100 a second.
 */
function threadCpu(): Map<string, number> {
  const byKind = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return byKind;
  }
  for (const task of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime
    const kind = name === 'bench-server' ? name : (THREADS[name] ?? 'other');
    byKind.set(kind, (byKind.get(kind) ?? 0) + ms);
  }
  return byKind;
}

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'paperboy-bench-'));
const pages = await Promise.all(Array.from({ length: PAGES }, (_, i) => bigPage(i + 1)));
const total = pages.reduce((n, p) => n + p.length, 0);
// The server runs in a thread of its own, as a real server would be another
// machine: Paperboy's event loop does not serve the pages it downloads.
const server = new Worker(
  `
  const http = require('node:http');
  const { parentPort, workerData } = require('node:worker_threads');
  const pages = workerData.pages.map((p) => Buffer.from(p));
  // Under /paced/ and /wan/, all answers together go no faster than their link:
  // each 64 KB slice waits for the link to be free, give or take a millisecond
  // (a timer's grain); an answer starts its link's latency after the request.
  const free = {};
  const paced = (res, body, name) => {
    const { rate } = workerData.links[name];
    let at = 0;
    const step = () => {
      const now = performance.now();
      while (at < body.length && (free[name] ?? 0) <= now + 1) {
        const end = Math.min(at + 65536, body.length);
        free[name] = Math.max(free[name] ?? 0, now) + (end - at) / rate;
        const more = res.write(body.subarray(at, end));
        at = end;
        if (!more) return void res.once('drain', step);
      }
      if (at >= body.length) return void res.end();
      setTimeout(step, free[name] - now - 1);
    };
    step();
  };
  const server = http.createServer((req, res) => {
    const match = /^(?:\\/(paced|wan))?\\/e\\/2025-01-01\\/p(\\d+)\\.pdf$/.exec(req.url ?? '');
    const body = match ? pages[Number(match[2]) - 1] : undefined;
    if (!body) return void res.writeHead(404).end();
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length, etag: '"' + match[2] + '"' });
      if (match[1]) paced(res, body, match[1]);
      else res.end(body);
    };
    const latency = match[1] ? workerData.links[match[1]].latency : 0;
    if (latency > 0) setTimeout(answer, latency);
    else answer();
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
  parentPort.on('message', () => server.close(() => process.exit(0)));
  `,
  { eval: true, workerData: { pages, links: LINKS }, name: 'bench-server' },
);
const [port] = (await once(server, 'message')) as [number];
const base = `http://127.0.0.1:${port}`;

const mb = total / 1024 / 1024;
const best = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * The platform's own ceiling: Node's fetch alone, 2 at a time, each body written
 * to a file in batches as Paperboy writes it; no verification, no fsync, no commit.
 */
async function bareFetch(urls: string[], dir: string): Promise<number> {
  await fs.mkdir(dir);
  let next = 0;
  const start = performance.now();
  const one = async () => {
    while (next < urls.length) {
      const n = next++;
      const response = await fetch(urls[n]!);
      if (!response.ok || !response.body) throw new Error(`bare fetch: HTTP ${response.status}`);
      const out = await fs.open(path.join(dir, `p${n + 1}.pdf`), 'w');
      try {
        let batch: Uint8Array[] = [];
        let bytes = 0;
        for await (const chunk of response.body) {
          batch.push(chunk);
          bytes += chunk.length;
          if (bytes >= 1024 * 1024) {
            await out.writev(batch);
            batch = [];
            bytes = 0;
          }
        }
        await out.writev(batch);
      } finally {
        await out.close();
      }
    }
  };
  await Promise.all([one(), one()]);
  return performance.now() - start;
}

/** Paperboy's, bare fetch's and curl's times (ms) and Paperboy's CPU (ms by kind of thread), run by run. */
async function measure(prefix: string, runs = RUNS) {
  const urls = pages.map((_, i) => `${base}${prefix}/e/2025-01-01/p${i + 1}.pdf`);
  const paperboy: number[] = [];
  const bare: number[] = [];
  const curl: number[] = [];
  /** CPU ms by kind of thread, one entry per run. */
  const cpu = new Map<string, number[]>();
  // The two take turns, so a machine that slows down for a while slows both.
  for (let i = 0; i < runs; i++) {
    const name = `${prefix.slice(1) || 'direct'}-${i}`;
    const services = await openCore({
      archiveDir: path.join(work, `archive-${name}`),
      settings: memorySettings(),
      clock: systemClock(),
      fetch: globalThis.fetch,
      resourcesDir: `${REPO}resources`,
      version: 'bench',
    });
    await services.sources.put({
      id: 'bench',
      name: 'Bench',
      kind: 'template',
      url: `${base}${prefix}/e/{yyyy}-{mm}-{dd}/p{page}.pdf`,
      pages: { count: PAGES },
      timezone: 'UTC',
      schedule: { at: '06:00' },
    });
    const before = threadCpu();
    const start = performance.now();
    const report = await services.delivery.fetch({ source: 'bench', date: '2025-01-01' });
    paperboy.push(performance.now() - start);
    for (const [kind, ms] of threadCpu())
      cpu.set(kind, [...(cpu.get(kind) ?? []), ms - (before.get(kind) ?? 0)]);
    if (report.editions[0]?.pages !== PAGES)
      throw new Error(`delivery failed: ${JSON.stringify(report)}`);
    await services.close();

    bare.push(await bareFetch(urls, path.join(work, `fetch-${name}`)));

    const dir = path.join(work, `curl-${name}`);
    await fs.mkdir(dir);
    const args = [
      '--silent',
      '--fail',
      '--parallel',
      '--parallel-max',
      '2',
      ...urls.flatMap((u, n) => ['-o', path.join(dir, `p${n + 1}.pdf`), u]),
    ];
    const curlStart = performance.now();
    await run('curl', args);
    curl.push(performance.now() - curlStart);
  }
  return { paperboy, bare, curl, cpu };
}

function report(
  { paperboy, bare, curl }: { paperboy: number[]; bare: number[]; curl: number[] },
  target: string,
) {
  const line = (label: string, times: number[]) =>
    console.log(
      `  ${label.padEnd(37)} ${best(times).toFixed(0).padStart(6)} ms  ${(mb / (best(times) / 1000)).toFixed(1)} MB/s  (median ${median(times).toFixed(0)} ms)`,
    );
  const ratio = (a: number[], b: number[]) =>
    `${(best(b) / best(a)).toFixed(2)} best, ${(median(b) / median(a)).toFixed(2)} median`;
  line('paperboy (download + verify + commit)', paperboy);
  line("node's fetch alone (download only)", bare);
  line('curl --parallel-max 2 (download only)', curl);
  console.log(`  throughput ratio paperboy/curl: ${ratio(paperboy, curl)}${target}`);
  console.log(`  the platform's ceiling, node's fetch/curl: ${ratio(bare, curl)}`);
  console.log(`  paperboy/node's fetch: ${ratio(paperboy, bare)}`);
}

/** Paperboy's CPU time per delivery, by kind of thread, and per MB delivered. */
function cpuReport({ cpu, paperboy }: Awaited<ReturnType<typeof measure>>, detail: boolean) {
  if (cpu.size === 0) return;
  const kinds = [...Object.values(THREADS), 'other'].filter(
    (kind) => median(cpu.get(kind) ?? [0]) > 0,
  );
  const totals = paperboy.map((_, run) =>
    kinds.reduce((sum, kind) => sum + (cpu.get(kind)?.[run] ?? 0), 0),
  );
  console.log(
    `  paperboy's CPU per delivery, median: ${median(totals).toFixed(0)} ms on ${os.availableParallelism()} cores, ${(median(totals) / mb).toFixed(1)} ms per MB (the server's thread apart: ${median(cpu.get('bench-server') ?? [0]).toFixed(0)} ms)`,
  );
  if (detail)
    for (const kind of kinds)
      console.log(`    ${kind.padEnd(26)} ${median(cpu.get(kind)!).toFixed(0).padStart(5)} ms`);
}

try {
  if (process.argv[2] !== 'wan') {
    const direct = await measure('');
    console.log(
      `delivery of ${PAGES} pages, ${mb.toFixed(1)} MB from 127.0.0.1 (best of ${RUNS}, 2 transfers per host)`,
    );
    report(direct, ' (bound by the CPU here: for reference)');
    cpuReport(direct, true);
    const paced = await measure('/paced');
    console.log(`the same over a link paced to ${(LINKS.paced.rate * 8) / 1e6} Gbit/s`);
    report(paced, '');
  }
  const wan = await measure('/wan', 3);
  console.log(
    `the same over a link paced to ${(LINKS.wan.rate * 8) / 1e3} Mbit/s with ${LINKS.wan.latency} ms before each answer (best of 3)`,
  );
  report(wan, ' (target ≥ 0.95)');
  cpuReport(wan, false);
} finally {
  server.postMessage('close');
  await once(server, 'exit');
  await fs.rm(work, { recursive: true, force: true });
}
