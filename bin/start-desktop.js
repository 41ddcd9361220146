#!/usr/bin/env node
// `npm start`: launches the desktop app with Electron's own binary, as `electron .`
// does (the path the `electron` package gives, the app folder as its argument).
// Where that binary cannot be had — it is downloaded once, the first time, and
// this machine may be offline — it says so in one paragraph instead of a stack trace.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('..', import.meta.url));
let binary;
try {
  binary = createRequire(import.meta.url)('electron');
} catch (error) {
  process.stderr.write(
    `\npaperboy: the desktop app could not start: Electron's program is not on this machine, and downloading it failed (${error.message.split('\n')[0]}). It is fetched once, the first time, from the internet: run npm start again when online, or point ELECTRON_MIRROR at a mirror you can reach, or put Electron's zip in its download cache (electron_config_cache), then delete node_modules/electron and run npm install. Meanwhile the same app runs in any browser: npx paperboy serve, then open the address it prints.\n\n`,
  );
  process.exit(1);
}
const child = spawn(binary, [app, ...process.argv.slice(2)], {
  stdio: 'inherit',
  windowsHide: false,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
