/**
 * The renderer's build, used by `npm run build:renderer` and by electron-vite.
 * Copies pdf.js's resources (main/common/pdfjs-resources.ts) next to the app
 * (scanned, CMYK and non-embedded-font pages need them) and writes the one content
 * security policy into index.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../main/common/csp.ts';
import { PDFJS_RESOURCE_DIRS } from '../main/common/pdfjs-resources.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const pdfjsRoot = path.resolve(here, '../node_modules/pdfjs-dist');

function pdfjsAssets(): Plugin {
  let outDir = '';
  return {
    name: 'paperboy-pdfjs-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      for (const folder of PDFJS_RESOURCE_DIRS) {
        fs.cpSync(path.join(pdfjsRoot, folder), path.join(outDir, 'pdfjs', folder), {
          recursive: true,
        });
      }
    },
  };
}

function contentSecurityPolicy(): Plugin {
  // frame-ancestors is ignored in a <meta> policy; the shells send it as a header.
  const meta = CONTENT_SECURITY_POLICY.split('; ')
    .filter((rule) => !rule.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'paperboy-csp',
    transformIndexHtml: (html) => html.replace('__PAPERBOY_CSP__', meta),
  };
}

export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [pdfjsAssets(), contentSecurityPolicy()],
  build: {
    outDir: path.resolve(here, '../out/renderer'),
    emptyOutDir: true,
    target: 'es2023',
    chunkSizeWarningLimit: 2048,
  },
};

export default defineConfig(rendererConfig);
