/**
 * `feed`: an RSS 2.0 or Atom feed whose items carry the edition as a PDF
 * enclosure (`type="application/pdf"`, or a URL ending in .pdf). An item belongs
 * to the date its own date falls on in the source's time zone; the newest such
 * item wins. Parsing is fast-xml-parser's.
 */
import type { XMLParser } from 'fast-xml-parser';
import { ApiError } from '../../common/errors.ts';
import { dateInZone } from '../dates.ts';
import { expandTokens } from './date-tokens.ts';
import type { EditionPlan, SourceKindPlanner } from './edition-plan.ts';
import { fetchDocument } from './fetch-document.ts';

interface FeedItem {
  title?: string;
  published?: Date;
  pdfs: string[];
}

let parser: Promise<XMLParser> | undefined;

/** The feed parser, loaded on first use rather than at start-up. */
function feedParser(): Promise<XMLParser> {
  parser ??= import('fast-xml-parser').then(
    ({ XMLParser }) =>
      new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '@',
        removeNSPrefix: true,
        isArray: (name) => ['item', 'entry', 'link', 'enclosure', 'content'].includes(name),
      }),
  );
  return parser;
}

export const feedSource: SourceKindPlanner = {
  async plan(definition, date, context): Promise<EditionPlan> {
    const url = expandTokens(definition.url!, date);
    const document = await fetchDocument(url, definition, context);
    if (document.missing)
      throw new ApiError('network', `The feed ${url} is gone (HTTP ${document.status}).`);
    const items = (await readFeed(document.text, url)).map((item) => ({
      ...item,
      pdfs: item.pdfs.map((pdf) => new URL(pdf, document.url).href),
    }));
    const matching = items
      .filter(
        (item) =>
          item.pdfs.length > 0 &&
          item.published &&
          dateInZone(item.published, definition.timezone) === date,
      )
      .sort((a, b) => b.published!.getTime() - a.published!.getTime());
    const chosen = matching[0];
    if (!chosen)
      return { kind: 'none', reason: 'no edition that day (the feed has no PDF for this date)' };
    return {
      kind: 'pages',
      ...(chosen.title && { title: chosen.title }),
      pages: chosen.pdfs.map((pdf, i) => ({ n: i + 1, url: pdf })),
    };
  },
};

/** Items of an RSS 2.0 or Atom document with their dates and PDF links. */
export async function readFeed(xml: string, url: string): Promise<FeedItem[]> {
  const parse = await feedParser();
  let tree: Record<string, unknown>;
  try {
    tree = parse.parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    throw new ApiError(
      'network',
      `The feed ${url} is not valid XML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  const rss = tree.rss as { channel?: { item?: Record<string, unknown>[] } } | undefined;
  const atom = tree.feed as { entry?: Record<string, unknown>[] } | undefined;
  if (rss?.channel) return (rss.channel.item ?? []).map(rssItem);
  if (atom) return (atom.entry ?? []).map(atomEntry);
  throw new ApiError('network', `${url} is neither an RSS nor an Atom feed.`);
}

function rssItem(item: Record<string, unknown>): FeedItem {
  const enclosures = (item.enclosure as Record<string, string>[] | undefined) ?? [];
  const pdfs = enclosures.filter((e) => isPdf(e['@type'], e['@url'])).map((e) => e['@url']!);
  const published = parseDate(item.pubDate ?? item.date);
  return { title: text(item.title), ...(published && { published }), pdfs };
}

function atomEntry(entry: Record<string, unknown>): FeedItem {
  const links = (entry.link as Record<string, string>[] | undefined) ?? [];
  const pdfs = links
    .filter((l) => (l['@rel'] ?? 'alternate') === 'enclosure' || isPdf(l['@type'], l['@href']))
    .filter((l) => isPdf(l['@type'], l['@href']))
    .map((l) => l['@href']!);
  const published = parseDate(entry.published ?? entry.updated);
  return { title: text(entry.title), ...(published && { published }), pdfs };
}

function isPdf(type: string | undefined, url: string | undefined): boolean {
  if (!url) return false;
  return type?.toLowerCase() === 'application/pdf' || /\.pdf(?:$|[?#])/i.test(url);
}

function parseDate(value: unknown): Date | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value)
    return String((value as { '#text': unknown })['#text']).trim();
  return undefined;
}
