import type { SourceDefinition } from '../../common/source-definition.ts';
import type { SourceKindPlanner } from './edition-plan.ts';
import { feedSource } from './feed-source.ts';
import { folderSource } from './folder-source.ts';
import { locSource } from './loc-source.ts';
import { manifestSource } from './manifest-source.ts';
import { templateSource } from './template-source.ts';

/** One planner per source kind. */
export const PLANNERS: Record<SourceDefinition['kind'], SourceKindPlanner> = {
  template: templateSource,
  manifest: manifestSource,
  feed: feedSource,
  folder: folderSource,
  loc: locSource,
};
