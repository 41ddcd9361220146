/**
 * Changes another process made to the catalog (a cron `paperboy fetch`, a CLI
 * import, the app and `serve` sharing an archive), found and announced. SQLite's
 * `PRAGMA data_version` changes when another connection commits; only then are
 * the editions compared with those last seen. This process's own changes leave
 * data_version as it is: they are announced where they are made.
 */
import type { Catalog } from './catalog.ts';

export interface CatalogChanges {
  /** Editions that appeared, or were replaced by other files. */
  added: string[];
  removed: string[];
}

export function watchCatalog(
  catalog: Catalog,
  onChange: (changes: CatalogChanges) => void,
  intervalMs: number,
): { stop(): void } {
  const version = () =>
    (catalog.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
  const editions = () =>
    new Map(
      (
        catalog.db.prepare('SELECT id, imported_at FROM editions').all() as {
          id: string;
          imported_at: string;
        }[]
      ).map((row) => [row.id, row.imported_at]),
    );
  let seenVersion = version();
  let seen = editions();
  const timer = setInterval(() => {
    if (!catalog.db.isOpen) return;
    const now = version();
    if (now === seenVersion) return;
    seenVersion = now;
    const current = editions();
    const added = [...current].filter(([id, at]) => seen.get(id) !== at).map(([id]) => id);
    const removed = [...seen.keys()].filter((id) => !current.has(id));
    seen = current;
    if (added.length > 0 || removed.length > 0) onChange({ added, removed });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
