/**
 * The renderer's composition root: connects to the contract, then routes
 *   #/                      → the library
 *   #/read/<edition-id>/<n> → the reader at page n
 * and shows failures inline, where they happen, rather than in dialogs.
 */
import 'pdfjs-dist/web/pdf_viewer.css';
import './styles.css';
import type { Api } from '../main/common/api.ts';
import { connect } from './api/connect.ts';
import { DocumentCache } from './viewer/documents.ts';
import { h } from './views/dom.ts';
import { LibraryView } from './views/library-view.ts';
import { ReaderView } from './views/reader-view.ts';

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

let current: LibraryView | ReaderView | undefined;

function showError(message: string): void {
  notice.textContent = message;
  notice.hidden = false;
}

function clearError(): void {
  notice.hidden = true;
}

async function route(): Promise<void> {
  clearError();
  const match = /^#\/read\/([^/]+)\/(\d+)$/.exec(location.hash);
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
          history.replaceState(null, '', `#/read/${encodeURIComponent(editionId)}/${page}`),
        onClose: () => {
          location.hash = '#/';
        },
        onError: showError,
      });
      reader.element.dataset.edition = editionId;
      current = reader;
      root.replaceChildren(reader.element);
      await reader.open();
      reader.stage.element.focus();
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

api.on('edition.added', refreshLibrary);
api.on('edition.removed', refreshLibrary);
window.addEventListener('hashchange', () => void route());
applyTheme().catch(() => {});
void route();
