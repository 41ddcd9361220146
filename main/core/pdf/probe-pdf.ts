/**
 * Decides whether bytes are a complete, readable PDF and reads what the archive
 * records of it: page count, page sizes and the dates and title in its metadata.
 * Cheap checks come first so the common failures of real downloads (an HTML
 * login page saved as .pdf, an image placeholder, a truncated body) get a plain
 * reason; pdf.js (legacy build, which runs on Node) then parses every page.
 */
import { ApiError } from '../../common/errors.ts';
import { openPdf, type PdfSource } from './open-pdf.ts';

export interface PdfFacts {
  pages: number;
  sizes: { width: number; height: number }[];
  title?: string;
  /** From the info dictionary's CreationDate, as YYYY-MM-DD, when present. */
  created?: string;
  /**
   * The text along the top of page 1, where a newspaper prints its name and date
   * (a scan without a text layer has none).
   */
  masthead?: string;
}

/** The share of page 1, from its top, read as its masthead. */
const MASTHEAD_SHARE = 0.25;
/** The masthead's text is cut to this many characters. */
const MASTHEAD_CHARS = 2000;

const HEADER = '%PDF-';
const EOF_MARKER = '%%EOF';
/** How far from the end the end marker may sit (some writers append a little after it). */
const TAIL_WINDOW = 8192;

/** The reason `bytes` cannot be a PDF, judged from its first and last bytes; undefined if it may be. */
export function sniffNotPdf(bytes: Uint8Array): string | undefined {
  return sniffEnds(bytes, bytes);
}

/** Bytes to read from the start of a file to sniff it. */
export const SNIFF_HEAD = 1024;
/** Bytes to read from the end of a file to sniff it: the end marker's window, and room for padding after it. */
export const SNIFF_TAIL = 64 * 1024;

/**
 * sniffNotPdf from a file's ends: `head`, its first SNIFF_HEAD bytes (or all of
 * it), and `tail`, its last SNIFF_TAIL bytes (or all of it).
 */
export function sniffEnds(head: Uint8Array, tail: Uint8Array): string | undefined {
  if (head.length === 0) return 'is empty';
  const start = new TextDecoder('latin1').decode(head.subarray(0, SNIFF_HEAD));
  if (!start.includes(HEADER)) {
    const opening = start.trimStart().slice(0, 200).toLowerCase();
    if (
      opening.startsWith('<!doctype html') ||
      opening.startsWith('<html') ||
      opening.includes('<head')
    ) {
      return 'is an HTML page, not a PDF';
    }
    const magic = (...signature: number[]) => signature.every((byte, i) => head[i] === byte);
    if (magic(0xff, 0xd8)) return 'is a JPEG image, not a PDF';
    if (magic(0x89, 0x50, 0x4e, 0x47)) return 'is a PNG image, not a PDF';
    if (magic(0x47, 0x49, 0x46, 0x38)) return 'is a GIF image, not a PDF';
    return 'is not a PDF (no %PDF- header)';
  }
  // Writers may pad after the marker with whitespace or NULs; a cut-off download ends without it.
  let end = tail.length;
  while (end > 0 && (tail[end - 1] === 0 || tail[end - 1]! <= 0x20)) end--;
  const last = new TextDecoder('latin1').decode(tail.subarray(Math.max(0, end - TAIL_WINDOW), end));
  if (!last.includes(EOF_MARKER)) return 'is truncated (no %%EOF end marker)';
  return undefined;
}

/**
 * Pages one file may have: the thickest dailies print a few hundred, a year bound
 * in one file a few thousand. Past this a file is refused before its page tree
 * is walked (20,000 pages took two minutes and 890 MB to check).
 */
export const MAX_PAGES = 5000;

/**
 * Reads a PDF's facts. From `bytes`, sniffed first. From `parts` (a file the
 * caller has sniffed), pdf.js
 * reads only what it needs: the cross-reference table, the catalog and the
 * page tree, not the pages' images.
 */
export async function probePdf(
  source: PdfSource,
  label: string,
  /**
   * masthead: also read the text along page 1's top (an import's evidence of the
   * date), which reads page 1's content and, for a scan, its image's bytes.
   */
  { masthead: readMasthead = false }: { masthead?: boolean } = {},
): Promise<PdfFacts> {
  if (source instanceof Uint8Array) {
    const reason = sniffNotPdf(source);
    if (reason) throw new ApiError('invalid', `${label} ${reason}`);
  }
  const { task, failure } = await openPdf(source, { strict: true });
  try {
    const doc = await task.promise;
    if (doc.numPages === 0) throw new ApiError('invalid', `${label} has no pages`);
    if (doc.numPages > MAX_PAGES)
      throw new ApiError(
        'invalid',
        `${label} has ${doc.numPages} pages; an edition's file may have at most ${MAX_PAGES}`,
      );
    const sizes: PdfFacts['sizes'] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const turned = page.rotate % 180 !== 0;
      const width = Math.abs(x1 - x0);
      const height = Math.abs(y1 - y0);
      sizes.push(turned ? { width: height, height: width } : { width, height });
    }
    const { info } = (await doc.getMetadata()) as { info: Record<string, unknown> };
    const title =
      typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : undefined;
    const created = pdfDate(info.CreationDate);
    const masthead = readMasthead ? await mastheadText(doc) : undefined;
    return {
      pages: doc.numPages,
      sizes,
      ...(title && { title }),
      ...(created && { created }),
      ...(masthead && { masthead }),
    };
  } catch (caught) {
    const error = failure() ?? caught;
    if (error instanceof ApiError) throw error;
    const name = (error as Error)?.name;
    if (name === 'PasswordException')
      throw new ApiError('invalid', `${label} is password-protected`);
    const detail = (error as Error)?.message ?? String(error);
    throw new ApiError('invalid', `${label} is not a readable PDF (${detail})`);
  } finally {
    await task.destroy();
  }
}

type OpenedPdf = Awaited<Awaited<ReturnType<typeof openPdf>>['task']['promise']>;

/** The words in the top quarter of page 1, in the order the PDF gives them. */
async function mastheadText(doc: OpenedPdf): Promise<string | undefined> {
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const parts: string[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    // The item's origin in viewport space: y grows downward from the page's top.
    const [, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]) as [
      number,
      number,
    ];
    if (y <= viewport.height * MASTHEAD_SHARE) parts.push(item.str);
  }
  page.cleanup();
  const text = parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, MASTHEAD_CHARS);
  return text || undefined;
}

/** `D:YYYYMMDD…` (PDF 32000 §7.9.4) to YYYY-MM-DD. */
export function pdfDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  if (!match?.[2] || !match[3]) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}
