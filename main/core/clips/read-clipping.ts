/**
 * The clipping a reader gives Paperboy — pasted text, a .txt, a saved page
 * (.html), or a web shortcut (.url, .webloc) — read into a Clipping, with one
 * clear error for input that is none of these. Shortcuts are fetched through
 * the injected fetch (Electron's net.fetch on the desktop).
 */
import { ApiError } from '../../common/errors.ts';
import { type BoundedAnswer, boundedFetch } from '../net/bounded-fetch.ts';
import { assembleClipping, type Clipping, textBlocks } from './assemble-clipping.ts';
import { readHtmlClipping } from './read-html.ts';

export interface ClippingInput {
  content: string | Uint8Array;
  /** The file's name when it came from one: its extension says what it holds. */
  name?: string;
}

export interface ReadOptions {
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal;
}

/** A saved page with inline scripts and styles can be large; an article's text is not. */
export const MAX_CLIPPING_BYTES = 8 * 1024 * 1024;
const IS_A_PDF = 'This is a PDF, not a clipping; add it to the archive with "paperboy import".';
const MAX_TEXT_CHARS = 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;
/** A web page larger than this is not an article (a clipping sent as text is capped alike). */
const ARTICLE_LIMIT = 10 * 1024 * 1024;

type Kind = 'text' | 'html' | 'url' | 'webloc';

export async function readClipping(input: ClippingInput, options: ReadOptions): Promise<Clipping> {
  const text = decodeClipping(input.content);
  const kind = kindOf(text, input.name);
  if (kind === 'html') return readHtmlClipping(text, undefined, options.signal);
  if (kind === 'text') {
    // One article's text is tens of kilobytes; a megabyte of it is not a clipping.
    if (text.length > MAX_TEXT_CHARS)
      throw new ApiError(
        'invalid',
        `The clipping is too long (${(text.length / 1024 / 1024).toFixed(1)} MB of text); one article is at most ${MAX_TEXT_CHARS / 1024 / 1024} MB.`,
      );
    return assembleClipping(textBlocks(text));
  }
  const url = kind === 'url' ? urlFromShortcut(text) : await urlFromWebloc(text);
  return fetchArticle(url, options);
}

/** A clipping file's text, or one clear error for a file that is not a clipping. */
export function decodeClipping(content: string | Uint8Array): string {
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > MAX_CLIPPING_BYTES)
    throw new ApiError(
      'invalid',
      `The clipping is too large (${(size / 1024 / 1024).toFixed(1)} MB); a saved article is at most ${MAX_CLIPPING_BYTES / 1024 / 1024} MB.`,
    );
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    if (content[0] === 0x25 && new TextDecoder().decode(content.subarray(0, 5)) === '%PDF-')
      throw new ApiError('invalid', IS_A_PDF);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      throw new ApiError(
        'invalid',
        'The clipping is not text, HTML or a web shortcut (it is binary).',
      );
    }
  }
  // Control characters other than tab and line ends mean a binary file that happened to decode.
  const head = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
  }
  if (control > 0)
    throw new ApiError(
      'invalid',
      'The clipping is not text, HTML or a web shortcut (it is binary).',
    );
  if (!text.trim()) throw new ApiError('invalid', 'The clipping is empty.');
  if (text.startsWith('%PDF-')) throw new ApiError('invalid', IS_A_PDF);
  return text.replace(/^\uFEFF/, '');
}

function kindOf(text: string, name: string | undefined): Kind {
  const ext = name?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'url' || /^\s*\[InternetShortcut\]/i.test(text)) return 'url';
  if (ext === 'webloc' || /<plist[\s>]/.test(text.slice(0, 2000))) return 'webloc';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (/^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>])/i.test(text))
    return 'html';
  return 'text';
}

function urlFromShortcut(text: string): string {
  const url = /^\s*URL\s*=\s*(\S+)\s*$/im.exec(text)?.[1];
  return checkUrl(url);
}

async function urlFromWebloc(text: string): Promise<string> {
  const { XMLParser } = await import('fast-xml-parser');
  let plist: unknown;
  try {
    plist = new XMLParser().parse(text);
  } catch {
    throw new ApiError('invalid', 'The .webloc file is not a readable property list.');
  }
  const dict = (plist as { plist?: { dict?: { key?: unknown; string?: unknown } } }).plist?.dict;
  const keys = [dict?.key].flat();
  const values = [dict?.string].flat();
  const url = values[keys.indexOf('URL')];
  return checkUrl(typeof url === 'string' ? url : undefined);
}

function checkUrl(url: string | undefined): string {
  if (!url) throw new ApiError('invalid', 'The web shortcut has no URL in it.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError('invalid', `The web shortcut's URL is not valid: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ApiError(
      'invalid',
      `The web shortcut points to ${parsed.protocol} — only web pages can be read.`,
    );
  return parsed.href;
}

async function fetchArticle(url: string, options: ReadOptions): Promise<Clipping> {
  let response: BoundedAnswer;
  try {
    response = await boundedFetch(url, {
      fetch: options.fetch,
      headers: { accept: 'text/html,text/plain;q=0.8' },
      ...(options.signal && { signal: options.signal }),
      headersMs: FETCH_TIMEOUT_MS,
      idleMs: FETCH_TIMEOUT_MS,
      limit: ARTICLE_LIMIT,
      what: 'the article',
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'network')
      throw new ApiError(
        'network',
        `${error.message.replace(/\.$/, '')}; save the page as HTML or paste its text instead.`,
      );
    throw error;
  }
  const body = new TextDecoder().decode(response.body);
  if (response.status < 200 || response.status > 299)
    throw new ApiError(
      'network',
      `${new URL(url).host} answered HTTP ${response.status} for ${url}.`,
    );
  const type = response.headers.get('content-type') ?? '';
  if (/text\/plain/.test(type)) return { ...(await assembleClipping(textBlocks(body))), url };
  if (!/html/.test(type) && !/^\s*</.test(body))
    throw new ApiError('invalid', `${url} is not a web page (${type || 'unknown type'}).`);
  return readHtmlClipping(body, response.url || url, options.signal);
}
