/**
 * electron-vite builds the three parts into out/: main (ESM), preload (CommonJS,
 * as sandboxed preloads must be) and the renderer (renderer/vite.config.ts).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config.ts';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // pdf-worker runs pdf.js in worker threads; PdfPool finds it beside index.js.
      rolldownOptions: {
        input: {
          index: resolve('main/electron/index.ts'),
          'pdf-worker': resolve('main/core/pdf/pdf-worker.ts'),
          // html-worker reads saved web pages (clippings) off the main thread.
          'html-worker': resolve('main/core/clips/html-worker.ts'),
          // search-worker answers searches from its own connection to the catalog.
          'search-worker': resolve('main/core/text/search-worker.ts'),
          // part-reader walks parts of the word index for the search worker, several at once.
          'part-reader': resolve('main/core/archive/part-reader.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rolldownOptions: { input: resolve('renderer/index.html') } },
  },
});
