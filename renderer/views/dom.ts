/** Small DOM helpers: elements built from data, never from HTML strings. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string | boolean | number>> = {},
  ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === 'className') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== undefined && child !== false) el.append(child);
  return el;
}

/** A line icon drawn in the text colour: `d` is an SVG path on a 16×16 grid. */
export function icon(d: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('glyph');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

const LONG = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const SHORT = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const COMPACT = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** An edition's date (YYYY-MM-DD, a calendar day) for people; `compact` has no weekday. */
export function formatDate(iso: string, style: 'long' | 'short' | 'compact' = 'long'): string {
  const date = new Date(`${iso}T00:00:00Z`);
  return (style === 'long' ? LONG : style === 'short' ? SHORT : COMPACT).format(date);
}

/** A full-page view's header: the way back to the library and the title. */
export function pageHead(title: string): HTMLElement {
  return h(
    'header',
    { className: 'page-head' },
    h('a', { href: '#/', className: 'back-link', text: '← Library' }),
    h('h1', { text: title }),
  );
}

/** A full-page view's search box and button; `onSubmit` gets what was typed. */
export function searchForm(
  options: { label: string; placeholder: string; value: string },
  onSubmit: (value: string) => void,
): { form: HTMLFormElement; input: HTMLInputElement } {
  const input = h('input', {
    type: 'search',
    className: 'search-input',
    'aria-label': options.label,
    placeholder: options.placeholder,
    value: options.value,
  });
  const form = h(
    'form',
    { className: 'search-form', role: 'search' },
    input,
    h('button', { type: 'submit', className: 'primary', text: 'Search' }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(input.value);
  });
  return { form, input };
}
