/**
 * The folder says what code may import (CONVENTIONS.md):
 *   main/common   plain TS: no node:, no DOM, no electron
 *   main/core     Node, never electron
 *   main/headless Node, never electron
 *   main/node     Node helpers with no domain: Node only, no other layer
 *   renderer      the DOM; from main only `import type`, or code from main/common
 *                 modules that bring no package with them, directly or not (no
 *                 schemas bundled)
 *   main/headless, main/electron
 *                 from main/core only the door (services.ts), and paths/clock
 *   nothing imports main/electron
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { REPO } from './helpers/paths.ts';

interface Import {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

async function importsUnder(dir: string): Promise<Import[]> {
  const found: Import[] = [];
  for (const entry of await fs.readdir(path.join(REPO, dir), {
    recursive: true,
    withFileTypes: true,
  })) {
    if (!entry.isFile() || !/\.(ts|mts|js|mjs)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = await fs.readFile(file, 'utf8');
    const pattern =
      /\b(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
    for (const match of text.matchAll(pattern)) {
      const specifier = match[3] ?? match[4] ?? match[5]!;
      found.push({ file: path.relative(REPO, file), specifier, typeOnly: Boolean(match[2]) });
    }
  }
  return found;
}

function resolvesInto(from: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.relative(REPO, path.resolve(REPO, path.dirname(from), specifier));
  return target === folder || target.startsWith(`${folder}/`);
}

test('nothing under main/core, main/common, main/node, main/headless or renderer imports electron', async () => {
  for (const dir of ['main/core', 'main/common', 'main/node', 'main/headless', 'renderer']) {
    const offenders = (await importsUnder(dir)).filter(
      (i) => i.specifier === 'electron' || i.specifier.startsWith('electron/'),
    );
    assert.deepEqual(offenders, [], `${dir} must not import electron`);
  }
});

test('main/common is plain TypeScript: no node: modules, no other layer', async () => {
  const offenders = (await importsUnder('main/common')).filter(
    (i) =>
      i.specifier.startsWith('node:') ||
      (i.specifier.startsWith('.') && !resolvesInto(i.file, i.specifier, 'main/common')),
  );
  assert.deepEqual(offenders, []);
});

test('main/core never reaches into the shells', async () => {
  const offenders = (await importsUnder('main/core')).filter(
    (i) =>
      resolvesInto(i.file, i.specifier, 'main/headless') ||
      resolvesInto(i.file, i.specifier, 'main/electron') ||
      resolvesInto(i.file, i.specifier, 'renderer'),
  );
  assert.deepEqual(offenders, []);
});

test('the renderer takes only types from main, or code that brings no package with it', async () => {
  const common = await importsUnder('main/common');
  /** Whether a main/common module's code imports a package, itself or through another module. */
  const bringsPackage = (file: string, seen = new Set<string>()): boolean => {
    if (seen.has(file)) return false;
    seen.add(file);
    return common
      .filter((i) => i.file === file && !i.typeOnly)
      .some((i) =>
        i.specifier.startsWith('.')
          ? bringsPackage(
              path.relative(REPO, path.resolve(REPO, path.dirname(file), i.specifier)),
              seen,
            )
          : true,
      );
  };
  const offenders = (await importsUnder('renderer')).filter((i) => {
    if (!resolvesInto(i.file, i.specifier, 'main') || i.typeOnly) return false;
    if (i.file.endsWith('vite.config.ts')) return false;
    const target = path.relative(REPO, path.resolve(REPO, path.dirname(i.file), i.specifier));
    return !(target.startsWith('main/common/') && !bringsPackage(target));
  });
  assert.deepEqual(offenders, []);
});

test('the shells enter the core by one door: services.ts (and paths.ts, clock.ts)', async () => {
  const door = new Set(['main/core/services.ts', 'main/core/paths.ts', 'main/core/clock.ts']);
  for (const dir of ['main/headless', 'main/electron']) {
    const imports = await importsUnder(dir);
    const offenders = imports.filter((i) => {
      if (!resolvesInto(i.file, i.specifier, 'main/core')) return false;
      const target = path.relative(REPO, path.resolve(REPO, path.dirname(i.file), i.specifier));
      return !door.has(target);
    });
    assert.deepEqual(offenders, [], dir);
    // Guards the guard: each shell does use the door.
    assert.ok(
      imports.some((i) => i.specifier.endsWith('core/services.ts')),
      dir,
    );
  }
});

test('main/node is Node helpers only: it imports no other layer', async () => {
  const offenders = (await importsUnder('main/node')).filter(
    (i) => i.specifier.startsWith('.') && !resolvesInto(i.file, i.specifier, 'main/node'),
  );
  assert.deepEqual(offenders, []);
});

test('nothing imports main/electron', async () => {
  for (const dir of [
    'main/common',
    'main/core',
    'main/headless',
    'main/preload',
    'renderer',
    'test',
  ]) {
    const offenders = (await importsUnder(dir)).filter((i) =>
      resolvesInto(i.file, i.specifier, 'main/electron'),
    );
    assert.deepEqual(offenders, [], dir);
  }
});

test('the rule sees an electron import where there is one', async () => {
  // Guards the guard: the desktop shell does import electron, and the scan must find it.
  const electronImports = (await importsUnder('main/electron')).filter(
    (i) => i.specifier === 'electron',
  );
  assert.ok(electronImports.length > 0);
});

/** The package an import names (`@scope/name` or `name`), or undefined for files and node: modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/'))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

test('each layer takes only the packages it may: common zod, the renderer pdf.js, settings engines only in their shells', async () => {
  const allowed: [string, (pkg: string, file: string) => boolean][] = [
    ['main/common', (pkg) => pkg === 'zod'],
    [
      'renderer',
      (pkg, file) => pkg === 'pdfjs-dist' || (file.endsWith('vite.config.ts') && pkg === 'vite'),
    ],
    ['main/core', (pkg) => !['electron-store', 'conf', 'playwright-core', 'vite'].includes(pkg)],
    ['main/headless', (pkg) => !['electron-store', 'playwright-core', 'vite'].includes(pkg)],
    ['main/electron', (pkg) => !['conf', 'playwright-core', 'vite'].includes(pkg)],
  ];
  for (const [dir, may] of allowed) {
    const offenders = (await importsUnder(dir)).filter((i) => {
      const pkg = packageOf(i.specifier);
      return pkg !== undefined && !i.typeOnly && !may(pkg, i.file);
    });
    assert.deepEqual(offenders, [], dir);
  }
});

test('the preload takes electron and the contract types from main/common, nothing else', async () => {
  const offenders = (await importsUnder('main/preload')).filter(
    (i) =>
      i.specifier !== 'electron' &&
      !(
        resolvesInto(i.file, i.specifier, 'main/common') &&
        (i.typeOnly || /bridge\.ts$/.test(i.specifier))
      ),
  );
  assert.deepEqual(offenders, []);
});

test("main/core's folders import one another in one direction: no two folders import each other, however far round", async () => {
  const edges = new Map<string, Set<string>>();
  for (const i of await importsUnder('main/core')) {
    if (!i.specifier.startsWith('.')) continue;
    const from = path.relative(`${REPO}main/core`, path.join(REPO, i.file)).split(path.sep);
    const to = path
      .relative(`${REPO}main/core`, path.resolve(REPO, path.dirname(i.file), i.specifier))
      .split(path.sep);
    // Files at the top of main/core (the door, the clock, dates) are shared by every folder.
    if (from.length < 2 || to.length < 2 || to[0] === '..' || from[0] === to[0]) continue;
    edges.set(from[0]!, (edges.get(from[0]!) ?? new Set()).add(to[0]!));
  }
  const cycles: string[] = [];
  const visit = (folder: string, trail: string[]) => {
    if (trail.includes(folder)) {
      cycles.push([...trail.slice(trail.indexOf(folder)), folder].join(' → '));
      return;
    }
    for (const next of edges.get(folder) ?? []) visit(next, [...trail, folder]);
  };
  for (const folder of edges.keys()) visit(folder, []);
  assert.deepEqual([...new Set(cycles)], []);
  // Guards the guard: the folders do import one another.
  assert.ok(edges.get('text')?.has('pdf'));
});
