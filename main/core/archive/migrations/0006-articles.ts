/**
 * A page's articles (articles/segment-page.ts), kept with its text: found once
 * when the page is indexed, and found again when the segmenter's version
 * changes or the page's words do (OCR).
 */
export const sql = `
ALTER TABLE pages_text ADD COLUMN articles TEXT;
ALTER TABLE pages_text ADD COLUMN articles_version INTEGER;
`;
