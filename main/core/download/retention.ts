/**
 * Retention: a source may keep its editions for `days`, and/or within
 * `gigabytes`. Older editions go first; the newest edition always stays, and so
 * does any edition the reader has marked (clips, bookmarks: `isKept`).
 */
import type { SourceDefinition } from '../../common/source-definition.ts';
import type { Archive } from '../archive/archive.ts';
import { addDays } from '../sources/date-tokens.ts';

export interface RetentionOutcome {
  removed: string[];
  /** Bytes the source's editions take after retention. */
  bytes: number;
}

export async function applyRetention(
  archive: Archive,
  definition: SourceDefinition,
  today: string,
  isKept: (editionId: string) => boolean = () => false,
): Promise<RetentionOutcome> {
  const editions = archive.list({ source: definition.id });
  const sizes = new Map(
    editions.map((e) => [e.id, archive.get(e.id).files.reduce((n, f) => n + f.bytes, 0)]),
  );
  let bytes = [...sizes.values()].reduce((n, b) => n + b, 0);
  const removed: string[] = [];
  const { days, gigabytes } = definition.retention ?? {};
  if (days === undefined && gigabytes === undefined) return { removed, bytes };
  const oldestKept = days === undefined ? undefined : addDays(today, -(days - 1));
  const limit = gigabytes === undefined ? Number.POSITIVE_INFINITY : gigabytes * 1024 ** 3;
  // Oldest first; the newest (editions[0]) is never a candidate.
  for (const edition of editions.slice(1).reverse()) {
    const tooOld = oldestKept !== undefined && edition.date < oldestKept;
    if (!tooOld && bytes <= limit) continue;
    if (isKept(edition.id)) continue;
    await archive.remove(edition.id);
    bytes -= sizes.get(edition.id) ?? 0;
    removed.push(edition.id);
  }
  return { removed, bytes };
}
