/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai) and
 * scripts with complex shaping (Devanagari, Kannada, …) are not split into
 * words by unicode61: pages with such text also go into a trigram index,
 * which finds any substring (the page's text is kept there, so strings shorter
 * than three characters are found too, by scanning just these pages).
 */
export const sql = `
CREATE VIRTUAL TABLE pages_trigram USING fts5(
  text,
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER pages_text_deleted_trigram AFTER DELETE ON pages_text BEGIN
  DELETE FROM pages_trigram WHERE rowid = old.id;
END;
`;
