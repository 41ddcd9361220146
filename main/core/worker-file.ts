/**
 * A worker thread's entry file, named beside the module that starts it: the
 * `.ts` source when the core runs from its sources, the `.js` file electron-vite
 * builds beside the bundle (out/main, see electron.vite.config.ts) in the app.
 * `from` is the caller's `import.meta.url`, which in the bundle is the bundle's.
 */
export function workerFile(name: string, from: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}
