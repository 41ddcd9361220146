/**
 * The source definitions a reader follows, one JSON file each in
 * `<archive>/.paperboy/sources/<id>.json`, so they live with the archive and
 * survive a catalog rebuild.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { definitionProblem, SourceDefinition } from '../../common/source-definition.ts';
import { STATE_DIR } from '../archive/layout.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';

export class SourceStore {
  readonly #dir: string;

  constructor(root: string) {
    this.#dir = path.join(root, STATE_DIR, 'sources');
  }

  async list(): Promise<SourceDefinition[]> {
    const names = await fs.readdir(this.#dir).catch(() => [] as string[]);
    const definitions: SourceDefinition[] = [];
    for (const name of names
      .filter((n) => n.endsWith('.json') && !n.endsWith('.health.json'))
      .sort()) {
      const parsed = SourceDefinition.safeParse(
        JSON.parse(await fs.readFile(path.join(this.#dir, name), 'utf8')),
      );
      if (parsed.success) definitions.push(parsed.data);
    }
    return definitions;
  }

  async get(id: string): Promise<SourceDefinition> {
    const found = (await this.list()).find((d) => d.id === id);
    if (!found)
      throw new ApiError('not-found', `No source ${id}. Add one with: paperboy sources add FILE`);
    return found;
  }

  /** Adds or replaces a definition, after validating it. */
  async put(value: unknown): Promise<SourceDefinition> {
    const problem = definitionProblem(value);
    if (problem) throw new ApiError('invalid', `Bad source definition: ${problem}`);
    const definition = SourceDefinition.parse(value);
    await fs.mkdir(this.#dir, { recursive: true });
    const file = path.join(this.#dir, `${definition.id}.json`);
    await writeFileAtomic(file, `${JSON.stringify(definition, null, 2)}\n`);
    return definition;
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await fs.rm(path.join(this.#dir, `${id}.json`));
    await fs.rm(path.join(this.#dir, `${id}.health.json`), { force: true });
  }
}
