/**
 * Loads pdf.js and the viewer's parts (viewer-parts.ts) once, as a chunk of their
 * own: modules that import this do not pull pdf.js into the app's first script.
 */
export type ViewerParts = typeof import('./viewer-parts.ts');

let loading: Promise<ViewerParts> | undefined;

/** pdf.js and the viewer's parts; the first call starts loading them. */
export function loadViewer(): Promise<ViewerParts> {
  loading ??= import('./viewer-parts.ts');
  return loading;
}
