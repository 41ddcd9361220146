/**
 * The index's vocabulary with each term's document count (fts5vocab), so the
 * clip linker can pick a clipping's rarest words to find candidate pages.
 */
export const sql = `
CREATE VIRTUAL TABLE pages_vocab USING fts5vocab(pages_fts, 'row');
`;
