/**
 * electron-builder cannot package here (it downloads Electron), so its
 * configuration is checked by its own schema, as `npm run dist` would first,
 * and the security fuses the app ships with are the ones Electron's checklist asks for.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { REPO } from './helpers/paths.ts';

const require = createRequire(import.meta.url);

test("electron-builder.yml passes electron-builder's own schema, with the security fuses set", async () => {
  const { load } = require('js-yaml') as { load: (text: string) => Record<string, unknown> };
  const config = load(await fs.readFile(`${REPO}electron-builder.yml`, 'utf8'));
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
  };
  // electron-builder's own validation, from its core package (app-builder-lib).
  const logger = { isEnabled: false, add() {} };
  await validateConfiguration(config, logger);
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
  // A misspelt option is refused, so the check above is a real one.
  await assert.rejects(validateConfiguration({ ...config, electronFuse: {} }, logger));
});
