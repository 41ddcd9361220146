import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { onCleanup } from './cleanup.ts';
import { runCli } from './cli.ts';
import { REPO } from './paths.ts';
import { tempDir } from './temp.ts';

/** Chromium for this test file, closed when the file ends. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  onCleanup(() => browser.close());
  return browser;
}

/** Starts the real `paperboy serve` on port 0 and resolves with its URL once it listens. */
export async function startServe(
  archive: string,
  env: Record<string, string>,
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    // OCR of the real scans would take the test machine's cores for minutes; it has its own tests.
    [
      `${REPO}bin/paperboy.js`,
      'serve',
      '--archive',
      archive,
      '--port',
      '0',
      '--json',
      '--no-ocr',
      ...extra,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  onCleanup(async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`paperboy serve exited with ${code}: ${stderr}`);
  });
  const listening = once(child.stdout!, 'data').then(
    ([line]) => JSON.parse(String(line)).url as string,
  );
  const url = await Promise.race([listening, exited]);
  return { url, child };
}

/**
 * A new archive with each of `inputs` (files or folders) imported by the CLI, as a
 * user would, then served by `paperboy serve`; resolves with its URL.
 */
export async function serveImported(inputs: string[]): Promise<{ url: string }> {
  const env = { PAPERBOY_CONFIG_DIR: await tempDir('config-') };
  const archive = await tempDir('archive-');
  for (const input of inputs) {
    const result = await runCli(['import', input, '--archive', archive], env);
    assert.equal(result.code, 0, result.stderr);
  }
  const { url } = await startServe(archive, env);
  return { url };
}
