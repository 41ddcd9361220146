/**
 * A region of a PDF page as a PNG at a chosen resolution, rendered with pdf.js
 * (legacy build) on the canvas it uses in Node (@napi-rs/canvas). Runs in the
 * pdf.js worker pool; a clip's image is made from the page, not a screenshot.
 */
import { ApiError } from '../../common/errors.ts';
import { openPdf, type PdfSource } from './open-pdf.ts';

export interface RegionRequest {
  /** 1-based page within the file. */
  index: number;
  /** [x, y, width, height] in PDF points, origin bottom-left. */
  rect: [number, number, number, number];
  dpi: number;
  /** The image's format: PNG (a clip's, the default) or JPEG (a cover's: a tenth of the bytes). */
  format?: 'png' | 'jpeg';
}

/** Beyond this a clip's image would be larger than any screen needs (about 40 MP). */
const MAX_PIXELS = 40_000_000;

interface NodeCanvas {
  encode(format: 'png' | 'jpeg', quality?: number): Promise<Uint8Array>;
}

export async function renderRegion(
  source: PdfSource,
  label: string,
  request: RegionRequest,
): Promise<Uint8Array> {
  const { task, failure } = await openPdf(source);
  try {
    const doc = await task.promise;
    if (request.index < 1 || request.index > doc.numPages)
      throw new ApiError('not-found', `${label} has no page ${request.index}.`);
    const page = await doc.getPage(request.index);
    const viewport = page.getViewport({ scale: request.dpi / 72 });
    const [x, y, w, h] = request.rect;
    const a = viewport.convertToViewportPoint(x, y) as [number, number];
    const b = viewport.convertToViewportPoint(x + w, y + h) as [number, number];
    const left = Math.floor(Math.min(a[0], b[0]));
    const top = Math.floor(Math.min(a[1], b[1]));
    const width = Math.ceil(Math.max(a[0], b[0])) - left;
    const height = Math.ceil(Math.max(a[1], b[1])) - top;
    if (width < 1 || height < 1)
      throw new ApiError('invalid', 'The region is empty: give it a width and a height.');
    if (width * height > MAX_PIXELS)
      throw new ApiError(
        'invalid',
        `The region at ${request.dpi} dpi would be ${width} × ${height} pixels; choose a lower dpi.`,
      );
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const { canvas, context } = factory.create(width, height);
    type RenderParameters = Parameters<typeof page.render>[0];
    await page.render({
      canvas: canvas as RenderParameters['canvas'],
      canvasContext: context as RenderParameters['canvasContext'],
      viewport,
      transform: [1, 0, 0, 1, -left, -top],
      background: 'white',
    }).promise;
    const image =
      request.format === 'jpeg'
        ? await (canvas as NodeCanvas).encode('jpeg', 82)
        : await (canvas as NodeCanvas).encode('png');
    factory.destroy({ canvas, context });
    page.cleanup();
    return image;
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

interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: unknown };
  destroy(pair: { canvas: unknown; context: unknown }): void;
}
