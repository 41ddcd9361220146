/**
 * Scoring found articles against the stories the generator placed: a found
 * story matches a placed one when their boxes overlap by IoU ≥ 0.5 (the box of
 * an article is the union of its regions on the page).
 */

import { type Box, boundingBox } from '../../main/common/boxes.ts';
import type { Rect } from '../fixtures/newspaper/compose.ts';

export function iou(a: Box, b: Rect): number {
  const x0 = Math.max(a[0], b.x);
  const y0 = Math.max(a[1], b.y);
  const x1 = Math.min(a[0] + a[2], b.x + b.width);
  const y1 = Math.min(a[1] + a[3], b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a[2] * a[3] + b.width * b.height - inter);
}

export interface Score {
  truth: number;
  found: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Stories found (boxes) against stories placed (rects), one to one, greedy by IoU. */
export function scoreStories(found: Box[], placed: Rect[], threshold = 0.5): Score {
  const pairs = found
    .flatMap((box, i) => placed.map((rect, j) => ({ i, j, iou: iou(box, rect) })))
    .filter((p) => p.iou >= threshold)
    .sort((a, b) => b.iou - a.iou);
  const usedFound = new Set<number>();
  const usedPlaced = new Set<number>();
  for (const pair of pairs) {
    if (usedFound.has(pair.i) || usedPlaced.has(pair.j)) continue;
    usedFound.add(pair.i);
    usedPlaced.add(pair.j);
  }
  const matched = usedFound.size;
  const precision = found.length ? matched / found.length : 1;
  const recall = placed.length ? matched / placed.length : 1;
  return {
    truth: placed.length,
    found: found.length,
    matched,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

/** An article's box: the union of its regions, as a page gives them (boxes) or the contract ({ x, y, w, h }). */
export function articleBox(article: {
  regions: readonly (Box | { x: number; y: number; w: number; h: number })[];
}): Box {
  return boundingBox(article.regions.map((r) => ('x' in r ? [r.x, r.y, r.w, r.h] : r)));
}

/** Of the articles found, the one whose box overlaps `rect` most, at IoU ≥ `threshold`; none if none does. */
export function bestMatch<T extends Parameters<typeof articleBox>[0]>(
  found: readonly T[],
  rect: Rect,
  threshold = 0.5,
): T | undefined {
  return found
    .map((a) => ({ a, iou: iou(articleBox(a), rect) }))
    .filter((m) => m.iou >= threshold)
    .sort((x, y) => y.iou - x.iou)[0]?.a;
}
