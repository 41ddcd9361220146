/**
 * The source definitions a reader follows, one JSON file each in
 * `<archive>/.paperboy/sources/<id>.json`, so they live with the archive and
 * survive a catalog rebuild.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../common/errors.ts';
import { definitionProblem, SourceDefinition } from '../../common/source-definition.ts';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import { STATE_DIR } from '../archive/layout.ts';

/** A definition file that cannot be used, and why, in words. */
export interface SourceProblem {
  file: string;
  /** The id the file's name gives it (`<id>.json`). */
  id: string;
  reason: string;
}

export class SourceStore {
  readonly #dir: string;
  readonly #onProblem: (problem: SourceProblem) => void;
  readonly #told = new Set<string>();

  /** `onProblem` hears once of each definition file that cannot be used (it is skipped). */
  constructor(root: string, options: { onProblem?: (problem: SourceProblem) => void } = {}) {
    this.#dir = path.join(root, STATE_DIR, 'sources');
    this.#onProblem = options.onProblem ?? (() => {});
  }

  /** The definitions that can be used, skipping (and naming) the files that cannot. */
  async list(): Promise<SourceDefinition[]> {
    return (await this.scan()).definitions;
  }

  /**
   * Every definition file: one that cannot be read, is not JSON, is not a valid
   * definition or names another id than its file is skipped — the others are
   * still delivered — and said in `problems`.
   */
  async scan(): Promise<{ definitions: SourceDefinition[]; problems: SourceProblem[] }> {
    const names = await fs.readdir(this.#dir).catch(() => [] as string[]);
    const definitions: SourceDefinition[] = [];
    const problems: SourceProblem[] = [];
    for (const name of names
      .filter((n) => n.endsWith('.json') && !n.endsWith('.health.json'))
      .sort()) {
      const file = path.join(this.#dir, name);
      const id = name.slice(0, -'.json'.length);
      const reason = await this.#read(file, id).then(
        (definition) => {
          definitions.push(definition);
          return undefined;
        },
        (error: Error) => error.message,
      );
      if (reason === undefined) continue;
      const problem = { file, id, reason };
      problems.push(problem);
      const key = `${file}\n${reason}`;
      if (!this.#told.has(key)) {
        this.#told.add(key);
        this.#onProblem(problem);
      }
    }
    return { definitions, problems };
  }

  async #read(file: string, id: string): Promise<SourceDefinition> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`it cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error('it is not JSON');
    }
    const problem = definitionProblem(value);
    if (problem) throw new Error(problem);
    const definition = SourceDefinition.parse(value);
    if (definition.id !== id) throw new Error(`its id is ${definition.id}, not ${id}`);
    return definition;
  }

  async get(id: string): Promise<SourceDefinition> {
    const { definitions, problems } = await this.scan();
    const found = definitions.find((d) => d.id === id);
    const broken = problems.find((p) => p.id === id);
    if (!found && broken)
      throw new ApiError('invalid', `The definition of ${id} (${broken.file}): ${broken.reason}`);
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
