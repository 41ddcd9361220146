/**
 * What the contract's handlers are built from: the core's parts, opened once
 * by core.ts. Each area's handlers take this and implement their methods.
 */
import type { Handlers, MethodName } from '../../common/api.ts';
import type { Core } from '../core.ts';
import type { ServiceDeps } from '../service-deps.ts';
import type { SearchPool } from '../text/search-pool.ts';

export interface HandlerContext
  extends Pick<Core, 'archive' | 'sources' | 'delivery' | 'indexer' | 'ocr' | 'clips' | 'hub'> {
  deps: ServiceDeps;
  searches: SearchPool;
  /** Runs long work under both the caller's signal and shutdown's, and waits for it at close. */
  track<T>(signal: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** The sources changed: the schedule looks again, and folder sources are watched anew. */
  sourcesChanged(): Promise<void>;
}

/** One area's share of the contract. */
export type AreaHandlers<M extends MethodName> = Pick<Handlers, M>;
