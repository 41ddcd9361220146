/**
 * A source as a form, for each kind: its name, where its editions are (a URL
 * with date tokens, a feed, a manifest, a Chronicling America title, a folder),
 * when they come out, how long they are kept, and the languages its scans are
 * read in by OCR (where not the reader's). Checked as it is typed (the
 * first problem said beside the form); the core checks it again when it is
 * previewed or saved. Editing keeps the fields the form does not show.
 */
import { slugify } from '../../main/common/slug.ts';
import type { SourceDefinition } from '../../main/common/source-definition.ts';
import { h } from './dom.ts';

type Kind = SourceDefinition['kind'];

const KINDS: { kind: Kind; text: string; hint: string }[] = [
  {
    kind: 'template',
    text: 'A web address with the date in it',
    hint: 'Tokens: {yyyy} {mm} {dd} {yy} {m} {d}, and {page} (or {page:3} for 001) for one PDF a page.',
  },
  {
    kind: 'feed',
    text: 'An RSS or Atom feed of PDFs',
    hint: 'Each item with a PDF enclosure is an edition.',
  },
  {
    kind: 'manifest',
    text: 'An edition manifest',
    hint: "Paperboy's open manifest format (README); the URL may have date tokens.",
  },
  {
    kind: 'loc',
    text: 'Chronicling America (Library of Congress)',
    hint: 'A title by its LCCN, e.g. sn83045462; "years ago" delivers the paper of that many years before each day.',
  },
  { kind: 'folder', text: 'A folder on this computer', hint: 'PDFs whose names carry the date.' },
];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface SourceForm {
  element: HTMLElement;
  /** The definition as the form has it, or the first problem with it. */
  read(): { definition: SourceDefinition } | { problem: string };
  /** Fills the form with a definition (a preset, or a source to edit). */
  fill(definition: SourceDefinition, editing: boolean): void;
  reset(): void;
}

/**
 * `installed` are the OCR languages whose data is here (settings.languages),
 * named beside the languages field and offered as it is typed.
 */
export function sourceForm(onChange: () => void, installed?: Promise<string[]>): SourceForm {
  let base: Partial<SourceDefinition> = {};
  let editing = false;
  const field = (label: string, input: HTMLElement, hint?: string) =>
    h(
      'label',
      { className: 'field' },
      h('span', { text: label }),
      input,
      hint ? h('small', { className: 'muted', text: hint }) : undefined,
    );
  const kind = h(
    'select',
    { name: 'kind', 'aria-label': 'Kind of source' },
    ...KINDS.map((k) => h('option', { value: k.kind, text: k.text })),
  );
  const name = h('input', {
    name: 'name',
    'aria-label': 'Name',
    placeholder: 'The Morning Post',
    maxlength: 200,
  });
  const id = h('input', {
    name: 'id',
    'aria-label': 'Id',
    placeholder: 'morning-post',
    maxlength: 63,
  });
  const url = h('input', {
    name: 'url',
    type: 'url',
    'aria-label': 'Address',
    placeholder: 'https://example.com/{yyyy}/{mm}/{dd}/page{page}.pdf',
  });
  const lccn = h('input', { name: 'lccn', 'aria-label': 'LCCN', placeholder: 'sn83045462' });
  const yearsAgo = h('input', {
    name: 'yearsAgo',
    type: 'number',
    min: 1,
    max: 400,
    'aria-label': 'Years ago',
  });
  const folder = h('input', {
    name: 'folder',
    'aria-label': 'Folder',
    placeholder: '/home/me/Newspapers/Post',
  });
  const maxPages = h('input', {
    name: 'maxPages',
    type: 'number',
    min: 1,
    max: 2000,
    'aria-label': 'At most pages',
    placeholder: 'until the first missing page',
  });
  const zones = h(
    'datalist',
    { id: 'time-zones' },
    ...Intl.supportedValuesOf('timeZone').map((zone) => h('option', { value: zone })),
  );
  const timezone = h('input', {
    name: 'timezone',
    list: 'time-zones',
    'aria-label': 'Time zone',
    value: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const at = h('input', { name: 'at', type: 'time', 'aria-label': 'Out at', value: '06:00' });
  const days = WEEKDAYS.map((day, i) =>
    h('input', { type: 'checkbox', checked: true, value: String(i + 1), 'aria-label': day }),
  );
  const keepDays = h('input', {
    name: 'keepDays',
    type: 'number',
    min: 1,
    'aria-label': 'Keep days',
  });
  const keepGigabytes = h('input', {
    name: 'keepGigabytes',
    type: 'number',
    min: 0.1,
    step: 0.1,
    'aria-label': 'Keep gigabytes',
  });
  const ocrLanguages = h('input', {
    name: 'ocrLanguages',
    'aria-label': 'OCR languages',
    placeholder: "the reader's (Settings)",
    autocomplete: 'off',
  });
  const ocrHint = h('small', { className: 'muted' });
  installed
    ?.then((codes) => {
      ocrHint.textContent = `Tesseract's codes, e.g. kan hin; installed here: ${codes.join(' ')}.`;
    })
    .catch(() => {});
  const hint = h('small', { className: 'muted kind-hint' });
  const where = {
    url: field('Address', url),
    lccn: field('LCCN', lccn),
    yearsAgo: field('Years ago (optional)', yearsAgo),
    folder: field('Folder', folder),
    pages: field('Pages: at most (optional)', maxPages),
  };
  const show = () => {
    const k = kind.value as Kind;
    hint.textContent = KINDS.find((x) => x.kind === k)!.hint;
    where.url.hidden = k === 'loc' || k === 'folder';
    where.lccn.hidden = k !== 'loc';
    where.yearsAgo.hidden = k !== 'loc';
    where.folder.hidden = k !== 'folder';
    where.pages.hidden = k !== 'template' || !/\{page(?::\d)?\}/.test(url.value);
  };
  // The id follows the name until it is typed in.
  let idTyped = false;
  id.addEventListener('input', () => {
    idTyped = true;
  });
  name.addEventListener('input', () => {
    if (!idTyped && !editing) id.value = slugify(name.value);
  });
  const element = h(
    'fieldset',
    { className: 'source-form' },
    h('legend', { text: 'The source' }),
    field('Kind', kind),
    hint,
    h('div', { className: 'row' }, field('Name', name), field('Id', id)),
    where.url,
    where.pages,
    where.lccn,
    where.yearsAgo,
    where.folder,
    h('div', { className: 'row' }, field('Time zone', timezone), zones, field('Out at', at)),
    h(
      'div',
      { className: 'days', role: 'group', 'aria-label': 'Days it comes out' },
      h('span', { text: 'Comes out on' }),
      ...days.map((box, i) =>
        h('label', { className: 'check' }, box, h('span', { text: WEEKDAYS[i]! })),
      ),
    ),
    h(
      'div',
      { className: 'row' },
      field('Keep: days (optional)', keepDays),
      field('Keep: gigabytes (optional)', keepGigabytes),
    ),
    h(
      'label',
      { className: 'field' },
      h('span', { text: 'Scans read in (optional)' }),
      ocrLanguages,
      ocrHint,
    ),
  );
  element.addEventListener('input', () => {
    show();
    onChange();
  });
  show();

  const read = (): { definition: SourceDefinition } | { problem: string } => {
    const k = kind.value as Kind;
    const definition: Record<string, unknown> = { ...base, kind: k };
    for (const key of [
      'url',
      'lccn',
      'folder',
      'yearsAgo',
      'pages',
      'retention',
      'ocrLanguages',
    ] as const)
      delete definition[key];
    if (!name.value.trim()) return { problem: 'Give the source a name.' };
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id.value))
      return { problem: 'The id is a short slug: a-z, 0-9 and "-".' };
    definition.name = name.value.trim();
    definition.id = id.value;
    if (k === 'template' || k === 'feed' || k === 'manifest') {
      const parsed = URL.parse(url.value.replace(/\{[^}]*\}/g, 'x'));
      if (!parsed || !/^https?:$/.test(parsed.protocol))
        return { problem: 'The address must be a web address (http:// or https://).' };
      if (k === 'template' && !/\{(yyyy|yy|mm|m|dd|d)\}/.test(url.value))
        return { problem: 'The address needs the date in it: {yyyy}, {mm}, {dd}…' };
      definition.url = url.value;
      if (k === 'template' && maxPages.value && /\{page(?::\d)?\}/.test(url.value))
        definition.pages = { max: Number(maxPages.value) };
    }
    if (k === 'loc') {
      if (!/^[a-z]{0,3}\d{8,10}$/.test(lccn.value.trim()))
        return { problem: 'The LCCN is letters and digits, like sn83045462.' };
      definition.lccn = lccn.value.trim();
      if (yearsAgo.value) definition.yearsAgo = Number(yearsAgo.value);
    }
    if (k === 'folder') {
      if (!folder.value.trim()) return { problem: 'Give the folder the PDFs arrive in.' };
      definition.folder = folder.value.trim();
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone.value });
    } catch {
      return { problem: `"${timezone.value}" is not a time zone (e.g. Europe/London).` };
    }
    definition.timezone = timezone.value;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at.value))
      return { problem: 'Give the time it comes out.' };
    const on = days.filter((d) => d.checked).map((d) => Number(d.value));
    if (on.length === 0) return { problem: 'Tick the days it comes out.' };
    definition.schedule = { at: at.value, ...(on.length < 7 && { days: on }) };
    const retention = {
      ...(keepDays.value && { days: Number(keepDays.value) }),
      ...(keepGigabytes.value && { gigabytes: Number(keepGigabytes.value) }),
    };
    if (Object.keys(retention).length > 0) definition.retention = retention;
    const languages = ocrLanguages.value.split(/[\s,+]+/).filter(Boolean);
    const notCode = languages.find((code) => !/^[a-z]{3}(_[a-z]+)?$/.test(code));
    if (notCode)
      return {
        problem: `"${notCode}" is not an OCR language code: three letters, like kan or hin.`,
      };
    if (languages.length > 0) definition.ocrLanguages = languages;
    return { definition: definition as SourceDefinition };
  };

  const fill = (definition: SourceDefinition, edit: boolean) => {
    base = definition;
    editing = edit;
    idTyped = true;
    kind.value = definition.kind;
    kind.disabled = edit;
    id.disabled = edit;
    name.value = definition.name;
    id.value = definition.id;
    url.value = definition.url ?? '';
    lccn.value = definition.lccn ?? '';
    yearsAgo.value = definition.yearsAgo ? String(definition.yearsAgo) : '';
    folder.value = definition.folder ?? '';
    maxPages.value = definition.pages?.max ? String(definition.pages.max) : '';
    timezone.value = definition.timezone;
    at.value = definition.schedule.at;
    for (const box of days)
      box.checked =
        !definition.schedule.days || definition.schedule.days.includes(Number(box.value));
    keepDays.value = definition.retention?.days ? String(definition.retention.days) : '';
    keepGigabytes.value = definition.retention?.gigabytes
      ? String(definition.retention.gigabytes)
      : '';
    ocrLanguages.value = definition.ocrLanguages?.join(' ') ?? '';
    show();
  };

  const reset = () => {
    base = {};
    editing = false;
    idTyped = false;
    kind.disabled = false;
    id.disabled = false;
    for (const input of [
      name,
      id,
      url,
      lccn,
      yearsAgo,
      folder,
      maxPages,
      keepDays,
      keepGigabytes,
      ocrLanguages,
    ])
      input.value = '';
    kind.value = 'template';
    at.value = '06:00';
    for (const box of days) box.checked = true;
    show();
  };

  return { element, read, fill, reset };
}
