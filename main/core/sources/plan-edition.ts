/**
 * A source's plan for a date, checked before anything is downloaded, whatever
 * kind of source made it (a followed manifest or feed is someone else's data):
 *   1. every page is an http(s) URL — never data:, file: or another scheme;
 *   2. page numbers are whole, positive and each listed once (two pages of one
 *      number would download into one file);
 *   3. the title, labels and sections are one line, without control
 *      characters, and of a length a toolbar can show.
 */
import { ApiError } from '../../common/errors.ts';
import type { SourceDefinition } from '../../common/source-definition.ts';
import type { EditionPlan, PlanContext, PlannedPage } from './edition-plan.ts';
import { PLANNERS } from './planners.ts';

const MAX_TITLE = 200;
const MAX_LABEL = 40;
const MAX_SECTION = 80;

export async function planEdition(
  definition: SourceDefinition,
  date: string,
  context: PlanContext,
): Promise<EditionPlan> {
  const plan = await PLANNERS[definition.kind].plan(definition, date, context);
  if (plan.kind === 'none' || plan.kind === 'local') return plan;
  const title = plan.title === undefined ? undefined : clean(plan.title, MAX_TITLE);
  const titled = title ? { title } : {};
  if (plan.kind === 'enumerate') {
    const urlFor = (n: number) => webUrl(plan.urlFor(n), `page ${n}`);
    return { ...titled, kind: 'enumerate', urlFor, max: plan.max };
  }
  const seen = new Set<number>();
  const pages: PlannedPage[] = plan.pages.map((page) => {
    if (!Number.isInteger(page.n) || page.n < 1)
      throw new ApiError('network', `The source lists a page numbered ${page.n}.`);
    if (seen.has(page.n))
      throw new ApiError('network', `The source lists page ${page.n} twice; nothing was fetched.`);
    seen.add(page.n);
    const label = page.label === undefined ? undefined : clean(page.label, MAX_LABEL);
    const section = page.section === undefined ? undefined : clean(page.section, MAX_SECTION);
    return {
      n: page.n,
      url: webUrl(page.url, `page ${page.n}`),
      ...(label && { label }),
      ...(section && { section }),
    };
  });
  return { ...titled, kind: 'pages', pages, ...(plan.more !== undefined && { more: plan.more }) };
}

/** The URL, if it is a web address; else the plan is refused, naming the page. */
export function webUrl(url: string, what: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError('network', `${what}: the source gives an address that is not a URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ApiError(
      'network',
      `${what}: the source gives a ${parsed.protocol.replace(/:$/, '')}: address; only web addresses (http, https) are fetched.`,
    );
  return parsed.href;
}

/** One line of text: control characters out, runs of space as one, at most `max` characters. */
function clean(text: string, max: number): string {
  const line = text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
