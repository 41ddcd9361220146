/**
 * "Test this source for a date": what it would fetch, without fetching it —
 * the page URLs and, where the server says, their sizes (HEAD requests).
 */
import { ApiError, cancelled } from '../../common/errors.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import { networkReason, USER_AGENT } from '../net/network-words.ts';
import { editionDateFor } from './date-tokens.ts';
import { planEdition } from './plan-edition.ts';

export interface SourcePreview {
  date: string;
  /** Why there is nothing to fetch, when there is not. */
  reason?: string;
  /** Pages beyond those listed that were not looked up (a rate-limited source). */
  more?: number;
  pages: { n: number; url: string; bytes?: number; label?: string }[];
}

const MAX_PREVIEW_PAGES = 60;
/** Pages a rate-limited planner (loc.gov) resolves for a preview. */
const PREVIEW_PLANNED_PAGES = 5;

/** How long a page's HEAD request may wait for its answer. */
const HEAD_TIMEOUT_MS = 30_000;

export async function previewSource(
  definition: SourceDefinition,
  day: string,
  fetch: typeof globalThis.fetch,
  signal?: AbortSignal,
): Promise<SourcePreview> {
  const date = editionDateFor(definition, day);
  if (!date)
    return {
      date: day,
      reason: `no such day ${definition.yearsAgo} years before ${day}`,
      pages: [],
    };
  const plan = await planEdition(definition, date, {
    fetch,
    ...(signal && { signal }),
    previewPages: PREVIEW_PLANNED_PAGES,
  });
  if (plan.kind === 'none') return { date, reason: plan.reason, pages: [] };
  if (plan.kind === 'local')
    return { date, pages: plan.files.map((file, i) => ({ n: i + 1, url: file })) };
  const head = async (url: string): Promise<{ found: boolean; bytes?: number }> => {
    let response: Response;
    // A server that never answers is given up on, as every network read is.
    const timeout = AbortSignal.timeout(HEAD_TIMEOUT_MS);
    try {
      response = await fetch(url, {
        method: 'HEAD',
        headers: { 'user-agent': USER_AGENT, ...definition.headers },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      const host = new URL(url).host;
      if (timeout.aborted)
        throw new ApiError('network', `${host} did not answer within ${HEAD_TIMEOUT_MS / 1000} s.`);
      throw new ApiError('network', `Cannot reach ${host}: ${networkReason(error)}.`);
    }
    if (response.status === 404 || response.status === 410) return { found: false };
    if (!response.ok)
      throw new ApiError(
        'network',
        `${new URL(url).host} answered HTTP ${response.status} for ${url}.`,
      );
    const length = response.headers.get('content-length');
    return { found: true, ...(length !== null && { bytes: Number(length) }) };
  };
  const pages: SourcePreview['pages'] = [];
  if (plan.kind === 'pages') {
    for (const page of plan.pages.slice(0, MAX_PREVIEW_PAGES)) {
      const { bytes } = await head(page.url);
      pages.push({
        n: page.n,
        url: page.url,
        ...(bytes !== undefined && { bytes }),
        ...(page.label && { label: page.label }),
      });
    }
    return { date, pages, ...(plan.more && { more: plan.more }) };
  }
  for (let n = 1; n <= Math.min(plan.max, MAX_PREVIEW_PAGES); n++) {
    const url = plan.urlFor(n);
    const { found, bytes } = await head(url);
    if (!found) break;
    pages.push({ n, url, ...(bytes !== undefined && { bytes }) });
  }
  return pages.length
    ? { date, pages }
    : { date, reason: 'no edition that day (page 1 is not on the server)', pages: [] };
}
