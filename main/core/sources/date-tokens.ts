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
