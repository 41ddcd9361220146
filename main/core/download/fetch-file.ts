/**
 * Downloads one file to `<target>.part`, then renames it to `target`.
 *   - A part left by an earlier try is resumed with `Range` and `If-Range` (the
 *     strong ETag, else Last-Modified, saved beside it in `<target>.part.json`);
 *     a server that ignores Range or whose file changed answers 200 and the part
 *     starts over.
 *   - No answer within `headersMs`, or no bytes for `idleMs`, fails the try as a
 *     stall; a body shorter than its Content-Length fails it as cut short. Both
 *     keep the part, so the next try resumes.
 *   - 404/410 are a miss, other 4xx a refusal: neither is retried.
 *   - The disk failing (full, read-only) is a storage error, never retried and
 *     never taken for a network fault; the part keeps what was written.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError, cancelled } from '../../common/errors.ts';
import { formatBytes } from '../../common/format-bytes.ts';
import { ensureFreeSpace } from '../archive/write-edition.ts';
import { storageError } from '../files/storage-errors.ts';
import { networkReason, USER_AGENT } from '../net/network-words.ts';
import { parseRetryAfter, TransientError } from './retry-policy.ts';

export interface FetchFileOptions {
  fetch: typeof globalThis.fetch;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  headersMs: number;
  idleMs: number;
  /** What is being fetched, in words ("page 3"), for errors. */
  label?: string;
  now?: () => number;
  /** Bytes received so far on this try, for progress. */
  onBytes?: (received: number) => void;
  /**
   * Called once the whole body has arrived, before it is made durable: the
   * network is no longer needed, so the caller can hand its host slot on.
   */
  onReceived?: () => void;
  /** The most one file may be (MAX_FILE_BYTES by default). */
  maxBytes?: number;
}

/** No page or edition file is larger than this; a server that sends more is refused. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;
/** Room kept free beside a download; with no Content-Length it is checked again every CHECK_EVERY. */
const DISK_HEADROOM = 64 * 1024 * 1024;
const CHECK_EVERY = 64 * 1024 * 1024;

/** The server says there is no such file (404, 410). */
export class MissError extends Error {
  override name = 'MissError';
  readonly status: number;

  constructor(status: number) {
    super(`HTTP ${status}`);
    this.status = status;
  }
}

export interface FetchedFile {
  bytes: number;
  /** Bytes that came over the network on this call (less than `bytes` after a resume). */
  transferred: number;
  resumedFrom: number;
  contentType: string;
}

/** Bytes gathered before one write to the part file. */
const WRITE_BATCH = 1024 * 1024;
/** Bytes received but not yet written beyond which the download waits for the disk. */
const WRITE_BEHIND = 8 * 1024 * 1024;

interface PartMeta {
  url: string;
  validator: string;
}

export async function fetchFile(
  url: string,
  target: string,
  options: FetchFileOptions,
): Promise<FetchedFile> {
  const part = `${target}.part`;
  const metaFile = `${part}.json`;
  const onDisk = (error: unknown) =>
    storageError(error, `Could not save ${options.label ?? 'the download'}`);
  let have = (await fs.stat(part).catch(() => undefined))?.size ?? 0;
  const meta = have > 0 ? await readMeta(metaFile, url) : undefined;
  if (!meta) have = 0;
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const tooLarge = (bytes: string) =>
    new FileTooLarge(`the server ${bytes}, more than the ${formatBytes(maxBytes)} a file may be`);
  // A meta file is only written, or removed, when there may be one on disk: without
  // one (no validator) the part cannot be resumed, and goes if this try fails.
  let metaOnDisk = meta !== undefined;

  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([options.signal, controller.signal])
    : controller.signal;
  let stalled = false;
  let timer = setTimeout(() => {
    stalled = true;
    controller.abort();
  }, options.headersMs);
  const rearm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, options.idleMs);
  };

  try {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...options.headers };
    if (meta && have > 0) {
      headers.range = `bytes=${have}-`;
      headers['if-range'] = meta.validator;
    }
    let response: Response;
    try {
      response = await options.fetch(url, { headers, redirect: 'follow', signal });
    } catch (error) {
      throw failure(error);
    }
    if (response.url && !/^https?:/i.test(response.url)) {
      await response.body?.cancel();
      throw new ApiError(
        'network',
        'the server redirected it to an address that is not on the web',
      );
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      throw new MissError(response.status);
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      const wait = parseRetryAfter(
        response.headers.get('retry-after'),
        (options.now ?? Date.now)(),
      );
      throw new TransientError(`the server answered HTTP ${response.status}`, wait);
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new ApiError('network', refusal(response.status));
    }
    let start = 0;
    if (response.status === 206) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(
        response.headers.get('content-range') ?? '',
      );
      if (!range || Number(range[1]) !== have) {
        // An answer for another range than ours: start over rather than guess.
        await response.body?.cancel();
        await fs.rm(part, { force: true });
        throw new TransientError('the server answered a different range than asked');
      }
      start = have;
    }
    const length = response.headers.get('content-length');
    const expected = length === null ? undefined : start + Number(length);
    if (expected !== undefined && expected > maxBytes) {
      await response.body?.cancel();
      await fs.rm(part, { force: true });
      throw tooLarge(`would send ${formatBytes(expected)}`);
    }
    // A download that cannot fit fails before it fills the disk.
    const folder = path.dirname(part);
    if (expected !== undefined) {
      try {
        await ensureFreeSpace(folder, expected - start + DISK_HEADROOM);
      } catch (error) {
        await response.body?.cancel();
        throw error;
      }
    }
    const validator = strongValidator(response.headers);
    if (validator) {
      await fs.writeFile(metaFile, JSON.stringify({ url, validator } satisfies PartMeta));
      metaOnDisk = true;
    } else if (metaOnDisk) {
      await fs.rm(metaFile, { force: true });
      metaOnDisk = false;
    }

    rearm();
    const out = await fs.open(part, start > 0 ? 'a' : 'w');
    let size = start;
    let checkedAt = start;
    try {
      // Chunks are gathered into larger writes (far fewer system calls than one per
      // chunk), and written while the next ones arrive: the socket is not left
      // waiting on the disk unless the disk falls WRITE_BEHIND behind.
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      let writing: Promise<void> = Promise.resolve();
      let unwritten = 0;
      const flush = () => {
        if (pendingBytes === 0) return writing;
        const batch = pending;
        const bytes = pendingBytes;
        pending = [];
        pendingBytes = 0;
        unwritten += bytes;
        writing = writing.then(async () => {
          try {
            await out.writev(batch);
          } catch (error) {
            throw onDisk(error);
          }
          unwritten -= bytes;
        });
        // A failed write is thrown where it is awaited, not as an unhandled rejection meanwhile.
        writing.catch(() => {});
        return writing;
      };
      try {
        if (response.body) {
          for await (const chunk of response.body) {
            rearm();
            size += chunk.length;
            if (size > maxBytes) throw tooLarge('sent more');
            if (expected === undefined && size - checkedAt >= CHECK_EVERY) {
              checkedAt = size;
              await ensureFreeSpace(folder, DISK_HEADROOM);
            }
            pending.push(chunk);
            pendingBytes += chunk.length;
            if (pendingBytes >= WRITE_BATCH) {
              const written = flush();
              if (unwritten > WRITE_BEHIND) await written;
            }
            options.onBytes?.(size - start);
          }
        }
      } catch (error) {
        // What arrived is kept for a resume; the disk failing outranks the network.
        const disk = await flush().then(
          () => undefined,
          (failed: unknown) => failed,
        );
        throw failure(disk ?? error);
      }
      clearTimeout(timer);
      if (expected !== undefined && size < expected) {
        await flush();
        throw new TransientError(`the download was cut short (${size} of ${expected} bytes)`);
      }
      options.onReceived?.();
      await flush();
      await out.sync();
    } finally {
      await out.close();
    }
    await fs.rename(part, target);
    if (metaOnDisk) await fs.rm(metaFile, { force: true });
    return {
      bytes: size,
      transferred: size - start,
      resumedFrom: start,
      contentType: response.headers.get('content-type') ?? '',
    };
  } catch (error) {
    // A part that cannot be resumed (no validator, or refused as too large) is not kept.
    if (!metaOnDisk || error instanceof FileTooLarge) {
      await fs.rm(part, { force: true }).catch(() => {});
      await fs.rm(metaFile, { force: true }).catch(() => {});
    }
    // Everything from the network is already a TransientError, MissError or ApiError:
    // an error the system raised here came from the file system.
    throw isSystemError(error) ? onDisk(error) : error;
  } finally {
    clearTimeout(timer);
  }

  function failure(error: unknown): Error {
    // Refusals and a full disk are not network faults to retry.
    if (error instanceof ApiError) return error;
    if (options.signal?.aborted) return cancelled();
    if (stalled) return new TransientError('the server stopped sending');
    return new TransientError(networkReason(error));
  }
}

/** A file larger than any page or edition may be: refused, not retried, and its part removed. */
class FileTooLarge extends ApiError {
  constructor(message: string) {
    super('network', message);
  }
}

function isSystemError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException)?.syscall === 'string';
}

/** A validator If-Range may use: a strong ETag, else Last-Modified (RFC 9110 §13.1.5). */
function strongValidator(headers: Headers): string | undefined {
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) return etag;
  return headers.get('last-modified') ?? undefined;
}

async function readMeta(file: string, url: string): Promise<PartMeta | undefined> {
  try {
    const meta = JSON.parse(await fs.readFile(file, 'utf8')) as PartMeta;
    return meta.url === url && typeof meta.validator === 'string' ? meta : undefined;
  } catch {
    return undefined;
  }
}

function refusal(status: number): string {
  if (status === 401) return 'the server wants a login (HTTP 401)';
  if (status === 403) return 'the server refused access (HTTP 403)';
  return `the server answered HTTP ${status}`;
}
