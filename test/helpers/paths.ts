import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/**
 * The shared folder that sits beside the repository (fixtures from outside the
 * project): only the real-pages suite (test/real/) reads it.
 */
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const REAL_PDFS = {
  ocr: `${SHARED}fixtures/real/oregon-city-enterprise_1904-12-30_p1.pdf`,
  scan: `${SHARED}fixtures/real/liverpool-echo_1886-11-01_p01.pdf`,
};
/** The seed clipping (shared/fixtures/clippings/seoul-security-ministers.txt), as the app ships it. */
export const CLIPPING = `${REPO}resources/sample/seoul-security-ministers.txt`;
