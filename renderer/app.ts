/**
 * The renderer's composition root: connects to the contract, then routes
 *   #/?view=today&sort=name&filter= → the library: papers (or today's editions)
 *   #/paper/<source>?month=YYYY-MM → a paper's editions, a month's calendar
 *   #/read/<edition-id>/<n> → the reader at page n (?q= marks a search's hits,
 *                             ?rect=[page:]x,y,w,h outlines regions)
 *   #/read/<edition-id>     → the reader where it was left in that edition
 *   #/search?q=&source=&from=&to=&sort=newest → search, narrowed to a paper and dates
 *   #/sources               → the sources delivered from
 *   #/settings              → what the reader sets
 *   #/clips?q=&tag=         → the clips library
 *   #/link                  → the library with the clipping panel open
 * and shows failures inline, where they happen, rather than in dialogs.
 */
import { parseReaderRoute, readerRoute } from '../main/common/reader-route.ts';
import './styles.css';
import type { Api } from '../main/common/api.ts';
import type { ClipRegion } from '../main/common/clips.ts';
import type { EditionSummary } from '../main/common/domain.ts';
import { keepAnswers } from './api/answers-kept.ts';
import { connect } from './api/connect.ts';
import { DocumentCache } from './viewer/documents.ts';
import { previews } from './viewer/preview-cache.ts';
import { ClipsView } from './views/clips-view.ts';
import { formatDate, h } from './views/dom.ts';
import { dropsPdfs, fromDrop } from './views/import-panel.ts';
import { type LibraryState, LibraryView } from './views/library-view.ts';
import { LinkPanel } from './views/link-panel.ts';
import { PaperView } from './views/paper-view.ts';
import { ReaderView } from './views/reader-view.ts';
import { SearchView } from './views/search-view.ts';
import { SettingsView } from './views/settings-view.ts';
import { SourcesView } from './views/sources-view.ts';

// The settings are kept in the renderer, so views that need them do not wait on a call.
const api: Api = keepAnswers(connect());
const docs = new DocumentCache();
const root = document.getElementById('app')!;
const notice = h('div', {
  className: 'notice',
  role: 'status',
  'aria-live': 'polite',
  hidden: true,
});
document.body.append(notice);

const toast = h('div', { className: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
document.body.append(toast);

const linkPanel = new LinkPanel({ api });
document.body.append(linkPanel.element);

let current:
  | LibraryView
  | PaperView
  | ReaderView
  | SourcesView
  | SearchView
  | ClipsView
  | SettingsView
  | undefined;

function showError(message: string): void {
  notice.textContent = message;
  notice.hidden = false;
}

function clearError(): void {
  notice.hidden = true;
}

async function route(): Promise<void> {
  clearError();
  let [path = '', search = ''] = location.hash.split('?');
  // #/link opens the clipping panel over the library.
  if (path === '#/link') {
    history.replaceState(null, '', '#/');
    path = '#/';
    linkPanel.show();
    if (current instanceof LibraryView) return;
  }
  const params = new URLSearchParams(search);
  const read = parseReaderRoute(location.hash);
  if (
    read &&
    current instanceof ReaderView &&
    current.element.dataset.edition === read.edition &&
    current.element.dataset.route === search
  ) {
    if (read.page && current.element.dataset.page !== String(read.page)) current.go(read.page);
    return;
  }
  current?.destroy();
  current = undefined;
  try {
    if (read) {
      const editionId = read.edition;
      const reader = new ReaderView({
        api,
        docs,
        editionId,
        ...(read.page && { page: read.page }),
        // The page follows the reader; the search and regions stay as they were.
        onPage: (page) =>
          history.replaceState(
            null,
            '',
            `${readerRoute({ edition: editionId, page })}${search ? `?${search}` : ''}`,
          ),
        onEdition: (id) => {
          location.hash = readerRoute({ edition: id });
        },
        onClose: () => {
          location.hash = '#/';
        },
        onError: showError,
        ...(read.query && { query: read.query }),
        regions: parseRects([...(read.rects ?? [])], read.page ?? 1),
      });
      reader.element.dataset.edition = editionId;
      // Another search or other regions on the same edition open it afresh.
      reader.element.dataset.route = search;
      current = reader;
      root.replaceChildren(reader.element);
      // Focus first: open() resolves only once the neighbours are drawn too, and by
      // then the reader may have moved focus on (Ctrl+F, the page box).
      reader.stage.element.focus();
      await reader.open();
    } else if (path === '#/search') {
      const view = new SearchView({
        api,
        docs,
        query: params.get('q') ?? '',
        filters: {
          ...(params.get('source') && { source: params.get('source')! }),
          ...(params.get('from') && { from: params.get('from')! }),
          ...(params.get('to') && { to: params.get('to')! }),
          ...(params.get('sort') === 'newest' && { sort: 'newest' as const }),
        },
        onQuery: (q, filters) =>
          history.replaceState(null, '', `#/search?${new URLSearchParams({ q, ...filters })}`),
      });
      current = view;
      document.title = 'Search — Paperboy';
      root.replaceChildren(view.element);
      view.input.focus();
      await view.search(params.get('q') ?? '');
    } else if (path === '#/clips') {
      const view = new ClipsView({
        api,
        query: params.get('q') ?? '',
        ...(params.get('tag') && { tag: params.get('tag')! }),
        onQuery: (q, tag) => {
          const next = new URLSearchParams({ ...(q && { q }), ...(tag && { tag }) });
          history.replaceState(null, '', `#/clips${next.size ? `?${next}` : ''}`);
        },
        onError: showError,
      });
      current = view;
      document.title = 'Clips — Paperboy';
      root.replaceChildren(view.element);
      await view.refresh();
    } else if (path === '#/sources') {
      const sources = new SourcesView({ api, onError: showError });
      current = sources;
      document.title = 'Sources — Paperboy';
      root.replaceChildren(sources.element);
      await sources.refresh();
    } else if (path === '#/settings') {
      const view = new SettingsView({ api, onError: showError });
      current = view;
      document.title = 'Settings — Paperboy';
      root.replaceChildren(view.element);
      await view.refresh();
    } else if (path.startsWith('#/paper/')) {
      const view = new PaperView({
        api,
        source: decodeURIComponent(path.slice('#/paper/'.length)),
        ...(/^\d{4}-\d{2}$/.test(params.get('month') ?? '') && { month: params.get('month')! }),
        onMonth: (month) => history.replaceState(null, '', `${path}?month=${month}`),
        onError: showError,
      });
      current = view;
      root.replaceChildren(view.element);
      await view.refresh();
    } else {
      const library = new LibraryView({
        api,
        onError: showError,
        state: {
          view: params.get('view') === 'today' ? 'today' : 'papers',
          sort: params.get('sort') === 'name' ? 'name' : 'date',
          filter: params.get('filter') ?? '',
        },
        onState: (state: LibraryState) => {
          const next = new URLSearchParams({
            ...(state.view !== 'papers' && { view: state.view }),
            ...(state.sort !== 'date' && { sort: state.sort }),
            ...(state.filter && { filter: state.filter }),
          });
          history.replaceState(null, '', `#/${next.size ? `?${next}` : ''}`);
        },
      });
      current = library;
      document.title = 'Paperboy';
      root.replaceChildren(library.element);
      await library.refresh();
      // An edition opened from here finds pdf.js and its worker started.
      requestIdleCallback(() => docs.warm(), { timeout: 2000 });
    }
  } catch (error) {
    showError((error as Error).message);
  }
}

/** `rect=[page:]x,y,w,h` (PDF points), repeated; malformed ones are ignored. */
function parseRects(values: string[], page: number): ClipRegion[] {
  return values.flatMap((value) => {
    const m = /^(?:(\d+):)?(-?[\d.]+),(-?[\d.]+),([\d.]+),([\d.]+)$/.exec(value);
    if (!m) return [];
    const [x, y, w, hh] = m.slice(2).map(Number) as [number, number, number, number];
    return [{ page: m[1] ? Number(m[1]) : page, x, y, w, h: hh }];
  });
}

async function applyTheme(): Promise<void> {
  const { theme } = await api.call('settings.get', {});
  document.documentElement.dataset.theme = theme;
}

function refreshLibrary(): void {
  if (current instanceof LibraryView || current instanceof PaperView)
    current.refresh().catch((error: Error) => showError(error.message));
}

/** The edition the toast tells of: it goes when that edition is removed or corrected. */
let announced: string | undefined;

/** A new edition arrived: say so in place, with a way to open it. */
function announce(edition: EditionSummary): void {
  if (edition.sample) return;
  announced = edition.id;
  const open = h('a', { href: readerRoute({ edition: edition.id, page: 1 }), text: 'Open' });
  open.addEventListener('click', () => {
    toast.hidden = true;
  });
  toast.replaceChildren(
    h('span', { text: `New: ${edition.title}, ${formatDate(edition.date, 'short')}` }),
    open,
  );
  toast.hidden = false;
}

// Events are subscribed before anything is shown; once they flow, the library is read
// again, so an edition that came while the page loaded is not missed.
api.ready().then(refreshLibrary, () => {});
api.on('edition.added', ({ edition }) => {
  // A replaced edition's pages are new pictures under the same addresses.
  previews.forget(edition.id);
  announce(edition);
  refreshLibrary();
});
// A correction is not news: the library shows it, with no "New:".
api.on('edition.changed', ({ previous }) => {
  previews.forget(previous);
  if (announced === previous) toast.hidden = true;
  refreshLibrary();
});
api.on('edition.removed', ({ id }) => {
  previews.forget(id);
  if (announced === id) toast.hidden = true;
  refreshLibrary();
});
api.on('clips.changed', () => {
  if (current instanceof ClipsView) void current.refresh();
});
window.addEventListener('hashchange', () => void route());
// Search is always one keystroke away: Ctrl+K or Ctrl+Shift+F (⌘ on a Mac).
document.addEventListener('keydown', (event) => {
  const key = event.key.toLowerCase();
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || !(key === 'k' || (key === 'f' && event.shiftKey))) return;
  event.preventDefault();
  if (current instanceof SearchView) current.input.focus();
  else location.hash = '#/search';
});
// A clipping pasted or dropped anywhere (outside a text field) is linked at once.
const editable = (target: EventTarget | null) =>
  target instanceof HTMLElement && target.closest('input, textarea, [contenteditable="true"]');
document.addEventListener('paste', (event) => {
  if (editable(event.target)) return;
  const text =
    event.clipboardData?.getData('text/plain') || event.clipboardData?.getData('text/html');
  if (!text?.trim()) return;
  event.preventDefault();
  void linkPanel.link(text);
});
document.addEventListener('dragover', (event) => {
  if (event.dataTransfer?.types.some((t) => t === 'Files' || t === 'text/plain'))
    event.preventDefault();
});
document.addEventListener('drop', (event) => {
  const transfer = event.dataTransfer;
  if (!transfer || editable(event.target)) return;
  event.preventDefault();
  // PDFs (or folders of them) are imported; anything else dropped is a clipping to link.
  if (dropsPdfs(transfer)) {
    const batches = fromDrop(transfer);
    void (async () => {
      if (!(current instanceof LibraryView)) {
        // To the library, without a hashchange that would route a second time.
        history.pushState(null, '', '#/');
        await route();
      }
      if (current instanceof LibraryView) current.imports.importAll(await batches);
    })().catch((error: Error) => showError(error.message));
    return;
  }
  const file = transfer.files[0];
  if (file) {
    file.text().then(
      (text) => linkPanel.link(text, file.name),
      (error: Error) => showError(`${file.name} could not be read: ${error.message}`),
    );
  } else {
    const text = transfer.getData('text/plain');
    if (text.trim()) void linkPanel.link(text);
  }
});
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'l') {
    event.preventDefault();
    linkPanel.show();
  }
});
applyTheme().catch(() => {});
void route();
