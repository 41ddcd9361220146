/**
 * Drawing a rectangle on the page with the pointer (mouse, pen or touch): the
 * reader's clip tool. While active, a drag on the page draws a selection; on
 * release the rectangle (client coordinates) goes to `onSelect`. Escape or a
 * click without a drag cancels.
 */
import { pageArea } from './edition-stage.ts';

export interface RegionSelectOptions {
  /** The element holding the pages. */
  stage: HTMLElement;
  /** The corners, in client coordinates, and the page (number) the drag began on. */
  onSelect: (a: { x: number; y: number }, b: { x: number; y: number }, page: number) => void;
}

/** A drag shorter than this (CSS pixels) is a click, not a region. */
const MIN_DRAG = 8;

export class RegionSelect {
  readonly #options: RegionSelectOptions;
  #start: { x: number; y: number; page: HTMLElement } | undefined;
  readonly #box = document.createElement('div');
  readonly #down = (event: PointerEvent) => this.#begin(event);
  readonly #move = (event: PointerEvent) => this.#update(event);
  readonly #up = (event: PointerEvent) => this.#end(event);

  constructor(options: RegionSelectOptions) {
    this.#options = options;
    this.#box.className = 'selection';
  }

  enable(): void {
    this.#options.stage.classList.add('selecting');
    this.#options.stage.addEventListener('pointerdown', this.#down);
  }

  disable(): void {
    this.#options.stage.classList.remove('selecting');
    this.#options.stage.removeEventListener('pointerdown', this.#down);
    this.#cancel();
  }

  #begin(event: PointerEvent): void {
    const page = (event.target as HTMLElement).closest<HTMLElement>('.page[data-page-number]');
    if (!page || event.button !== 0) return;
    event.preventDefault();
    this.#start = { x: event.clientX, y: event.clientY, page };
    page.append(this.#box);
    this.#place(event);
    this.#options.stage.setPointerCapture(event.pointerId);
    this.#options.stage.addEventListener('pointermove', this.#move);
    this.#options.stage.addEventListener('pointerup', this.#up);
    this.#options.stage.addEventListener('pointercancel', this.#up);
  }

  #update(event: PointerEvent): void {
    if (this.#start) this.#place(event);
  }

  #end(event: PointerEvent): void {
    const start = this.#start;
    this.#cancel();
    if (!start || event.type === 'pointercancel') return;
    const end = this.#clamp(event, start.page);
    if (Math.abs(end.x - start.x) < MIN_DRAG || Math.abs(end.y - start.y) < MIN_DRAG) return;
    this.#options.onSelect({ x: start.x, y: start.y }, end, Number(start.page.dataset.pageNumber));
  }

  #cancel(): void {
    this.#start = undefined;
    this.#box.remove();
    this.#options.stage.removeEventListener('pointermove', this.#move);
    this.#options.stage.removeEventListener('pointerup', this.#up);
    this.#options.stage.removeEventListener('pointercancel', this.#up);
  }

  /** The pointer, kept inside the page. */
  #clamp(event: PointerEvent, page: HTMLElement): { x: number; y: number } {
    const box = pageArea(page);
    return {
      x: Math.min(Math.max(event.clientX, box.left), box.right),
      y: Math.min(Math.max(event.clientY, box.top), box.bottom),
    };
  }

  #place(event: PointerEvent): void {
    const start = this.#start!;
    const box = pageArea(start.page);
    const end = this.#clamp(event, start.page);
    this.#box.style.left = `${Math.min(start.x, end.x) - box.left}px`;
    this.#box.style.top = `${Math.min(start.y, end.y) - box.top}px`;
    this.#box.style.width = `${Math.abs(end.x - start.x)}px`;
    this.#box.style.height = `${Math.abs(end.y - start.y)}px`;
  }
}
