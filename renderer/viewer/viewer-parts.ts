/**
 * What the stage and the document cache need of pdf.js at run time, in one
 * chunk loaded only when a page is first wanted (loadViewer): pdf.js and its
 * viewer components are most of the app's script (evaluating pdf.js alone took
 * 185–290 ms in a fresh tab here), and neither the library nor a page's preview
 * waits for them.
 */
export { pdfjsLib, viewer } from './pdfjs.ts';
export { isDrawn, pageViews, RenderBudget } from './render-budget.ts';
export { RenderSchedule } from './render-schedule.ts';
export { TextLayers } from './text-layers.ts';
