/** Where the headless shell finds the repository's files when run from it. */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RESOURCES_DIR = `${REPO_ROOT}resources`;
export const RENDERER_DIR = `${REPO_ROOT}out/renderer`;
