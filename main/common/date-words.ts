/**
 * A calendar day (YYYY-MM-DD) and a month (YYYY-MM) in words, the same on every
 * machine (English, the day first): what the core says in its messages and the
 * OPDS catalog in its titles. The renderer writes dates in the reader's own
 * language instead (renderer/views/dom.ts).
 */

/** "2025-12-20" → "20 December 2025". */
export function longDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "2025-11" → "November 2025". */
export function longMonth(yearMonth: string): string {
  return new Date(`${yearMonth}-01T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
