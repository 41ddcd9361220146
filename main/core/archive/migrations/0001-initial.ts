/** The first catalog: sources and editions. The edition.json text is kept whole in `manifest`. */
export const sql = `
CREATE TABLE sources (
  id   TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL
) STRICT;

CREATE TABLE editions (
  id          TEXT PRIMARY KEY,
  source      TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  date        TEXT NOT NULL,
  edition     TEXT,
  title       TEXT NOT NULL,
  pages       INTEGER NOT NULL,
  bytes       INTEGER NOT NULL,
  sample      INTEGER NOT NULL,
  aspect      REAL NOT NULL,
  cover_file  TEXT NOT NULL,
  cover_index INTEGER NOT NULL,
  dir         TEXT NOT NULL,
  manifest    TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;

CREATE INDEX editions_by_date ON editions (date DESC, source);
CREATE INDEX editions_by_source ON editions (source, date DESC);
`;
