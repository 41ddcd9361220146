/**
 * Page text: each page's positioned words (compressed JSON, for hit boxes and
 * snippets) and a contentless FTS5 index of its normalised text, diacritics
 * removed, with prefix indexes for short prefixes. Deleting a page's row
 * removes it from the index (trigger); deleting an edition removes its pages.
 */
export const sql = `
CREATE TABLE pages_text (
  id      INTEGER PRIMARY KEY,
  edition TEXT NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
  page    INTEGER NOT NULL,
  source  TEXT NOT NULL,
  date    TEXT NOT NULL,
  quality TEXT NOT NULL,
  words   BLOB NOT NULL,
  UNIQUE (edition, page)
) STRICT;

CREATE INDEX pages_text_by_date ON pages_text (date DESC, source);

CREATE VIRTUAL TABLE pages_fts USING fts5(
  text,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

CREATE TRIGGER pages_text_deleted AFTER DELETE ON pages_text BEGIN
  DELETE FROM pages_fts WHERE rowid = old.id;
END;
`;
