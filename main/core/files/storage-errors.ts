/**
 * How a file-system failure is told, in one line: the disk full, permission
 * denied, a read-only file system, or the system's own words.
 */
import { ApiError, cancelled } from '../../common/errors.ts';

/** A file given to Paperboy that cannot be read: the caller's to mend, in one line. */
export function unreadable(file: string, error: unknown): ApiError {
  return new ApiError(
    'invalid',
    `Cannot read ${file}: ${(error as NodeJS.ErrnoException)?.code ?? error}`,
  );
}

export function storageError(error: unknown, what: string): ApiError {
  if (error instanceof ApiError) return error;
  if ((error as Error)?.name === 'AbortError') return cancelled();
  const code = (error as NodeJS.ErrnoException)?.code;
  const reason =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : ((error as Error)?.message ?? String(error));
  return new ApiError('storage', `${what}: ${reason}.`, { cause: error });
}
