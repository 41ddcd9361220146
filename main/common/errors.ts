/**
 * Errors are data at every boundary: a small closed set of codes that the UI
 * switches on and the CLI maps to exit codes. The message is one line, meant
 * for a person.
 */
export const ERROR_CODES = [
  'invalid',
  'not-found',
  'conflict',
  /** Not allowed here: a change asked of a read-only server. */
  'forbidden',
  'network',
  'storage',
  'aborted',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses a transport: IPC, HTTP, or the CLI's JSON output. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(oneLine(message), options);
    this.code = code;
  }

  toJSON(): ErrorData {
    return { code: this.code, message: this.message };
  }
}

/** The error an operation stopped by its signal ends with. */
export function cancelled(): ApiError {
  return new ApiError('aborted', 'The operation was cancelled.');
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Any thrown value as ErrorData; unknown failures become `internal`. */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof ApiError) return error.toJSON();
  if (error instanceof Error && error.name === 'AbortError') {
    return cancelled().toJSON();
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: oneLine(message) || 'Unexpected error.' };
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
