/**
 * Page previews (a page as a JPEG at a screen's height, page-preview.ts)
 * fetched before the reader asks for them: the library asks for page 1 of the
 * edition under the pointer or the keyboard's focus (covers.ts), so the one
 * opened shows its first page without waiting on the core. The pictures are
 * kept compressed, a few at a time; an edition that changes (replaced, edited,
 * removed) is forgotten.
 */

/** Previews kept: about 0.5 MB each. */
const KEPT = 8;

/** A picture as it is being fetched, and once it has come. */
type Kept = { fetched: Promise<Blob | undefined>; come?: Blob };

class PreviewCache {
  readonly #kept = new Map<string, Kept>();

  /** The picture at `url`, if it is here already: its decoding can start at once. */
  here(url: string): Blob | undefined {
    return this.#kept.get(url)?.come;
  }

  /** The picture at `url`: the one fetched ahead, or fetched now. Undefined if there is none. */
  get(url: string): Promise<Blob | undefined> {
    const kept = this.#kept.get(url);
    if (kept) {
      this.#kept.delete(url);
      this.#kept.set(url, kept);
      return kept.fetched;
    }
    const fetched = fetch(url, { priority: 'high' })
      .then((answer) => (answer.ok ? answer.blob() : undefined))
      .catch(() => undefined);
    const entry: Kept = { fetched };
    fetched.then((blob) => {
      if (blob) entry.come = blob;
      // A picture that could not be had is asked for again next time.
      else if (this.#kept.get(url) === entry) this.#kept.delete(url);
    });
    this.#kept.set(url, entry);
    for (const old of this.#kept.keys()) {
      if (this.#kept.size <= KEPT) break;
      this.#kept.delete(old);
    }
    return fetched;
  }

  /** Drops what is kept of an edition's pages (its previews are addressed by its id). */
  forget(editionId: string): void {
    const marker = `/${encodeURIComponent(editionId)}/`;
    for (const url of [...this.#kept.keys()]) if (url.includes(marker)) this.#kept.delete(url);
  }
}

export const previews = new PreviewCache();
