/**
 * Retention: a source may keep its editions for `days`, and/or within
 * `gigabytes`. The rule, in order:
 *   1. the newest edition always stays;
 *   2. an edition the reader has marked (a clip made on it: `isKept`) always
 *      stays, whatever its age or size — it is counted as held for that reason;
 *   3. the others go oldest first, while older than `days` or while the source
 *      is over `gigabytes`.
 * `planRetention` says what the rule would do without doing it, so the Sources
 * screen can show what is held, and catch-up can avoid fetching what would go.
 */

import { addDays } from '../../common/calendar.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import type { Archive } from '../archive/archive.ts';
import { editionDateFor } from '../sources/date-tokens.ts';

export interface RetentionPlan {
  /** Editions the rule removes, oldest first. */
  remove: string[];
  /** Editions the rule would remove but that stay because the reader marked them. */
  held: { editions: number; bytes: number };
  /** Bytes the source's editions take once `remove` is gone. */
  bytes: number;
}

export interface RetentionOutcome {
  removed: string[];
  held: RetentionPlan['held'];
  /** Bytes the source's editions take after retention. */
  bytes: number;
}

/**
 * The oldest edition date a source's `retention.days` keeps, or undefined when
 * it keeps any age. `today` is the source's day; a "100 years ago" source files
 * editions under their own dates, so its days are counted back from that date.
 */
export function oldestRetained(definition: SourceDefinition, today: string): string | undefined {
  const days = definition.retention?.days;
  if (days === undefined) return undefined;
  // 29 February of a year that has none: the day before counts.
  const filed = editionDateFor(definition, today) ?? editionDateFor(definition, addDays(today, -1));
  return addDays(filed ?? today, -(days - 1));
}

/**
 * Whether retention would remove the edition of `date` (an edition date) as soon
 * as it arrived: older than `days`, or older than every edition the source holds
 * while the source is already at its `gigabytes` (an edition of average size
 * would tip it over, and the oldest goes first). Catch-up skips such dates, so it
 * never fetches what retention deletes again.
 */
export function retentionWouldRemove(
  archive: Archive,
  definition: SourceDefinition,
  date: string,
  today: string,
): boolean {
  const oldestKept = oldestRetained(definition, today);
  if (oldestKept !== undefined && date < oldestKept) return true;
  const gigabytes = definition.retention?.gigabytes;
  if (gigabytes === undefined) return false;
  const editions = archive.catalog.editionSizes(definition.id);
  const oldest = editions.at(-1);
  if (!oldest || date > oldest.date) return false;
  const bytes = editions.reduce((n, e) => n + e.bytes, 0);
  return bytes + bytes / editions.length > gigabytes * 1024 ** 3;
}

export function planRetention(
  archive: Archive,
  definition: SourceDefinition,
  today: string,
  isKept: (editionId: string) => boolean,
): RetentionPlan {
  const editions = archive.catalog.editionSizes(definition.id);
  let bytes = editions.reduce((n, e) => n + e.bytes, 0);
  const plan: RetentionPlan = { remove: [], held: { editions: 0, bytes: 0 }, bytes };
  const { days, gigabytes } = definition.retention ?? {};
  if (days === undefined && gigabytes === undefined) return plan;
  const oldestKept = oldestRetained(definition, today);
  const limit = gigabytes === undefined ? Number.POSITIVE_INFINITY : gigabytes * 1024 ** 3;
  // Oldest first; the newest (editions[0]) is never a candidate.
  for (const edition of editions.slice(1).reverse()) {
    const tooOld = oldestKept !== undefined && edition.date < oldestKept;
    if (!tooOld && bytes <= limit) continue;
    const size = edition.bytes;
    if (isKept(edition.id)) {
      plan.held.editions++;
      plan.held.bytes += size;
      continue;
    }
    plan.remove.push(edition.id);
    bytes -= size;
  }
  plan.bytes = bytes;
  return plan;
}

export async function applyRetention(
  archive: Archive,
  definition: SourceDefinition,
  today: string,
  isKept: (editionId: string) => boolean,
): Promise<RetentionOutcome> {
  const plan = planRetention(archive, definition, today, isKept);
  const removed: string[] = [];
  for (const id of plan.remove) {
    // Asked again at the last moment: a clip may have been made since the plan.
    if (isKept(id)) continue;
    await archive.remove(id);
    removed.push(id);
  }
  return { removed, held: plan.held, bytes: plan.bytes };
}
