/** How Paperboy names itself to servers, and network failures in a reader's words. */
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
