#!/usr/bin/env node
// The `paperboy` command. The CLI is TypeScript run by Node's type stripping,
// which needs Node 22.18 or newer (the project pins Node 24 through its `node` devDependency).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `paperboy: needs Node 22.18 or newer (this is ${process.version}); run it through npx or npm.\n`,
  );
  process.exit(1);
}
// Compiled modules are cached on disk (Node's compile cache, in the OS temp folder), so
// every later run — a cron `paperboy fetch`, a `paperboy search` — starts faster.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { main } = await import('../main/headless/cli.ts');
await main();
