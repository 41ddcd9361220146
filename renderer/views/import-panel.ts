/**
 * Importing from the app: PDFs dropped on the library or picked with the file
 * and folder pickers are sent to the core in chunks (through the contract, so
 * the same in the desktop app and in a browser) and imported with the CLI's
 * checks. A file is an edition; a folder's PDFs are the pages of one, in name
 * order. Progress, the result and any refusal show in the panel, one line each,
 * with what can be done next (open it, replace, confirm an uncertain date).
 */
import type { Api, Result } from '../../main/common/api.ts';
import { formatBytes } from '../../main/common/format-bytes.ts';
import { readerRoute } from '../../main/common/reader-route.ts';
import { MAX_CHUNK_BYTES } from '../../main/common/upload-limits.ts';
import { formatDate, h, lazy } from './dom.ts';

/** One edition to import: its files in page order, and the name they had. */
export interface ImportBatch {
  files: File[];
  /** The file's name, or the folder's path ("evening-star/1921-03-01"). */
  named: string;
  folder: boolean;
}

export interface ImportPanelOptions {
  api: Api;
}

const collator = lazy(() => new Intl.Collator('en', { numeric: true }));
const byName = (a: string, b: string) => collator().compare(a, b);

export class ImportPanel {
  readonly element = h('section', {
    className: 'import-panel',
    'aria-label': 'Imports',
    hidden: true,
  });
  readonly #options: ImportPanelOptions;
  #queue = Promise.resolve();

  constructor(options: ImportPanelOptions) {
    this.#options = options;
  }

  /** The "Import…" buttons: files (each an edition) and a folder (one edition of pages). */
  buttons(): HTMLElement {
    const files = h('input', { type: 'file', accept: '.pdf,application/pdf', multiple: true });
    const folder = h('input', { type: 'file', multiple: true });
    folder.webkitdirectory = true;
    files.hidden = true;
    folder.hidden = true;
    files.addEventListener('change', () => {
      this.importAll(fromPicked([...(files.files ?? [])]));
      files.value = '';
    });
    folder.addEventListener('change', () => {
      this.importAll(fromPicked([...(folder.files ?? [])]));
      folder.value = '';
    });
    const pickFiles = h('button', {
      type: 'button',
      className: 'head-button',
      text: 'Import PDF…',
    });
    const pickFolder = h('button', {
      type: 'button',
      className: 'head-button',
      text: 'Import folder…',
      title: 'A folder of page PDFs is one edition (pages in name order)',
    });
    pickFiles.addEventListener('click', () => files.click());
    pickFolder.addEventListener('click', () => folder.click());
    return h('span', { className: 'import-buttons' }, pickFiles, pickFolder, files, folder);
  }

  /** Imports the batches one after another, each with its own line. */
  importAll(batches: ImportBatch[]): void {
    if (batches.length === 0) return;
    this.element.hidden = false;
    for (const batch of batches) {
      const line = new ImportLine(batch);
      this.element.prepend(line.element);
      this.#queue = this.#queue.then(() => this.#importOne(batch, line));
    }
  }

  async #importOne(batch: ImportBatch, line: ImportLine, replace = false): Promise<void> {
    const { api } = this.#options;
    const total = batch.files.reduce((sum, f) => sum + f.size, 0);
    let sent = 0;
    const uploads: string[] = [];
    try {
      for (const file of batch.files) {
        const { upload } = await api.call('uploads.begin', { name: file.name, bytes: file.size });
        uploads.push(upload);
        for (let offset = 0; offset < file.size; offset += MAX_CHUNK_BYTES) {
          const chunk = file.slice(offset, offset + MAX_CHUNK_BYTES);
          await api.call('uploads.append', { upload, offset, data: await base64(chunk) });
          sent += chunk.size;
          line.progress(sent, total);
        }
      }
      line.checking(batch.files.length);
      await this.#finish(batch, line, uploads, replace);
    } catch (error) {
      for (const upload of uploads) void api.call('uploads.cancel', { upload }).catch(() => {});
      line.failed((error as Error).message);
    }
  }

  async #finish(
    batch: ImportBatch,
    line: ImportLine,
    uploads: string[],
    replace: boolean,
  ): Promise<void> {
    const { api } = this.#options;
    try {
      const outcome = await api.call('editions.importUploads', {
        uploads,
        named: batch.named,
        folder: batch.folder,
        ...(replace && { replace: true }),
      });
      // The new edition comes to the library as the archive's edition.added.
      line.done(outcome);
    } catch (error) {
      const { code, message } = error as Error & { code?: string };
      if (code !== 'conflict') throw error;
      // The archive has that paper's edition of that day: replace it, or keep it.
      line.conflict(message, {
        replace: () => {
          line.checking(batch.files.length);
          this.#queue = this.#queue.then(() =>
            this.#finish(batch, line, uploads, true).catch((e: Error) => line.failed(e.message)),
          );
        },
        skip: () => {
          for (const upload of uploads) void api.call('uploads.cancel', { upload }).catch(() => {});
          line.element.remove();
        },
      });
    }
  }
}

/** One import's line: name, progress bar, outcome. */
class ImportLine {
  readonly element: HTMLElement;
  readonly #bar = h('progress', { max: 1, value: 0 });
  readonly #text = h('span', { className: 'import-text' });

  constructor(batch: ImportBatch) {
    const pages = batch.files.length;
    this.element = h(
      'div',
      { className: 'import-line', 'data-state': 'sending' },
      h('strong', {
        text: `${batch.named.split('/').pop()}${batch.folder ? ` (${pages} page${pages === 1 ? '' : 's'})` : ''}`,
      }),
      this.#bar,
      this.#text,
    );
  }

  progress(sent: number, total: number): void {
    this.#bar.max = total;
    this.#bar.value = sent;
    this.#text.textContent = `${formatBytes(sent)} of ${formatBytes(total)}`;
  }

  checking(files: number): void {
    this.element.dataset.state = 'checking';
    this.#bar.removeAttribute('value');
    this.#text.textContent = `Checking ${files === 1 ? 'the file' : `${files} files`}…`;
  }

  done(outcome: Result<'editions.importUploads'>): void {
    const { edition } = outcome;
    this.element.dataset.state = 'done';
    this.#bar.remove();
    const verb = !outcome.created
      ? 'Already in the archive:'
      : outcome.replaced
        ? 'Replaced'
        : 'Imported';
    const open = h('a', { href: readerRoute({ edition: edition.id, page: 1 }), text: 'Open' });
    this.#text.replaceChildren(
      `${verb} ${edition.source.name}, ${formatDate(edition.date, 'short')} · ${edition.pages.length} page${edition.pages.length === 1 ? '' : 's'} `,
      open,
    );
    if (outcome.dateCheck)
      this.#text.append(
        h('span', {
          className: 'date-check',
          text: ` The date is uncertain: ${outcome.dateCheck.reason}; confirm or correct it from the card's ⋯ menu.`,
        }),
      );
  }

  conflict(message: string, actions: { replace: () => void; skip: () => void }): void {
    this.element.dataset.state = 'conflict';
    this.#bar.remove();
    const replace = h('button', { type: 'button', className: 'primary', text: 'Replace it' });
    const skip = h('button', { type: 'button', text: 'Keep the one there' });
    replace.addEventListener('click', actions.replace);
    skip.addEventListener('click', actions.skip);
    this.#text.replaceChildren(`${message.split(';')[0]}. `, replace, ' ', skip);
  }

  failed(message: string): void {
    this.element.dataset.state = 'failed';
    this.#bar.remove();
    this.#text.textContent = message;
  }
}

/**
 * Picked files as editions: loose files are one each; files picked as a folder
 * (webkitRelativePath) are grouped by the folder they are in, each folder one
 * edition of its pages in name order.
 */
export function fromPicked(files: File[]): ImportBatch[] {
  const pdfs = files.filter((f) => /\.pdf$/i.test(f.name));
  const loose = pdfs.filter((f) => !f.webkitRelativePath);
  const inFolders = new Map<string, File[]>();
  for (const file of pdfs.filter((f) => f.webkitRelativePath)) {
    const folder = file.webkitRelativePath.split('/').slice(0, -1).join('/');
    inFolders.set(folder, [...(inFolders.get(folder) ?? []), file]);
  }
  return [
    ...loose.map((file) => ({ files: [file], named: file.name, folder: false })),
    ...[...inFolders].map(([named, group]) => ({
      files: group.sort((a, b) => byName(a.name, b.name)),
      named,
      folder: true,
    })),
  ];
}

/** What was dropped, as editions: files one each, folders (read through) one per folder. */
export async function fromDrop(transfer: DataTransfer): Promise<ImportBatch[]> {
  const entries = [...transfer.items]
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => !!entry);
  if (entries.length === 0) return fromPicked([...transfer.files]);
  const batches: ImportBatch[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      // Only a file dropped itself comes here: a folder's files are its pages, below.
      if (/\.pdf$/i.test(entry.name))
        batches.push({
          files: [await fileOf(entry as FileSystemFileEntry)],
          named: entry.name,
          folder: false,
        });
      return;
    }
    const children = await readAll(entry as FileSystemDirectoryEntry);
    const pages = children.filter((c) => c.isFile && /\.pdf$/i.test(c.name));
    if (pages.length > 0)
      batches.push({
        files: (await Promise.all(pages.map((p) => fileOf(p as FileSystemFileEntry)))).sort(
          (a, b) => byName(a.name, b.name),
        ),
        named: entry.fullPath.replace(/^\//, ''),
        folder: true,
      });
    for (const child of children.filter((c) => c.isDirectory)) await walk(child);
  };
  for (const entry of entries) await walk(entry);
  return batches;
}

/** Whether a drop holds files that are PDFs (or folders), not a clipping. */
export function dropsPdfs(transfer: DataTransfer): boolean {
  const items = [...transfer.items].filter((item) => item.kind === 'file');
  if (items.length === 0) return false;
  return items.some((item) => {
    const entry = item.webkitGetAsEntry?.();
    if (entry?.isDirectory) return true;
    return item.type === 'application/pdf' || /\.pdf$/i.test(item.getAsFile()?.name ?? '');
  });
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All of a folder's entries: readEntries gives them in batches until an empty one. */
async function readAll(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** A chunk of a file in base64, by the browser's own encoder. */
function base64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}
