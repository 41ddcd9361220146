/**
 * Files a reader hands the app to import (dropped on the library, picked in a
 * file dialog) arrive as bytes, over whichever transport the app uses: a caller
 * never names a path on the serving machine. Each file is received in order,
 * in chunks small enough for any transport's bound, into the archive's state
 * folder under its own name (the name says the paper and the date), and is
 * imported from there with the same checks as the CLI's import. What a closed
 * window or a crash leaves is swept away after a day.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { formatBytes } from '../../common/format-bytes.ts';
import { MAX_CHUNK_BYTES, MAX_UPLOAD_BYTES } from '../../common/upload-limits.ts';
import { storageError } from '../files/storage-errors.ts';
import { STATE_DIR } from './layout.ts';
import { ensureFreeSpace } from './write-edition.ts';

/** Uploads left unfinished longer than this are a window that went away. */
const STALE_MS = 24 * 60 * 60 * 1000;
/** Uploads open at once: a folder of pages is one each. */
const MAX_OPEN = 2000;

interface Upload {
  file: string;
  expected: number;
  received: number;
  touched: number;
}

export class Uploads {
  readonly #dir: string;
  readonly #open = new Map<string, Upload>();
  #swept = false;

  constructor(root: string) {
    this.#dir = path.join(root, STATE_DIR, 'uploads');
  }

  /** Starts receiving a file of `bytes` bytes called `name`; returns the upload's id. */
  async begin(name: string, bytes: number): Promise<string> {
    const base = path.basename(name.replace(/\\/g, '/'));
    if (!/\.pdf$/i.test(base) || base.startsWith('.'))
      throw new ApiError(
        'invalid',
        `${base || name} is not a PDF file (its name must end in .pdf)`,
      );
    if (bytes > MAX_UPLOAD_BYTES)
      throw new ApiError(
        'invalid',
        `${base} is ${formatBytes(bytes)}; a file imported from the app may be at most ${formatBytes(MAX_UPLOAD_BYTES)}`,
      );
    if (this.#open.size >= MAX_OPEN)
      throw new ApiError('conflict', 'Too many files are being received; import those first.');
    await this.#sweep();
    const id = randomBytes(12).toString('hex');
    const folder = path.join(this.#dir, id);
    const file = path.join(folder, base);
    try {
      await fs.mkdir(folder, { recursive: true });
      await ensureFreeSpace(folder, bytes);
      await fs.writeFile(file, new Uint8Array(0));
    } catch (error) {
      await fs.rm(folder, { recursive: true, force: true });
      if (error instanceof ApiError) throw error;
      throw storageError(error, `Cannot receive ${base}`);
    }
    this.#open.set(id, { file, expected: bytes, received: 0, touched: Date.now() });
    return id;
  }

  /** Adds the next chunk; `offset` must be where the last one ended. Returns the bytes received. */
  async append(id: string, offset: number, chunk: Uint8Array): Promise<number> {
    const upload = this.#get(id);
    if (offset !== upload.received)
      throw new ApiError(
        'conflict',
        `Upload ${id} has ${upload.received} bytes; a chunk at ${offset} is out of order.`,
      );
    if (chunk.length > MAX_CHUNK_BYTES)
      throw new ApiError('invalid', `A chunk may be at most ${formatBytes(MAX_CHUNK_BYTES)}.`);
    if (upload.received + chunk.length > upload.expected)
      throw new ApiError(
        'invalid',
        `Upload ${id} would have more bytes than the ${upload.expected} it announced.`,
      );
    try {
      await fs.appendFile(upload.file, chunk);
    } catch (error) {
      throw storageError(error, `Cannot receive ${path.basename(upload.file)}`);
    }
    upload.received += chunk.length;
    upload.touched = Date.now();
    return upload.received;
  }

  /** The received files, in order, to import; each must be complete. */
  files(ids: readonly string[]): string[] {
    return ids.map((id) => {
      const upload = this.#get(id);
      if (upload.received !== upload.expected)
        throw new ApiError(
          'invalid',
          `${path.basename(upload.file)} is incomplete: ${upload.received} of ${upload.expected} bytes received.`,
        );
      return upload.file;
    });
  }

  /** Forgets an upload and deletes what was received. */
  async drop(id: string): Promise<void> {
    const upload = this.#open.get(id);
    this.#open.delete(id);
    if (upload) await fs.rm(path.dirname(upload.file), { recursive: true, force: true });
  }

  #get(id: string): Upload {
    const upload = /^[0-9a-f]{24}$/.test(id) ? this.#open.get(id) : undefined;
    if (!upload)
      throw new ApiError(
        'not-found',
        `No upload ${id} (it was imported, cancelled or has expired).`,
      );
    return upload;
  }

  /** Deletes what earlier runs left and uploads idle for a day. */
  async #sweep(): Promise<void> {
    const now = Date.now();
    for (const [id, upload] of this.#open) if (now - upload.touched > STALE_MS) await this.drop(id);
    if (this.#swept) return;
    this.#swept = true;
    // Another process sharing the archive may be receiving files of its own: only what is a day old goes.
    const names = await fs.readdir(this.#dir).catch(() => [] as string[]);
    for (const name of names) {
      const folder = path.join(this.#dir, name);
      const { mtimeMs } = await fs.stat(folder).catch(() => ({ mtimeMs: now }));
      if (!this.#open.has(name) && now - mtimeMs > STALE_MS)
        await fs.rm(folder, { recursive: true, force: true });
    }
  }
}
