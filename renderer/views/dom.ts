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

/**
 * A value made when first asked for: Intl's formatters, whose first load the
 * locale's data (about 70 ms here), are not made while the app starts.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

const dateFormat = (options: Intl.DateTimeFormatOptions) =>
  lazy(() => new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }));
const DATE_FORMATS = {
  long: dateFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  short: dateFormat({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
  compact: dateFormat({ day: 'numeric', month: 'short', year: 'numeric' }),
};

/** An edition's date (YYYY-MM-DD, a calendar day) for people; `compact` has no weekday. */
export function formatDate(iso: string, style: keyof typeof DATE_FORMATS = 'long'): string {
  return DATE_FORMATS[style]().format(new Date(`${iso}T00:00:00Z`));
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
