/** Fetches a small text document (a manifest, a feed) for planning, with one clear error. */
import { ApiError } from '../../common/errors.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import { boundedFetch, DEFAULT_BOUNDS } from '../net/bounded-fetch.ts';
import type { PlanContext } from './edition-plan.ts';

const LIMIT = 8 * 1024 * 1024;

export async function fetchDocument(
  url: string,
  definition: SourceDefinition,
  context: PlanContext,
): Promise<{ status: number; url: string; text: string; missing: boolean }> {
  const answer = await boundedFetch(url, {
    fetch: context.fetch,
    ...(definition.headers && { headers: definition.headers }),
    ...(context.signal && { signal: context.signal }),
    ...DEFAULT_BOUNDS,
    ...context.timeouts,
    limit: LIMIT,
    what: 'a manifest or feed',
  });
  if (answer.status === 404 || answer.status === 410)
    return { status: answer.status, url: answer.url, text: '', missing: true };
  if (answer.status < 200 || answer.status > 299)
    throw new ApiError(
      'network',
      `${new URL(url).host} answered HTTP ${answer.status} for ${url}.`,
    );
  return {
    status: answer.status,
    url: answer.url,
    text: new TextDecoder().decode(answer.body),
    missing: false,
  };
}
