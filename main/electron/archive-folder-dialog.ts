/**
 * The OS's folder dialog, for moving the archive (`archive.relocate`): the path
 * comes from the reader's choice in the main process, never from the page.
 */
import path from 'node:path';
import { type BrowserWindow, dialog, type OpenDialogOptions } from 'electron';

export async function chooseArchiveFolder(
  parent: BrowserWindow | undefined,
  current: string,
): Promise<string | undefined> {
  const options: OpenDialogOptions = {
    title: 'Choose the archive folder',
    buttonLabel: 'Use this folder',
    defaultPath: path.dirname(current),
    // A new folder can be made in the dialog (macOS), or named to be made (Windows).
    properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
  };
  const { canceled, filePaths } =
    parent && !parent.isDestroyed()
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
  return canceled ? undefined : filePaths[0];
}
