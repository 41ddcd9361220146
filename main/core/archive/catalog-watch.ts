/**
 * Changes another process made to the catalog (a cron `paperboy fetch`, a CLI
 * import, the app and `serve` sharing an archive), found and announced. SQLite's
 * `PRAGMA data_version` changes when another connection commits; only then are
 * the editions compared with those last seen. This process's own changes leave
 * data_version as it is: they are announced where they are made.
 */
import type { ArchiveChange } from './archive.ts';
import type { Catalog } from './catalog.ts';

/** A catalog row as the watcher compares it. */
type Seen = {
  /** The files it was made from: the same when only its paper, date or title were corrected. */
  files: string;
  /** What a correction changes in place. */
  names: string;
};

export function watchCatalog(
  catalog: Catalog,
  onChange: (changes: ArchiveChange) => void,
  intervalMs: number,
): { stop(): void } {
  const version = () =>
    (catalog.db.prepare('PRAGMA data_version').get() as { data_version: number }).data_version;
  const editions = () =>
    new Map(
      (
        catalog.db
          .prepare(
            `SELECT id, imported_at || '|' || pages || '|' || bytes AS files,
                    source || '|' || title || '|' || ifnull(edition, '') || '|' || ifnull(date_check, '')
                      AS names
             FROM editions`,
          )
          .all() as ({ id: string } & Seen)[]
      ).map(({ id, ...row }) => [id, row]),
    );
  let seenVersion = version();
  let seen = editions();
  const timer = setInterval(() => {
    if (!catalog.db.isOpen) return;
    const now = version();
    if (now === seenVersion) return;
    seenVersion = now;
    const current = editions();
    const change: ArchiveChange = { added: [], removed: [], edited: [] };
    // A correction that moved an edition (a new paper or date) takes its row to a new
    // id with the same files: it is told as an edit, not as one edition gone and another come.
    const gone = [...seen].filter(([id]) => !current.has(id));
    const moved = new Set<string>();
    for (const [id, row] of current) {
      const before = seen.get(id);
      if (before?.files === row.files) {
        if (before.names !== row.names) change.edited.push({ id, previous: id });
        continue;
      }
      const previous = before
        ? undefined
        : gone.find(([old, was]) => was.files === row.files && !moved.has(old))?.[0];
      if (previous === undefined) change.added.push(id);
      else {
        moved.add(previous);
        change.edited.push({ id, previous });
      }
    }
    change.removed = gone.map(([id]) => id).filter((id) => !moved.has(id));
    seen = current;
    onChange(change);
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
