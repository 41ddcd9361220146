import type { SQLInputValue } from 'node:sqlite';

/** The filters editions and pages share, by column of a table alias. */
export interface RowFilter {
  source?: string;
  edition?: string;
  from?: string;
  to?: string;
}

/** WHERE terms and their bound parameters for a filter on `<alias>.source/edition/date`. */
export function filterClauses(
  alias: string,
  filter: RowFilter,
): { where: string[]; params: SQLInputValue[] } {
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${alias}.${sql}`);
    params.push(value);
  };
  add('source = ?', filter.source);
  add('edition = ?', filter.edition);
  add('date >= ?', filter.from);
  add('date <= ?', filter.to);
  return { where, params };
}
