/** The stage's pointer gestures: drag to pan (hand tool), Ctrl+wheel and trackpad pinch, two-finger touch pinch. */

export interface GestureTarget {
  /** Whether dragging pans (the hand tool) rather than selects. */
  panning(): boolean;
  /** Zooms by a factor, keeping a point (client px) still. */
  zoomBy(factor: number, origin: [number, number]): void;
}

export function pointerGestures(el: HTMLElement, target: GestureTarget, signal: AbortSignal): void {
  el.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const delta =
        event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
      const factor = Math.exp(-Math.max(-100, Math.min(100, delta)) / 100);
      target.zoomBy(factor, [event.clientX, event.clientY]);
    },
    { passive: false, signal },
  );
  const pointers = new Map<number, { x: number; y: number }>();
  let pan: { x: number; y: number; left: number; top: number } | undefined;
  let pinch: number | undefined;
  const distance = () => {
    const [a, b] = [...pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  el.addEventListener(
    'pointerdown',
    (event) => {
      if (el.classList.contains('selecting') || event.button !== 0) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.size === 2) {
        pinch = distance();
        pan = undefined;
        return;
      }
      if (!target.panning() || event.pointerType === 'touch') return;
      const scrollable = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
      if (!scrollable) return;
      event.preventDefault();
      el.setPointerCapture(event.pointerId);
      pan = { x: event.clientX, y: event.clientY, left: el.scrollLeft, top: el.scrollTop };
      el.classList.add('panning');
    },
    { signal },
  );
  el.addEventListener(
    'pointermove',
    (event) => {
      if (!pointers.has(event.pointerId)) return;
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pinch && pointers.size === 2) {
        const now = distance();
        const [a, b] = [...pointers.values()] as [
          { x: number; y: number },
          { x: number; y: number },
        ];
        if (now > 0 && Math.abs(now / pinch - 1) > 0.02) {
          target.zoomBy(now / pinch, [(a.x + b.x) / 2, (a.y + b.y) / 2]);
          pinch = now;
        }
        return;
      }
      if (!pan) return;
      el.scrollLeft = pan.left - (event.clientX - pan.x);
      el.scrollTop = pan.top - (event.clientY - pan.y);
    },
    { signal },
  );
  const up = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = undefined;
    if (pan) {
      pan = undefined;
      el.classList.remove('panning');
    }
  };
  el.addEventListener('pointerup', up, { signal });
  el.addEventListener('pointercancel', up, { signal });
}
