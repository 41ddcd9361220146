/**
 * The renderer's composition root: connects to the contract, then routes
 *   #/                      → the library
 *   #/read/<edition-id>/<n> → the reader at page n
 * and shows failures inline, where they happen, rather than in dialogs.
 */
import 'pdfjs-dist/web/pdf_viewer.css';
import './styles.css';
import type { Api } from '../main/common/api.ts';
import type { EditionSummary } from '../main/common/domain.ts';
import { connect } from './api/connect.ts';
import { DocumentCache } from './viewer/documents.ts';
import { formatDate, h } from './views/dom.ts';
import { LibraryView } from './views/library-view.ts';
import { ReaderView } from './views/reader-view.ts';
import { SearchView } from './views/search-view.ts';
import { SourcesView } from './views/sources-view.ts';

const api: Api = connect();
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

let current: LibraryView | ReaderView | SourcesView | SearchView | undefined;

function showError(message: string): void {
  notice.textContent = message;
  notice.hidden = false;
}

function clearError(): void {
  notice.hidden = true;
}

async function route(): Promise<void> {
  clearError();
  const [path = '', search = ''] = location.hash.split('?');
  const params = new URLSearchParams(search);
  const match = /^#\/read\/([^/]+)\/(\d+)$/.exec(path);
  if (
    match &&
    current instanceof ReaderView &&
    current.element.dataset.edition === decodeURIComponent(match[1]!)
  ) {
    const page = Number(match[2]);
    if (current.element.dataset.page !== String(page)) await current.go(page);
    return;
  }
  current?.destroy();
  current = undefined;
  try {
    if (match) {
      const editionId = decodeURIComponent(match[1]!);
      const reader = new ReaderView({
        api,
        docs,
        editionId,
        page: Number(match[2]),
        onPage: (page) =>
          history.replaceState(
            null,
            '',
            `#/read/${encodeURIComponent(editionId)}/${page}${search ? `?${search}` : ''}`,
          ),
        onClose: () => {
          location.hash = '#/';
        },
        onError: showError,
        ...(params.get('q') && { query: params.get('q')! }),
      });
      reader.element.dataset.edition = editionId;
      current = reader;
      root.replaceChildren(reader.element);
      await reader.open();
      reader.stage.element.focus();
    } else if (path === '#/search') {
      const view = new SearchView({
        api,
        query: params.get('q') ?? '',
        onQuery: (q) => history.replaceState(null, '', `#/search?q=${encodeURIComponent(q)}`),
      });
      current = view;
      document.title = 'Search — Paperboy';
      root.replaceChildren(view.element);
      view.input.focus();
      await view.search(params.get('q') ?? '');
    } else if (path === '#/sources') {
      const sources = new SourcesView({ api, onError: showError });
      current = sources;
      document.title = 'Sources — Paperboy';
      root.replaceChildren(sources.element);
      await sources.refresh();
    } else {
      const library = new LibraryView({ api, docs, onError: showError });
      current = library;
      document.title = 'Paperboy';
      root.replaceChildren(library.element);
      await library.refresh();
    }
  } catch (error) {
    showError((error as Error).message);
  }
}

async function applyTheme(): Promise<void> {
  const { theme } = await api.call('settings.get', {});
  document.documentElement.dataset.theme = theme;
}

function refreshLibrary(): void {
  if (current instanceof LibraryView)
    current.refresh().catch((error: Error) => showError(error.message));
}

/** A new edition arrived: say so in place, with a way to open it. */
function announce(edition: EditionSummary): void {
  if (edition.sample) return;
  const open = h('a', { href: `#/read/${encodeURIComponent(edition.id)}/1`, text: 'Open' });
  open.addEventListener('click', () => {
    toast.hidden = true;
  });
  toast.replaceChildren(
    h('span', { text: `New: ${edition.title}, ${formatDate(edition.date, 'short')}` }),
    open,
  );
  toast.hidden = false;
}

api.on('edition.added', ({ edition }) => {
  announce(edition);
  refreshLibrary();
});
api.on('edition.removed', refreshLibrary);
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
applyTheme().catch(() => {});
void route();
