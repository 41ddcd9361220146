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
const { main } = await import('../main/headless/cli.ts');
await main();
