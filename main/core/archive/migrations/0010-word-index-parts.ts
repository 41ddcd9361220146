/**
 * The word index in parts of PART_PAGES pages by row id (see ../word-index.ts):
 * each page's text is indexed again from its stored words into its part, and the
 * one index over every page goes. The index is contentless, so its text cannot be
 * read back: it is made again from the words, as indexing made it.
 */
import type { DatabaseSync } from 'node:sqlite';
import { indexText } from '../../words/page-words.ts';
import { decodeWords } from '../../words/stored-words.ts';
import { optimizeParts, WordIndexWriter } from '../word-index.ts';

export function run(db: DatabaseSync): void {
  // The old index goes first, so that the parts take the file's pages it leaves
  // free: the file does not grow by an index's size (half of it, on a big archive).
  db.exec(`
    DROP TRIGGER pages_text_deleted;
    DROP TABLE pages_vocab;
    DROP TABLE pages_fts;
  `);
  const writer = new WordIndexWriter(db);
  const rows = db.prepare('SELECT id, words FROM pages_text ORDER BY id').iterate() as Iterable<{
    id: number;
    words: Uint8Array;
  }>;
  for (const row of rows) writer.add(row.id, indexText(decodeWords(row.words)).text);
  optimizeParts(db);
}
