/**
 * A region of a PDF page as an image at a chosen resolution, rendered with
 * pdf.js (legacy build) on the canvas it uses in Node (@napi-rs/canvas). Runs in
 * the pdf.js worker pool; a clip's image is made from the page, not a screenshot.
 *
 * A scan to be read by OCR (renderScan) is drawn at its own resolution, found
 * from the page's largest image, and cut at the page's whitest gutters into
 * strips that OCR reads side by side.
 */
import { crc32 } from 'node:zlib';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ApiError } from '../../common/errors.ts';
import { openPdf, type PdfSource } from './open-pdf.ts';

type Rect = [number, number, number, number];

export interface RegionRequest {
  /** 1-based page within the file. */
  index: number;
  /** [x, y, width, height] in PDF points, origin bottom-left; the whole page if not given. */
  rect?: Rect;
  dpi: number;
  /** The image's format: PNG (a clip's, the default) or JPEG (a cover's: a tenth of the bytes). */
  format?: 'png' | 'jpeg';
}

export interface ScanRequest {
  /** 1-based page within the file. */
  index: number;
  /** The part of the page, in PDF points (origin bottom-left); the whole page if not given. */
  rect?: Rect;
  /** Times the scan's own resolution (1: its pixels as stored). */
  scale: number;
  /** The resolution used when the page has no image, and the most any page is drawn at. */
  dpi: { fallback: number; max: number };
  /** At most this many pixels in all. */
  maxPixels: number;
  /** Into how many strips, side by side, the image is cut (at gutters). */
  strips: number;
}

/** A scan drawn for OCR: its resolution, and its strips left to right, as PNGs. */
export interface ScanImage {
  dpi: number;
  /** The scan's own resolution (its largest image's), if it has one. */
  scanDpi?: number;
  /** The drawn region in PDF points. */
  rect: Rect;
  width: number;
  height: number;
  /**
   * Left to right: where each starts and how wide it is, in the image's pixels;
   * the part of the image it owns (between its cuts: it overlaps its
   * neighbours'); the PNG.
   */
  strips: { x: number; width: number; owns: [number, number]; png: Uint8Array }[];
}

/** Beyond this a clip's image would be larger than any screen needs (about 40 MP). */
const MAX_PIXELS = 40_000_000;

interface NodeCanvas {
  width: number;
  height: number;
  encode(format: 'png' | 'jpeg', quality?: number): Promise<Uint8Array>;
  getContext(kind: '2d'): NodeContext;
}
interface NodeContext {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  drawImage(image: unknown, ...box: number[]): void;
}
interface CanvasFactory {
  create(width: number, height: number): { canvas: NodeCanvas; context: NodeContext };
  destroy(pair: { canvas: unknown; context: unknown }): void;
}

export function renderRegion(
  source: PdfSource,
  label: string,
  request: RegionRequest,
): Promise<Uint8Array> {
  return withPage(source, label, request.index, async (page, factory) => {
    const drawn = await draw(
      page,
      factory,
      request.rect ?? wholePage(page),
      request.dpi,
      MAX_PIXELS,
    );
    try {
      return request.format === 'jpeg'
        ? await drawn.canvas.encode('jpeg', 82)
        : await drawn.canvas.encode('png');
    } finally {
      factory.destroy(drawn);
    }
  });
}

/** A page (or a part of it) drawn for OCR at the scan's own resolution, in strips; see ScanRequest. */
export function renderScan(
  source: PdfSource,
  label: string,
  request: ScanRequest,
): Promise<ScanImage> {
  return withPage(source, label, request.index, async (page, factory) => {
    const rect = request.rect ?? wholePage(page);
    const scanDpi = await imageDpi(page, rect[2] * rect[3] * SCAN_SHARE);
    const wanted = scanDpi ? scanDpi * request.scale : request.dpi.fallback;
    // Rounding up a pixel at each edge must not pass the budget.
    const fits = 72 * Math.sqrt(request.maxPixels / ((rect[2] + 2) * (rect[3] + 2)));
    const dpi = Math.max(1, Math.min(request.dpi.max, fits, wanted));
    const drawn = await draw(page, factory, rect, dpi, request.maxPixels);
    try {
      const { canvas } = drawn;
      const cuts = gutters(canvas, request.strips);
      // Each strip reaches past its cuts, so a word across a cut (a headline over
      // the gutter) is whole in a strip: the strip its middle is in owns it.
      const overlap = Math.round(canvas.width * OVERLAP);
      const strips: ScanImage['strips'] = [];
      for (let i = 0; i + 1 < cuts.length; i++) {
        const owns: [number, number] = [cuts[i]!, cuts[i + 1]!];
        const x = Math.max(0, owns[0] - overlap);
        const width = Math.min(canvas.width, owns[1] + overlap) - x;
        const part = factory.create(width, canvas.height);
        part.context.drawImage(canvas, x, 0, width, canvas.height, 0, 0, width, canvas.height);
        strips.push({ x, width, owns, png: withResolution(await part.canvas.encode('png'), dpi) });
        factory.destroy(part);
      }
      return {
        dpi,
        ...(scanDpi && { scanDpi }),
        rect,
        width: canvas.width,
        height: canvas.height,
        strips,
      };
    } finally {
      factory.destroy(drawn);
    }
  });
}

async function withPage<T>(
  source: PdfSource,
  label: string,
  index: number,
  use: (page: PDFPageProxy, factory: CanvasFactory) => Promise<T>,
): Promise<T> {
  const { task, failure } = await openPdf(source);
  try {
    const doc = await task.promise;
    if (index < 1 || index > doc.numPages)
      throw new ApiError('not-found', `${label} has no page ${index}.`);
    const page = await doc.getPage(index);
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const result = await use(page, factory);
    page.cleanup();
    return result;
  } catch (caught) {
    const error = failure() ?? caught;
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      'invalid',
      `${label}: the page could not be drawn (${(error as Error).message})`,
    );
  } finally {
    await task.destroy();
  }
}

/** The page's whole box as [x, y, width, height] (pdf.js gives it as [x0, y0, x1, y1]). */
function wholePage(page: PDFPageProxy): Rect {
  const [x0, y0, x1, y1] = page.view as Rect;
  return [x0, y0, x1 - x0, y1 - y0];
}

/** A region of a page drawn on a new canvas (the caller destroys it). */
async function draw(
  page: PDFPageProxy,
  factory: CanvasFactory,
  [x, y, w, h]: Rect,
  dpi: number,
  maxPixels: number,
): Promise<{ canvas: NodeCanvas; context: NodeContext }> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const a = viewport.convertToViewportPoint(x, y) as [number, number];
  const b = viewport.convertToViewportPoint(x + w, y + h) as [number, number];
  const left = Math.floor(Math.min(a[0], b[0]));
  const top = Math.floor(Math.min(a[1], b[1]));
  const width = Math.ceil(Math.max(a[0], b[0])) - left;
  const height = Math.ceil(Math.max(a[1], b[1])) - top;
  if (width < 1 || height < 1)
    throw new ApiError('invalid', 'The region is empty: give it a width and a height.');
  if (width * height > maxPixels)
    throw new ApiError(
      'invalid',
      `The region at ${dpi} dpi would be ${width} × ${height} pixels; choose a lower dpi.`,
    );
  const pair = factory.create(width, height);
  type RenderParameters = Parameters<typeof page.render>[0];
  await page.render({
    canvas: pair.canvas as unknown as RenderParameters['canvas'],
    canvasContext: pair.context as unknown as RenderParameters['canvasContext'],
    viewport,
    transform: [1, 0, 0, 1, -left, -top],
    background: 'white',
  }).promise;
  return pair;
}

/** An image is the page's scan when it covers at least this share of the region drawn. */
const SCAN_SHARE = 0.5;

/**
 * The resolution of the page's largest image, in dots per inch of the page:
 * its pixels over the points it is drawn on (the current transformation
 * followed through save, restore and transform). Undefined when no image
 * covers `least` square points (a born-digital page's photos are not its scan).
 */
async function imageDpi(page: PDFPageProxy, least: number): Promise<number | undefined> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The same operator list the render then uses (pdf.js keeps it per intent).
  const list = await page.getOperatorList();
  type Matrix = [number, number, number, number, number, number];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let best = { area: 0, dpi: 0 };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) {
      const [a, b, c, d, e, f] = args as Matrix;
      const [A, B, C, D, E, F] = ctm;
      ctm = [
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
      ];
    } else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      const size =
        fn === OPS.paintImageXObject
          ? { width: args[1] as number, height: args[2] as number }
          : (args[0] as { width: number; height: number });
      const shownWidth = Math.hypot(ctm[0], ctm[1]);
      const shownHeight = Math.hypot(ctm[2], ctm[3]);
      const area = shownWidth * shownHeight;
      if (area > best.area && size.width > 0)
        best = { area, dpi: (72 * Math.sqrt(size.width * size.height)) / Math.sqrt(area) };
    }
  }
  return best.area >= least ? best.dpi : undefined;
}

/** A gutter's width in pixels, over which columns' ink is summed. */
const GUTTER = 7;
/** How far a strip reaches past its cut, as a share of the image's width: half a masthead word. */
const OVERLAP = 0.06;

/**
 * Where to cut an image into `strips` side by side: at each share's whitest
 * column (a gutter between a page's columns, where no word is cut), looked for
 * within the middle half of the share around the even cut. [0, …, width].
 */
function gutters(canvas: NodeCanvas, strips: number): number[] {
  const { width, height } = canvas;
  if (strips <= 1 || width < strips * 64) return [0, width];
  const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  // Ink per column, from a sample of rows (every fourth: enough to find a gutter).
  const ink = new Float64Array(width);
  for (let y = 0; y < height; y += 4)
    for (let x = 0, at = y * width * 4; x < width; x++, at += 4) ink[x]! += 255 - pixels[at + 1]!;
  // A gutter is a few pixels wide: columns are compared by the ink around them.
  const around = new Float64Array(width);
  for (let x = 0, sum = 0; x < width; x++) {
    sum += ink[x]! - (x >= GUTTER ? ink[x - GUTTER]! : 0);
    around[Math.max(0, x - (GUTTER >> 1))] = sum;
  }
  const cuts = [0];
  const share = width / strips;
  for (let i = 1; i < strips; i++) {
    const from = Math.round(share * (i - 0.25));
    const to = Math.round(share * (i + 0.25));
    let best = from;
    for (let x = from; x < to; x++) if (around[x]! < around[best]!) best = x;
    cuts.push(best);
  }
  cuts.push(width);
  return cuts;
}

/**
 * A PNG with its resolution recorded (a pHYs chunk after IHDR): tesseract takes
 * it from the file. Left to guess, it took a 72-dpi scan for 125 dpi and read a
 * fifth of its words right; tesseract.js has no other way to be told.
 */
function withResolution(png: Uint8Array, dpi: number): Uint8Array {
  const perMetre = Math.round(dpi / 0.0254);
  const chunk = Buffer.alloc(21);
  chunk.writeUInt32BE(9, 0);
  chunk.write('pHYs', 4, 'latin1');
  chunk.writeUInt32BE(perMetre, 8);
  chunk.writeUInt32BE(perMetre, 12);
  chunk.writeUInt8(1, 16); // the unit is the metre
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 17)), 17);
  // The signature (8 bytes), then IHDR (4 + 4 + 13 + 4): the chunk goes right after it.
  const at = 33;
  return Buffer.concat([png.subarray(0, at), chunk, png.subarray(at)]);
}
