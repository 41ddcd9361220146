/**
 * Published and updated times in a clipping ("Updated: December 19, 2025 17:45
 * IST", "Dec. 19, 2025 at 5:45 p.m. EST", "2025-12-19T17:45:00+09:00"), read
 * with chrono-node and written as ISO 8601 in the clipping's own zone:
 * 2025-12-19T17:45+05:30. A time without a zone keeps its wall-clock time and
 * no offset; a date without a year is not a publication time.
 */
type Chrono = typeof import('chrono-node');

let chronoModule: Promise<Chrono> | undefined;

export interface ClipTime {
  /** ISO 8601: date, and the time with its offset when the clipping gives them. */
  iso: string;
  /** The calendar date as printed (YYYY-MM-DD), in the clipping's zone. */
  date: string;
  /** The words it was read from. */
  text: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The first complete date in a line of text, if any (see findClipTime). */
export type ClipTimeFinder = (line: string) => ClipTime | undefined;

/** A ClipTimeFinder: chrono-node (large, slow to load) is loaded on first use, not at start-up. */
export async function clipTimeFinder(): Promise<ClipTimeFinder> {
  chronoModule ??= import('chrono-node');
  const chrono = await chronoModule;
  return (line) => findClipTime(chrono, line);
}

/** The first complete date (day, month and year) in a line of text, if any. */
function findClipTime(chrono: Chrono, line: string): ClipTime | undefined {
  for (const result of chrono.parse(line)) {
    const start = result.start;
    if (!start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) continue;
    const date = `${start.get('year')}-${pad(start.get('month')!)}-${pad(start.get('day')!)}`;
    if (!start.isCertain('hour')) return { iso: date, date, text: result.text };
    const time = `${pad(start.get('hour')!)}:${pad(start.get('minute') ?? 0)}`;
    const offset = start.get('timezoneOffset');
    const zone = start.isCertain('timezoneOffset') && offset !== null ? offsetText(offset) : '';
    return { iso: `${date}T${time}${zone}`, date, text: result.text };
  }
  return undefined;
}
