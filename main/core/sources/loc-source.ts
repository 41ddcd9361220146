/**
 * `loc`: one title in the Library of Congress's Chronicling America, through the
 * loc.gov JSON API (LibraryOfCongress/data-exploration, "Chronicling_America"):
 *   1. the collection search, narrowed to the title (fa=number_lccn:…) and the
 *      day (start_date = end_date), one row per page (dl=page), lists the
 *      issue's page resources (…/resource/<lccn>/<date>/ed-1/?sp=<seq>);
 *   2. each page resource (&fo=json) names its PDF (resource.pdf).
 * loc.gov allows bursts of 20 requests a minute, then blocks for five minutes,
 * so requests are spaced by the source's requestsPerMinute (15 if unset).
 */
import { ApiError } from '../../common/errors.ts';
import type { EditionPlan, PlannedPage, SourceKindPlanner } from './edition-plan.ts';
import { fetchDocument } from './fetch-document.ts';

export const LOC_COLLECTION = 'https://www.loc.gov/collections/chronicling-america/';
const DEFAULT_RPM = 15;
const MAX_RESULT_PAGES = 10;
const PAGE_RESOURCE = /\/resource\/([^/]+)\/(\d{4}-\d{2}-\d{2})\/ed-(\d+)\/?\?(?:.*&)?sp=(\d+)/;

interface SearchAnswer {
  results?: { id?: string; url?: string }[];
  pagination?: { next?: string | null };
}

export const locSource: SourceKindPlanner = {
  async plan(definition, date, context): Promise<EditionPlan> {
    const gap = 60_000 / (definition.requestsPerMinute ?? DEFAULT_RPM);
    let first = true;
    const get = async (url: string): Promise<unknown> => {
      if (!first) await context.sleep?.(gap, context.signal);
      first = false;
      const document = await fetchDocument(url, definition, context);
      if (document.missing) return undefined;
      try {
        return JSON.parse(document.text);
      } catch {
        throw new ApiError('network', `loc.gov did not answer JSON for ${url}.`);
      }
    };

    const search = new URL(definition.url ?? LOC_COLLECTION);
    search.searchParams.set('fa', `number_lccn:${definition.lccn}`);
    search.searchParams.set('start_date', date);
    search.searchParams.set('end_date', date);
    search.searchParams.set('dl', 'page');
    search.searchParams.set('c', '100');
    search.searchParams.set('at', 'results,pagination');
    search.searchParams.set('fo', 'json');

    const resources = new Map<number, string>();
    let next: string | undefined = search.href;
    for (let round = 0; next && round < MAX_RESULT_PAGES; round++) {
      const answer = (await get(next)) as SearchAnswer | undefined;
      for (const result of answer?.results ?? []) {
        const id = result.id ?? result.url ?? '';
        const match = PAGE_RESOURCE.exec(id);
        // Edition 1 of this title on this day; later editions of the day are separate issues.
        if (!match || match[1] !== definition.lccn || match[2] !== date || match[3] !== '1')
          continue;
        resources.set(Number(match[4]), id);
      }
      next = answer?.pagination?.next ?? undefined;
    }
    if (resources.size === 0) {
      return { kind: 'none', reason: 'no issue of this title that day in Chronicling America' };
    }

    const sequences = [...resources.keys()].sort((a, b) => a - b);
    const wanted = context.previewPages ? sequences.slice(0, context.previewPages) : sequences;
    const pages: PlannedPage[] = [];
    for (const sequence of wanted) {
      const resource = resources.get(sequence)!;
      const json = (await get(`${resource}${resource.includes('?') ? '&' : '?'}fo=json`)) as
        | { resource?: { pdf?: string }; page?: { url?: string }[] }
        | undefined;
      const pdf =
        json?.resource?.pdf ?? json?.page?.find((file) => file.url?.endsWith('.pdf'))?.url;
      if (!pdf)
        throw new ApiError('network', `loc.gov names no PDF for page ${sequence} (${resource}).`);
      pages.push({
        n: pages.length + 1,
        url: new URL(pdf, resource).href,
        label: `Page ${sequence}`,
      });
    }
    return {
      kind: 'pages',
      pages,
      ...(wanted.length < sequences.length && { more: sequences.length - wanted.length }),
    };
  },
};
