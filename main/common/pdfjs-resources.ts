/**
 * What every pdf.js in Paperboy is given — the reader's in the browser and the
 * core's in its PDF workers — so a page draws the same everywhere: packed cMaps
 * (CJK text), the standard fonts (pages that do not embed Times or Helvetica
 * draw with pdf.js's own, not with whatever the machine has), the WebAssembly
 * decoders (JPEG 2000 and JBIG2 scans) and the ICC profiles (CMYK photos).
 * Each is a folder of the pdfjs-dist package; a shell says where that is.
 */

/** The folders of pdfjs-dist that pdf.js loads at run time; the renderer's build copies them. */
export const PDFJS_RESOURCE_DIRS = ['cmaps', 'standard_fonts', 'wasm', 'iccs'] as const;

export interface PdfjsResources {
  cMapUrl: string;
  cMapPacked: true;
  standardFontDataUrl: string;
  wasmUrl: string;
  iccUrl: string;
}

/** The options for `getDocument`, from the folder (a URL or a path, ending in "/") holding them. */
export function pdfjsResources(base: string): PdfjsResources {
  const root = base.endsWith('/') ? base : `${base}/`;
  return {
    cMapUrl: `${root}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${root}standard_fonts/`,
    wasmUrl: `${root}wasm/`,
    iccUrl: `${root}iccs/`,
  };
}
