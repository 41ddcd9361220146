/**
 * What a search checks and shows of each page it finds — its edition, page,
 * paper and date — kept in a narrow index of its own, by row id. A page's row
 * holds its positioned words too, a few tens of kilobytes, so thousands of rows
 * read for a search's filter are thousands of pages scattered over the file;
 * with the OS's cache cold, those reads were most of a search's time.
 */
export const sql = `
CREATE INDEX pages_text_meta ON pages_text (id, date, source, edition, page);
`;
