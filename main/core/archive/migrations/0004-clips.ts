/**
 * Clips: regions of pages kept with their text, a note and tags, searchable
 * (an external-content FTS5 index kept in step by triggers). The files under
 * <archive>/clips/ (JSON and PNG) are the truth; these rows are rebuilt from
 * them when the catalog is.
 */
export const sql = `
CREATE TABLE clips (
  n       INTEGER PRIMARY KEY,
  id      TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL,
  title   TEXT NOT NULL,
  edition TEXT NOT NULL,
  source  TEXT NOT NULL,
  date    TEXT NOT NULL,
  page    INTEGER NOT NULL,
  rects   TEXT NOT NULL,
  dpi     INTEGER NOT NULL,
  text    TEXT NOT NULL,
  note    TEXT NOT NULL,
  tags    TEXT NOT NULL,
  link    TEXT
) STRICT;

CREATE INDEX clips_by_created ON clips (created DESC);

CREATE VIRTUAL TABLE clips_fts USING fts5(
  title, text, note, tags,
  content = 'clips',
  content_rowid = 'n',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER clips_added AFTER INSERT ON clips BEGIN
  INSERT INTO clips_fts (rowid, title, text, note, tags)
  VALUES (new.n, new.title, new.text, new.note, new.tags);
END;

CREATE TRIGGER clips_removed AFTER DELETE ON clips BEGIN
  INSERT INTO clips_fts (clips_fts, rowid, title, text, note, tags)
  VALUES ('delete', old.n, old.title, old.text, old.note, old.tags);
END;

CREATE TRIGGER clips_changed AFTER UPDATE ON clips BEGIN
  INSERT INTO clips_fts (clips_fts, rowid, title, text, note, tags)
  VALUES ('delete', old.n, old.title, old.text, old.note, old.tags);
  INSERT INTO clips_fts (rowid, title, text, note, tags)
  VALUES (new.n, new.title, new.text, new.note, new.tags);
END;
`;
