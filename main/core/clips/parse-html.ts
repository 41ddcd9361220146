/**
 * A saved web page (HTML) to a clipping: @mozilla/readability finds the
 * article in a linkedom document; its blocks (paragraphs, subheads, list
 * items, quotes) then go through the same assembly as plain text, with the
 * headline, byline, time, site and URL taken from the page's metadata
 * (Open Graph, article:*, JSON-LD) where it has them.
 */
import { assembleClipping, type Clipping, type KnownFields } from './assemble-clipping.ts';
import { clipTimeFinder } from './clip-time.ts';

interface Element {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
  closest(selector: string): Element | null;
}

const BLOCKS = 'p, h2, h3, h4, h5, h6, li, blockquote, pre';

/** linkedom and Readability are loaded on first use: most runs never read a saved page. */
export async function parseClippingHtml(html: string, url?: string): Promise<Clipping> {
  const [{ parseHTML }, { Readability }, findClipTime] = await Promise.all([
    import('linkedom'),
    import('@mozilla/readability'),
    clipTimeFinder(),
  ]);
  const { document } = parseHTML(html);
  const doc = document as unknown as Element;
  const meta = (selector: string) =>
    doc.querySelector(selector)?.getAttribute('content')?.trim() || undefined;
  const jsonLd = readJsonLd(doc);
  const canonical =
    url ??
    meta('meta[property="og:url"]') ??
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    undefined;
  const headline =
    meta('meta[property="og:title"]') ??
    jsonLd.headline ??
    (doc.querySelector('h1')?.textContent?.trim() || undefined);

  const article = new Readability<Element>(document, {
    serializer: (node) => node as unknown as Element,
  }).parse();
  const root = article?.content ?? (doc.querySelector('body') as Element | null);
  const blocks: string[] = [];
  if (root) {
    for (const el of root.querySelectorAll(BLOCKS)) {
      // A list item or paragraph inside another block is read with its parent.
      if (el.closest('figcaption, figure')) continue;
      const parent = el.tagName === 'P' ? null : el.closest('li p, blockquote p');
      if (parent && parent !== el) continue;
      const text = el.textContent?.trim();
      if (text) blocks.push(text);
    }
  }
  const timeOf = (value: string | null | undefined) =>
    value ? findClipTime(value)?.iso : undefined;
  const published =
    timeOf(meta('meta[property="article:published_time"]')) ??
    timeOf(jsonLd.datePublished) ??
    timeOf(article?.publishedTime);
  const updated =
    timeOf(meta('meta[property="article:modified_time"]')) ?? timeOf(jsonLd.dateModified);
  const byline = article?.byline?.trim() || meta('meta[name="author"]') || jsonLd.author;
  const known: KnownFields = {
    ...(headline && { headline }),
    ...(byline && { byline: byline.replace(/^by\s+/i, '') }),
    ...((published ?? updated) && { published: (published ?? updated)! }),
    ...(updated && { updated }),
    ...(canonical && { url: canonical }),
    ...(() => {
      const site =
        article?.siteName?.trim() || meta('meta[property="og:site_name"]') || hostOf(canonical);
      return site ? { site } : {};
    })(),
  };
  // With metadata for the header, the blocks are body only, unless they repeat it.
  return assembleClipping(
    headline && !blocks.includes(headline) ? [headline, ...blocks] : blocks,
    known,
  );
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

interface LdFields {
  headline?: string;
  datePublished?: string;
  dateModified?: string;
  author?: string;
}

/** The first NewsArticle-like object in the page's JSON-LD. */
function readJsonLd(doc: Element): LdFields {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const items = [data, ...((data as { '@graph'?: unknown[] })?.['@graph'] ?? [])].flat();
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const record = item as Record<string, unknown>;
      if (typeof record.headline !== 'string' && typeof record.datePublished !== 'string') continue;
      const author = [record.author].flat()[0] as { name?: unknown } | string | undefined;
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return {
        headline: text(record.headline),
        datePublished: text(record.datePublished),
        dateModified: text(record.dateModified),
        author: typeof author === 'string' ? author : text(author?.name),
      };
    }
  }
  return {};
}
