/** A clip of a story that jumps keeps its other parts (pages and regions) beside the first's. */
export const sql = `
ALTER TABLE clips ADD COLUMN more TEXT;
`;
