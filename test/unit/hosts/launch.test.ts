/** `npm start` without the Electron binary (offline installs, CI): one clear sentence, no stack trace. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../../helpers/paths';

describe('main/launch.mjs', () => {
  it('without the Electron runtime prints one sentence pointing to npm run serve and exits non-zero', () => {
    const { dir, cleanup } = tempDir('vigil-launch-');
    try {
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'main', 'launch.mjs')], {
        cwd: dir,
        encoding: 'utf8',
        // Points the electron package at a folder with no binary, so the test holds even where Electron is installed.
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron-here') },
        timeout: 60_000,
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr.trim()).toBe(
        'The Electron runtime is not installed on this machine (offline install); run `npm run serve` to use Vigil in your browser.',
      );
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
      expect(r.stdout).toBe('');
    } finally {
      cleanup();
    }
  });
});
