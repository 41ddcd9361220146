/**
 * Moving to another archive folder (`archive.relocate`): which folders may be the
 * archive, the folder saved in the settings and the shell told to restart, the
 * archive left behind untouched, and no move where the shell has no folder dialog.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { memorySettings } from '../../../main/common/settings.ts';
import { checkArchiveFolder } from '../../../main/core/archive/archive-folder.ts';
import { archiveDir } from '../../../main/core/paths.ts';
import { importEdition } from '../../helpers/editions.ts';
import { openServices, type TestServiceOptions } from '../../helpers/services.ts';
import { snapshot, tempDir } from '../../helpers/temp.ts';

/** An archive holding one edition of the Morning Post. */
async function withEdition(options: TestServiceOptions = {}) {
  const archive = await tempDir('archive-');
  const core = await openServices(archive, options);
  await importEdition(core, 'morning-post', {
    seed: 4,
    title: 'Morning Post',
    date: '2025-11-03',
    pages: 2,
  });
  return { archive, core };
}

describe('which folder can be the archive', () => {
  test('its own, an empty one, one still to be made, or one that holds an archive', async () => {
    const { archive } = await withEdition();
    assert.equal(await checkArchiveFolder(archive, archive), 'current');
    assert.equal(await checkArchiveFolder(`${archive}/`, archive), 'current');
    assert.equal(await checkArchiveFolder(await tempDir(), archive), 'new');
    const hiddenOnly = await tempDir();
    await fs.writeFile(path.join(hiddenOnly, '.DS_Store'), '');
    assert.equal(await checkArchiveFolder(hiddenOnly, archive), 'new');
    const toMake = path.join(await tempDir(), 'papers', 'archive');
    assert.equal(await checkArchiveFolder(toMake, archive), 'new');
    assert.ok((await fs.stat(toMake)).isDirectory());
    // Another Paperboy archive: its state folder, or only its editions (copied without it).
    const other = await withEdition();
    assert.equal(await checkArchiveFolder(other.archive, archive), 'existing');
    const copied = await tempDir();
    await fs.cp(path.join(other.archive, 'morning-post'), path.join(copied, 'morning-post'), {
      recursive: true,
    });
    assert.equal(await checkArchiveFolder(copied, archive), 'existing');
  });

  test('not a folder of other things, a file, the archive inside or around it, or a relative path', async () => {
    const { archive } = await withEdition();
    const documents = await tempDir();
    await fs.writeFile(path.join(documents, 'letter.txt'), 'Dear Sir');
    await fs.mkdir(path.join(documents, 'photos'));
    await assert.rejects(checkArchiveFolder(documents, archive), {
      code: 'invalid',
      message: /holds other things/,
    });
    await assert.rejects(checkArchiveFolder(path.join(documents, 'letter.txt'), archive), {
      message: /^Not a folder/,
    });
    await assert.rejects(checkArchiveFolder(path.join(archive, 'morning-post'), archive), {
      message: /inside the archive/,
    });
    await assert.rejects(checkArchiveFolder(path.dirname(archive), archive), {
      message: /holds the archive/,
    });
    await assert.rejects(checkArchiveFolder('Paperboy', archive), { message: /^Not a full path/ });
  });
});

describe('archive.relocate', () => {
  test('a chosen folder is saved, the shell restarts, and the archive left behind is as it was', async () => {
    const settings = memorySettings();
    let chosen: string | undefined;
    let restart!: () => void;
    const restarted = new Promise<void>((resolve) => {
      restart = resolve;
    });
    const { archive, core } = await withEdition({
      settings,
      relocation: { choose: async () => chosen, restart },
    });
    const info = await core.api.call('archive.info', {});
    assert.equal(info.relocatable, true);
    assert.equal(info.defaultRoot, false);

    // The dialog closed without a folder; the archive's own folder; a folder of other things.
    assert.deepEqual(await core.api.call('archive.relocate', { to: 'chosen' }), {
      outcome: 'cancelled',
    });
    chosen = archive;
    assert.deepEqual(await core.api.call('archive.relocate', { to: 'chosen' }), {
      outcome: 'unchanged',
      folder: archive,
    });
    chosen = await tempDir();
    await fs.writeFile(path.join(chosen, 'notes.txt'), 'mine');
    await assert.rejects(core.api.call('archive.relocate', { to: 'chosen' }), {
      code: 'invalid',
    });
    assert.equal(settings.get('archiveDir'), undefined);

    const before = await snapshot(archive);
    chosen = await tempDir('elsewhere-');
    assert.deepEqual(await core.api.call('archive.relocate', { to: 'chosen' }), {
      outcome: 'restarting',
      folder: chosen,
      archive: 'new',
    });
    await restarted;
    assert.equal(settings.get('archiveDir'), chosen);
    // Started again, the shell opens the folder saved: a new, empty archive.
    const next = await openServices(archiveDir(undefined, settings.get('archiveDir')));
    assert.equal(next.archive.root, chosen);
    assert.equal((await next.api.call('archive.info', {})).editions, 0);
    assert.deepEqual(
      (await snapshot(archive)).filter((f) => f.startsWith('morning-post')),
      before.filter((f) => f.startsWith('morning-post')),
    );
  });

  test('the default folder is ~/Paperboy', async () => {
    const home = process.env.HOME;
    process.env.HOME = await tempDir('home-');
    try {
      const settings = memorySettings();
      let restarts = 0;
      const core = await openServices(await tempDir('archive-'), {
        settings,
        relocation: { choose: async () => undefined, restart: () => restarts++ },
      });
      const answer = await core.api.call('archive.relocate', { to: 'default' });
      assert.deepEqual(answer, {
        outcome: 'restarting',
        folder: path.join(process.env.HOME, 'Paperboy'),
        archive: 'new',
      });
      assert.equal(settings.get('archiveDir'), path.join(process.env.HOME, 'Paperboy'));
    } finally {
      process.env.HOME = home;
    }
  });

  test('refused where the shell has no folder dialog (serve, the CLI)', async () => {
    const core = await openServices(await tempDir('archive-'));
    assert.equal((await core.api.call('archive.info', {})).relocatable, false);
    await assert.rejects(core.api.call('archive.relocate', { to: 'default' }), {
      code: 'forbidden',
      message: /chosen in the desktop app/,
    });
  });
});
