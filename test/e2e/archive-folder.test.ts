/**
 * Another archive folder from the settings, as the desktop app does it: the
 * folder comes from the shell's folder dialog (here a stand-in answering as the
 * OS's would: a folder, or nothing when it is closed), never from the page; a
 * folder that cannot be the archive is refused in the status line; a good one is
 * saved and the shell restarts. A browser on `serve` has no dialog: no button.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { memorySettings } from '../../main/common/settings.ts';
import { RENDERER_DIR } from '../../main/headless/repo-paths.ts';
import { type RunningServer, startServer } from '../../main/headless/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { importEdition } from '../helpers/editions.ts';
import { REPO } from '../helpers/paths.ts';
import { openServices } from '../helpers/services.ts';
import { tempDir } from '../helpers/temp.ts';
import { watchedPage } from './watched-page.ts';

const SHOTS = `${REPO}test-results/e2e/`;
const settings = memorySettings();
/** What the folder dialog answers next. */
let chosen: string | undefined;
let restarts = 0;
let browser: Browser;
let server: RunningServer;
let archive: string;
after(() => server?.close());

before(async () => {
  archive = await tempDir('archive-');
  const core = await openServices(archive, {
    settings,
    relocation: { choose: async () => chosen, restart: () => restarts++ },
  });
  await importEdition(core, 'morning-post', {
    seed: 8,
    title: 'Morning Post',
    date: '2025-11-05',
    pages: 2,
  });
  server = await startServer({ services: core, port: 0, rendererDir: RENDERER_DIR });
  browser = await launchBrowser();
  await fs.mkdir(SHOTS, { recursive: true });
});

test('settings: the archive moves to a folder picked in the dialog, and refuses one it cannot use', async () => {
  const { page, problems } = await watchedPage(browser, { height: 900 });
  await page.goto(`${server.url}#/settings`);
  const group = page.getByRole('region', { name: 'Archive' });
  await group.getByText(archive).waitFor();
  const status = group.getByRole('status');
  const another = group.getByRole('button', { name: 'Use another folder…' });
  const relocate = async () => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/archive.relocate'));
    await another.click();
    return (await answered).status();
  };

  // The dialog closed without a folder: nothing changes, nothing is said.
  chosen = undefined;
  assert.equal(await relocate(), 200);
  assert.equal(await status.textContent(), '');
  // A folder of other things is refused, in one line.
  chosen = await tempDir('documents-');
  await fs.writeFile(path.join(chosen, 'letter.txt'), 'Dear Sir');
  assert.equal(await relocate(), 400);
  await status.getByText(/holds other things/).waitFor();
  assert.equal(settings.get('archiveDir'), undefined);
  assert.equal(restarts, 0);

  chosen = await tempDir('elsewhere-');
  assert.equal(await relocate(), 200);
  await status.getByText(`Starting again on a new archive in ${chosen}…`).waitFor();
  assert.equal(settings.get('archiveDir'), chosen);
  assert.equal(restarts, 1);
  await page.screenshot({ path: `${SHOTS}settings-archive-folder.png` });
  // The browser logs the refused call's 400; nothing else went wrong.
  assert.deepEqual(
    problems.filter((p) => !/status of 400/.test(p)),
    [],
  );
  await page.close();
});
