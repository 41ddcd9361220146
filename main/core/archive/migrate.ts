import type { DatabaseSync } from 'node:sqlite';
import { ApiError } from '../../common/errors.ts';
import { type Migration, migrations } from './migrations/index.ts';

/** Brings the database to the newest schema; each migration runs in its own transaction. */
export function migrate(db: DatabaseSync, list: readonly Migration[] = migrations): number {
  const current = Number(
    (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
  );
  if (current > list.length) {
    throw new ApiError(
      'storage',
      `The catalog is from a newer Paperboy (schema ${current}, this one knows ${list.length}).`,
    );
  }
  for (let version = current + 1; version <= list.length; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const migration = list[version - 1]!;
      if ('sql' in migration) db.exec(migration.sql);
      else migration.run(db);
      db.exec(`PRAGMA user_version = ${version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  return list.length;
}
