/**
 * Images stacked one under another on white, as one PNG: the parts of a story
 * that jumps, clipped as one. Runs in the pdf.js worker pool, with the canvas
 * pdf.js uses in Node (@napi-rs/canvas).
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';

/** The space between two parts, in pixels. */
const GAP = 24;

export async function stackImages(pngs: Uint8Array[]): Promise<Uint8Array> {
  const images = await Promise.all(pngs.map((png) => loadImage(Buffer.from(png))));
  const width = Math.max(...images.map((image) => image.width));
  const height = images.reduce((n, image) => n + image.height, 0) + GAP * (images.length - 1);
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  let top = 0;
  for (const image of images) {
    context.drawImage(image, 0, top);
    top += image.height + GAP;
  }
  return new Uint8Array(await canvas.encode('png'));
}
