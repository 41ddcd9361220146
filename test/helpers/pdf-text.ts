import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextContent } from '../../renderer/viewer/text-lines.ts';

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** The text items of every page, as pdf.js reads them, with their positions. */
export async function readTextItems(bytes: Uint8Array): Promise<TextItem[][]> {
  const task = getDocument({ data: bytes.slice(), verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: TextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(
        content.items
          .filter((item) => 'str' in item && item.str.trim() !== '')
          .map((item) => {
            const { str, transform, width } = item as {
              str: string;
              transform: number[];
              width: number;
            };
            return { str, x: transform[4]!, y: transform[5]!, width };
          }),
      );
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Every page's text content as pdf.js gives it to a text layer (marked content included). */
export async function readTextContent(bytes: Uint8Array): Promise<TextContent[]> {
  const task = getDocument({ data: bytes.slice(), verbosity: 0 });
  try {
    const doc = await task.promise;
    const pages: TextContent[] = [];
    for (let n = 1; n <= doc.numPages; n++)
      pages.push(
        await (await doc.getPage(n)).getTextContent({
          includeMarkedContent: true,
          disableNormalization: true,
        }),
      );
    return pages;
  } finally {
    await task.destroy();
  }
}
