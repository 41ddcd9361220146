/**
 * `folder`: a local folder where PDFs appear (a scanner, a sync client, another
 * tool's downloads). Files whose names match the pattern for the date, with
 * date tokens and `*` (default `{yyyy}-{mm}-{dd}*.pdf`), are the edition's pages
 * in name order.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { expandTokens } from './date-tokens.ts';
import type { EditionPlan, SourceKindPlanner } from './edition-plan.ts';

export const DEFAULT_FOLDER_PATTERN = '{yyyy}-{mm}-{dd}*.pdf';

export const folderSource: SourceKindPlanner = {
  async plan(definition, date): Promise<EditionPlan> {
    const folder = definition.folder!;
    let names: string[];
    try {
      names = await fs.readdir(folder);
    } catch {
      throw new ApiError('invalid', `The folder ${folder} cannot be read.`);
    }
    const pattern = globToRegExp(expandTokens(definition.pattern ?? DEFAULT_FOLDER_PATTERN, date));
    const files = names
      .filter((name) => pattern.test(name))
      .sort(new Intl.Collator('en', { numeric: true }).compare)
      .map((name) => path.join(folder, name));
    if (files.length === 0)
      return { kind: 'none', reason: `no edition that day (no file in ${folder} matches)` };
    return { kind: 'local', files };
  },
};

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
