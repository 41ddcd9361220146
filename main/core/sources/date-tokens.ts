/**
 * Date tokens in source URLs and file patterns:
 *   {yyyy} 2025  {yy} 25  {mm} 03  {m} 3  {dd} 07  {d} 7
 *   {MMM} Mar  {MMMM} March  {mon} mar
 *   {page} 7  {page:3} 007   (only where a page number is given)
 */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const TOKEN = /\{(yyyy|yy|mm|m|dd|d|MMMM|MMM|mon|page(?::(\d))?)\}/g;

export function expandTokens(template: string, date: string, page?: number): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  const month = MONTHS[Number(m) - 1]!;
  return template.replace(TOKEN, (token, name: string, width?: string) => {
    switch (name) {
      case 'yyyy':
        return y;
      case 'yy':
        return y.slice(2);
      case 'mm':
        return m;
      case 'm':
        return String(Number(m));
      case 'dd':
        return d;
      case 'd':
        return String(Number(d));
      case 'MMMM':
        return month;
      case 'MMM':
        return month.slice(0, 3);
      case 'mon':
        return month.slice(0, 3).toLowerCase();
      default:
        if (page === undefined) return token;
        return width ? String(page).padStart(Number(width), '0') : String(page);
    }
  });
}

export function hasPageToken(template: string): boolean {
  return /\{page(?::\d)?\}/.test(template);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The instant at which the wall clock in `timeZone` reads `hhmm` on `date` (the later one in a DST fold). */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the zone's offset at that moment, DST changes included.
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The date of the edition a source delivers for a day: the day itself, or for a
 * "years ago today" source the same day that many years before (undefined when
 * that day did not exist, as 29 February).
 */
export function editionDateFor(
  definition: { yearsAgo?: number },
  date: string,
): string | undefined {
  if (!definition.yearsAgo) return date;
  const year = Number(date.slice(0, 4)) - definition.yearsAgo;
  const shifted = `${String(year).padStart(4, '0')}${date.slice(4)}`;
  const check = new Date(`${shifted}T12:00:00Z`);
  return check.getUTCFullYear() === year && check.toISOString().slice(0, 10) === shifted
    ? shifted
    : undefined;
}
