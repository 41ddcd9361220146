/** What a node:sqlite error says, by SQLite's primary result code (its extended codes included). */

function primaryCode(error: unknown): number | undefined {
  const { errcode } = error as { errcode?: number };
  return typeof errcode === 'number' ? errcode & 0xff : undefined;
}

/** SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock; worth trying again. */
export function isBusy(error: unknown): boolean {
  const code = primaryCode(error);
  return (
    code === 5 || code === 6 || /database is (locked|busy)/.test((error as Error)?.message ?? '')
  );
}

/** SQLITE_CORRUPT or SQLITE_NOTADB: a file that is not a database, or one whose pages are corrupt. */
export function isDamaged(error: unknown): boolean {
  const code = primaryCode(error);
  return (
    code === 11 ||
    code === 26 ||
    /file is not a database|database disk image is malformed/.test((error as Error)?.message ?? '')
  );
}
