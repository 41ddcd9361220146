/**
 * Telling "no such page" from "something went wrong" on a paged template, when
 * the server answers a missing page with a web page and status 200 (a "soft
 * 404") rather than 404. Once per edition, on the first answer that is not a
 * PDF after page 1, a page that surely does not exist is asked for:
 *   1. it answers 404/410: the server says "missing" plainly, so the answer
 *      that was not a PDF is not a miss — a login page, an error page;
 *   2. it answers the same thing as the page did (same type, same body once
 *      numbers are set aside): that is what this server says for a missing
 *      page, and the edition ends there;
 *   3. anything else: not a miss either.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { USER_AGENT } from '../net/network-words.ts';

/** Bytes of an answer compared; a soft 404 is a small page. */
const COMPARED = 64 * 1024;

/** A page number no edition reaches. */
export const FAR_PAGE = 9999;

/** What an answer that is not a PDF looks like, numbers set aside (they name the page asked for). */
export function answerFingerprint(contentType: string, head: Uint8Array): string {
  const media = contentType.split(';')[0]!.trim().toLowerCase();
  const text = Buffer.from(head).toString('latin1').replace(/\d+/g, '#');
  return `${media} ${createHash('sha256').update(text).digest('hex')}`;
}

/** The fingerprint of a downloaded answer on disk. */
export async function fileFingerprint(file: string, contentType: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(COMPARED);
    const { bytesRead } = await handle.read(head, 0, COMPARED, 0);
    return answerFingerprint(contentType, head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * What the server answers for a page that does not exist: 'miss' (404/410), a
 * fingerprint, or 'unknown' when it cannot be told (no answer in time, a PDF,
 * another status).
 */
export async function farPageAnswer(
  url: string,
  options: {
    fetch: typeof globalThis.fetch;
    headers?: Record<string, string>;
    timeoutMs: number;
    signal?: AbortSignal;
  },
): Promise<'miss' | 'unknown' | { fingerprint: string }> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await options.fetch(url, {
      headers: { 'user-agent': USER_AGENT, ...options.headers },
      redirect: 'follow',
      signal,
    });
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return 'miss';
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      return 'unknown';
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= COMPARED) break;
    }
    const head = Buffer.concat(chunks).subarray(0, COMPARED);
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'unknown';
    return { fingerprint: answerFingerprint(response.headers.get('content-type') ?? '', head) };
  } catch {
    options.signal?.throwIfAborted();
    return 'unknown';
  }
}
