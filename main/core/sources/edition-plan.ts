/**
 * What a source says about one date: the pages to fetch, or that there is no
 * edition that day. Every source kind answers with one of these.
 */
import type { SourceDefinition } from '../../common/source-definition.ts';

export interface PlannedPage {
  n: number;
  url: string;
  label?: string;
  section?: string;
}

export type EditionPlan =
  /** A known list of page files (a manifest, a fixed page count, a feed item). */
  | { kind: 'pages'; title?: string; pages: PlannedPage[]; more?: number }
  /** Pages 1, 2, 3 … until the first miss, at most `max`. */
  | { kind: 'enumerate'; title?: string; urlFor: (n: number) => string; max: number }
  /** Local files (a folder source). */
  | { kind: 'local'; title?: string; files: string[] }
  /** No edition that day, and why, in a reader's words. */
  | { kind: 'none'; reason: string };

export interface PlanContext {
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal;
  /** Waits between a planner's own requests, for sources with a rate limit. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A preview needs only the first few pages resolved. */
  previewPages?: number;
  /** How long to wait for an answer, and for the next part of one (tests shorten them). */
  timeouts?: { headersMs: number; idleMs: number };
}

export interface SourceKindPlanner {
  plan(definition: SourceDefinition, date: string, context: PlanContext): Promise<EditionPlan>;
}

/** Pages tried when a template enumerates without a stated maximum. */
export const DEFAULT_MAX_PAGES = 200;
