/**
 * The archive as an OPDS 1.2 catalog (Atom feeds), so OPDS readers — KOReader,
 * Thorium, Panels — browse and download it from `paperboy serve`:
 *   /opds                 the start: newest, by paper, by month
 *   /opds/new             every edition, newest first          (acquisition, paged)
 *   /opds/papers          the papers                           (navigation)
 *   /opds/papers/<id>     a paper's editions, newest first     (acquisition, paged)
 *   /opds/months          the months with editions             (navigation)
 *   /opds/months/<YYYY-MM> that month's editions               (acquisition)
 * Each edition links its PDF (or, for an edition kept as page files, each page's)
 * and its cover (/covers/…). Everything is read through the contract.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Args, MethodName, Result } from '../common/api.ts';
import { longDate, longMonth } from '../common/date-words.ts';
import type { Endpoint } from '../common/dispatch.ts';
import type { EditionSummary } from '../common/domain.ts';
import { ApiError } from '../common/errors.ts';
import { coverPath, filePath } from '../common/file-urls.ts';

export const OPDS_PREFIX = '/opds';
const NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
const ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
/** Editions in one page of an acquisition feed. */
export const FEED_PAGE = 50;

export interface OpdsAnswer {
  status: number;
  type: string;
  body: string;
}

interface Link {
  rel: string;
  href: string;
  type: string;
  title?: string;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  suppressEmptyNode: true,
});

/** The contract, as a remote caller has it (the server's endpoint). */
interface Caller {
  call<M extends MethodName>(method: M, args: Args<M>): Promise<Result<M>>;
}

function callerOf(endpoint: Endpoint, signal: AbortSignal): Caller {
  return {
    async call(method, args) {
      const envelope = await endpoint.call(method, args, signal);
      if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
      // biome-ignore lint/suspicious/noExplicitAny: the envelope's result was produced for this method
      return envelope.result as any;
    },
  };
}

export async function answerOpds(
  endpoint: Endpoint,
  url: URL,
  updated: Date,
  signal: AbortSignal,
): Promise<OpdsAnswer> {
  const api = callerOf(endpoint, signal);
  const path = url.pathname.replace(/\/+$/, '') || OPDS_PREFIX;
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const now = updated.toISOString();
  if (path === OPDS_PREFIX) {
    return navigation('/opds', 'Paperboy', now, [
      {
        title: 'Newest editions',
        href: '/opds/new',
        type: ACQUISITION,
        rel: 'http://opds-spec.org/sort/new',
        content: 'Every edition in the archive, newest first.',
      },
      {
        title: 'By paper',
        href: '/opds/papers',
        type: NAVIGATION,
        rel: 'subsection',
        content: 'Each paper and its editions.',
      },
      {
        title: 'By month',
        href: '/opds/months',
        type: NAVIGATION,
        rel: 'subsection',
        content: 'The editions of each month.',
      },
    ]);
  }
  if (path === '/opds/new') {
    const editions = await api.call('editions.list', { limit: page * FEED_PAGE + 1 });
    return acquisition(api, '/opds/new', 'Newest editions', now, editions, page);
  }
  if (path === '/opds/papers') {
    const sources = (await api.call('sources.list', {})).filter((s) => s.editions > 0);
    return navigation(
      '/opds/papers',
      'By paper',
      now,
      sources.map((s) => ({
        title: s.name,
        href: `/opds/papers/${encodeURIComponent(s.id)}`,
        type: ACQUISITION,
        rel: 'subsection',
        content: `${s.editions} edition${s.editions === 1 ? '' : 's'}`,
      })),
    );
  }
  const paper = /^\/opds\/papers\/([a-z0-9][a-z0-9-]{0,62})$/.exec(path);
  if (paper) {
    const editions = await api.call('editions.list', {
      source: paper[1]!,
      limit: page * FEED_PAGE + 1,
    });
    if (editions.length === 0) return notFound(`No paper ${paper[1]} in the archive.`);
    return acquisition(api, path, editions[0]!.sourceName, now, editions, page);
  }
  if (path === '/opds/months') {
    const counts = new Map<string, number>();
    for (const e of await api.call('editions.list', { limit: 10_000 }))
      counts.set(e.date.slice(0, 7), (counts.get(e.date.slice(0, 7)) ?? 0) + 1);
    return navigation(
      '/opds/months',
      'By month',
      now,
      [...counts].map(([month, n]) => ({
        title: longMonth(month),
        href: `/opds/months/${month}`,
        type: ACQUISITION,
        rel: 'subsection',
        content: `${n} edition${n === 1 ? '' : 's'}`,
      })),
    );
  }
  const month = /^\/opds\/months\/(\d{4})-(0[1-9]|1[0-2])$/.exec(path);
  if (month) {
    const [, year, mm] = month as unknown as [string, string, string];
    const last = new Date(Date.UTC(Number(year), Number(mm), 0)).getUTCDate();
    const editions = await api.call('editions.list', {
      from: `${year}-${mm}-01`,
      to: `${year}-${mm}-${String(last).padStart(2, '0')}`,
      limit: 10_000,
    });
    return acquisition(api, path, longMonth(`${year}-${mm}`), now, editions, 1, Infinity);
  }
  return notFound('Not a part of this catalog: start at /opds.');
}

function notFound(message: string): OpdsAnswer {
  return { status: 404, type: 'text/plain; charset=utf-8', body: `${message}\n` };
}

function feed(
  self: string,
  kind: string,
  title: string,
  updated: string,
  links: Link[],
  entries: unknown[],
): OpdsAnswer {
  const xml = builder.build({
    '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xmlns:dc': 'http://purl.org/dc/terms/',
      '@xmlns:opds': 'http://opds-spec.org/2010/catalog',
      id: `urn:paperboy:catalog${self.slice(OPDS_PREFIX.length).replace(/\//g, ':')}`,
      title,
      updated,
      author: { name: 'Paperboy' },
      link: [
        { rel: 'self', href: self, type: kind },
        { rel: 'start', href: OPDS_PREFIX, type: NAVIGATION, title: 'Paperboy' },
        ...links,
      ].map(attributes),
      entry: entries,
    },
  }) as string;
  return { status: 200, type: `${kind};charset=utf-8`, body: xml };
}

function navigation(
  self: string,
  title: string,
  updated: string,
  items: { title: string; href: string; type: string; rel: string; content: string }[],
): OpdsAnswer {
  return feed(
    self,
    NAVIGATION,
    title,
    updated,
    [],
    items.map((item) => ({
      title: item.title,
      id: `urn:paperboy:catalog${item.href.slice(OPDS_PREFIX.length).replace(/\//g, ':')}`,
      updated,
      content: { '@type': 'text', '#text': item.content },
      link: attributes({ rel: item.rel, href: item.href, type: item.type }),
    })),
  );
}

/**
 * A page of editions: `listed` holds this page and those before it, and one more
 * when there is a next page.
 */
async function acquisition(
  api: Caller,
  self: string,
  title: string,
  updated: string,
  listed: EditionSummary[],
  page: number,
  size = FEED_PAGE,
): Promise<OpdsAnswer> {
  const start = page > 1 ? (page - 1) * size : 0;
  const shown = listed.slice(start, start + size);
  const links: Link[] = [];
  if (listed.length > start + size)
    links.push({ rel: 'next', href: `${self}?page=${page + 1}`, type: ACQUISITION });
  if (page > 1)
    links.push({
      rel: 'previous',
      href: page === 2 ? self : `${self}?page=${page - 1}`,
      type: ACQUISITION,
    });
  const entries = await Promise.all(
    shown.map(async (edition) => entryOf(edition, await acquisitions(api, edition))),
  );
  return feed(self, ACQUISITION, title, updated, links, entries);
}

function entryOf(edition: EditionSummary, downloads: Link[]): unknown {
  const cover = `/${coverPath(edition.id)}`;
  return {
    title: `${edition.sourceName}, ${longDate(edition.date)}`,
    id: `urn:paperboy:edition:${edition.id}`,
    updated: `${edition.date}T00:00:00Z`,
    author: { name: edition.sourceName },
    'dc:issued': edition.date,
    summary: {
      '@type': 'text',
      '#text': `${edition.title} · ${edition.pages} page${edition.pages === 1 ? '' : 's'}`,
    },
    link: [
      { rel: 'http://opds-spec.org/image', href: cover, type: 'image/jpeg' },
      { rel: 'http://opds-spec.org/image/thumbnail', href: cover, type: 'image/jpeg' },
      ...downloads,
    ].map(attributes),
  };
}

/** The edition's PDF; an edition kept as page files has one link for each file. */
async function acquisitions(api: Caller, edition: EditionSummary): Promise<Link[]> {
  const rel = 'http://opds-spec.org/acquisition';
  const pdf = (name: string, title?: string): Link => ({
    rel,
    href: `/${filePath(edition.id, name)}`,
    type: 'application/pdf',
    ...(title && { title }),
  });
  if (edition.cover.file === 'edition.pdf') return [pdf('edition.pdf')];
  const { files, pages } = await api.call('editions.get', { id: edition.id });
  return files.map((file) => {
    const held = pages.filter((p) => p.file === file.name).map((p) => p.n);
    const title = held.length === 1 ? `Page ${held[0]}` : `Pages ${held[0]}–${held.at(-1)}`;
    return pdf(file.name, title);
  });
}

function attributes(link: Link): Record<string, string> {
  return Object.fromEntries(Object.entries(link).map(([key, value]) => [`@${key}`, value]));
}
