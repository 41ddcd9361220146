/**
 * Presets: ready-made source definitions for real public sources, kept as data
 * in `resources/presets/*.json` (see README "Sources").
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { definitionProblem, SourceDefinition } from '../../common/source-definition.ts';

export async function loadPresets(resourcesDir: string): Promise<SourceDefinition[]> {
  const dir = path.join(resourcesDir, 'presets');
  const names = (await fs.readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.json'))
    .sort();
  const presets: SourceDefinition[] = [];
  for (const name of names) {
    const value: unknown = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8'));
    const problem = definitionProblem(value);
    if (problem) throw new ApiError('internal', `Preset ${name} is broken: ${problem}`);
    presets.push(SourceDefinition.parse(value));
  }
  return presets;
}
