/** Fetches a small text document (a manifest, a feed) for planning, with one clear error. */
import { ApiError } from '../../common/errors.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import type { PlanContext } from './edition-plan.ts';

const LIMIT = 8 * 1024 * 1024;

export async function fetchDocument(
  url: string,
  definition: SourceDefinition,
  context: PlanContext,
): Promise<{ status: number; url: string; text: string; missing: boolean }> {
  let response: Response;
  try {
    response = await context.fetch(url, {
      headers: { 'user-agent': USER_AGENT, ...definition.headers },
      redirect: 'follow',
      signal: context.signal ?? null,
    });
  } catch (error) {
    if (context.signal?.aborted) throw new ApiError('aborted', 'The operation was cancelled.');
    throw new ApiError('network', `Cannot reach ${new URL(url).host}: ${networkReason(error)}.`);
  }
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    return { status: response.status, url: response.url || url, text: '', missing: true };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ApiError(
      'network',
      `${new URL(url).host} answered HTTP ${response.status} for ${url}.`,
    );
  }
  const text = await response.text();
  if (text.length > LIMIT)
    throw new ApiError('network', `${url} is too large for a manifest or feed.`);
  return { status: response.status, url: response.url || url, text, missing: false };
}

export const USER_AGENT = 'Paperboy/0.1 (+offline e-paper reader)';

/** A network failure in a reader's words: the cause fetch wraps, not "fetch failed". */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code;
  const reasons: Record<string, string> = {
    ENOTFOUND: 'the name does not resolve (offline?)',
    EAI_AGAIN: 'the name does not resolve (offline?)',
    ECONNREFUSED: 'the connection was refused',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    ENETUNREACH: 'the network is unreachable (offline?)',
    UND_ERR_SOCKET: 'the connection was cut',
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  };
  return (code && reasons[code]) ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
