/** Boxes in PDF space, [x, y, width, height], origin bottom-left (plain TypeScript: every layer uses it). */
export type Box = [number, number, number, number];

/** The smallest box holding every one given. */
export function boundingBox(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b[0]));
  const y = Math.min(...boxes.map((b) => b[1]));
  const right = Math.max(...boxes.map((b) => b[0] + b[2]));
  const top = Math.max(...boxes.map((b) => b[1] + b[3]));
  return [x, y, right - x, top - y];
}
