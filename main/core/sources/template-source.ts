/** `template`: a URL with date tokens; pages by {page}, or one whole-edition PDF. */

import { expandTokens, hasPageToken } from './date-tokens.ts';
import { DEFAULT_MAX_PAGES, type EditionPlan, type SourceKindPlanner } from './edition-plan.ts';

export const templateSource: SourceKindPlanner = {
  async plan(definition, date): Promise<EditionPlan> {
    const url = definition.url!;
    if (!hasPageToken(url))
      return { kind: 'pages', pages: [{ n: 1, url: expandTokens(url, date) }] };
    const count = definition.pages?.count;
    if (count) {
      const pages = Array.from({ length: count }, (_, i) => ({
        n: i + 1,
        url: expandTokens(url, date, i + 1),
      }));
      return { kind: 'pages', pages };
    }
    return {
      kind: 'enumerate',
      urlFor: (n) => expandTokens(url, date, n),
      max: definition.pages?.max ?? DEFAULT_MAX_PAGES,
    };
  },
};
