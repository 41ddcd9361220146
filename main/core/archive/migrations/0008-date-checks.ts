/** An edition whose date was guessed says why, so the library can ask the reader to confirm it. */
export const sql = `
ALTER TABLE editions ADD COLUMN date_check TEXT;
`;
