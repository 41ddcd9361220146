/**
 * The word index in parts of PART_PAGES pages by row id (see ../word-index.ts).
 * The index is contentless, so its text cannot be read back: each page is
 * indexed again from its stored words into its part, in the background
 * (rebuildStep), newest first, while searches use the one index of before; that
 * goes once all its pages are in. Indexing 117,000 pages again takes about two
 * minutes, which a catalog's opening must not wait for. A catalog with no pages
 * has nothing to index again: its old index goes at once.
 */
import type { DatabaseSync } from 'node:sqlite';

export function run(db: DatabaseSync): void {
  db.exec('CREATE TABLE word_index_rebuild (below INTEGER NOT NULL) STRICT');
  const { top } = db.prepare('SELECT max(id) AS top FROM pages_text').get() as {
    top: number | null;
  };
  if (top === null)
    db.exec(`
      DROP TRIGGER pages_text_deleted;
      DROP TABLE pages_vocab;
      DROP TABLE pages_fts;
    `);
  else db.prepare('INSERT INTO word_index_rebuild (below) VALUES (?)').run(top + 1);
}
