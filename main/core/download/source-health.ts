/**
 * Per-source health, in words a reader understands: the last success, the last
 * failure and its reason. Kept beside the definitions
 * (`.paperboy/sources/<id>.health.json`) so the app and a cron `fetch` share it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../node/write-file-atomic.ts';
import { STATE_DIR } from '../archive/layout.ts';
import type { DeliveryOutcome } from './deliver-edition.ts';

export interface SourceHealth {
  lastSuccess?: { date: string; at: string };
  lastFailure?: { date: string; at: string; reason: string };
}

export class HealthStore {
  readonly #dir: string;

  constructor(root: string) {
    this.#dir = path.join(root, STATE_DIR, 'sources');
  }

  async get(source: string): Promise<SourceHealth> {
    try {
      return JSON.parse(await fs.readFile(this.#file(source), 'utf8')) as SourceHealth;
    } catch {
      return {};
    }
  }

  async record(source: string, date: string, outcome: DeliveryOutcome, at: Date): Promise<void> {
    if (outcome.status === 'present' || outcome.status === 'missing') return;
    const health = await this.get(source);
    if (outcome.status === 'delivered') health.lastSuccess = { date, at: at.toISOString() };
    else health.lastFailure = { date, at: at.toISOString(), reason: outcome.reason };
    await fs.mkdir(this.#dir, { recursive: true });
    await writeFileAtomic(this.#file(source), JSON.stringify(health));
  }

  #file(source: string): string {
    return path.join(this.#dir, `${source}.health.json`);
  }
}
