/**
 * Decides whether bytes are a complete, readable PDF and reads what the archive
 * records of it: page count, page sizes and the dates and title in its metadata.
 * Cheap checks come first so the common failures of real downloads (an HTML
 * login page saved as .pdf, an image placeholder, a truncated body) get a plain
 * reason; pdf.js (legacy build, which runs on Node) then parses every page.
 */
import { ApiError } from '../../common/errors.ts';

export interface PdfFacts {
  pages: number;
  sizes: { width: number; height: number }[];
  title?: string;
  /** From the info dictionary's CreationDate, as YYYY-MM-DD, when present. */
  created?: string;
}

const HEADER = '%PDF-';
const EOF_MARKER = '%%EOF';
/** How far from the end the end marker may sit (some writers append a little after it). */
const TAIL_WINDOW = 8192;

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;
function loadPdfjs() {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** The reason `bytes` cannot be a PDF, judged from its first and last bytes; undefined if it may be. */
export function sniffNotPdf(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'is empty';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes(HEADER)) {
    const start = head.trimStart().slice(0, 200).toLowerCase();
    if (
      start.startsWith('<!doctype html') ||
      start.startsWith('<html') ||
      start.includes('<head')
    ) {
      return 'is an HTML page, not a PDF';
    }
    const magic = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
    if (magic(0xff, 0xd8)) return 'is a JPEG image, not a PDF';
    if (magic(0x89, 0x50, 0x4e, 0x47)) return 'is a PNG image, not a PDF';
    if (magic(0x47, 0x49, 0x46, 0x38)) return 'is a GIF image, not a PDF';
    return 'is not a PDF (no %PDF- header)';
  }
  // Writers may pad after the marker with whitespace or NULs; a cut-off download ends without it.
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1]! <= 0x20)) end--;
  const tail = new TextDecoder('latin1').decode(
    bytes.subarray(Math.max(0, end - TAIL_WINDOW), end),
  );
  if (!tail.includes(EOF_MARKER)) return 'is truncated (no %%EOF end marker)';
  return undefined;
}

/**
 * `owned`: the caller gives `bytes` up (pdf.js takes over the buffer it is
 * given), sparing a copy; else pdf.js gets a copy.
 */
export async function probePdf(bytes: Uint8Array, label: string, owned = false): Promise<PdfFacts> {
  const reason = sniffNotPdf(bytes);
  if (reason) throw new ApiError('invalid', `${label} ${reason}`);
  const { getDocument } = await loadPdfjs();
  const task = getDocument({
    data: owned ? bytes : bytes.slice(),
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
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
    return { pages: doc.numPages, sizes, ...(title && { title }), ...(created && { created }) };
  } catch (error) {
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

/** `D:YYYYMMDD…` (PDF 32000 §7.9.4) to YYYY-MM-DD. */
export function pdfDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  if (!match?.[2] || !match[3]) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}
