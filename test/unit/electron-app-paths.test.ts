import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellLayout, storePathFor, userDataDir } from '../../electron/main/app-paths.js';
import { defaultUserDataDir } from '../../electron/engine/store/paths.js';

describe('shell paths', () => {
  it('finds the preload, the engine host and the renderer from the compiled main', () => {
    const layout = shellLayout('/app/build/electron/electron/main', '/app');
    expect(layout).toEqual({
      preload: path.join('/app/build/electron/electron/preload/preload.js'),
      engineHost: path.join('/app/build/electron/electron/engine/utility-host.js'),
      rendererRoot: path.join('/app/dist/renderer'),
    });
  });

  it('opens baseline.db, or demo.db with --demo, in userData', () => {
    expect(storePathFor('/u', ['electron', '.'])).toBe(path.join('/u', 'baseline.db'));
    expect(storePathFor('/u', ['app.exe', '--demo'])).toBe(path.join('/u', 'demo.db'));
  });

  it('uses the same userData folder as the CLI', () => {
    const env = { XDG_CONFIG_HOME: '/home/a/.config', APPDATA: 'C:\\Users\\a\\AppData\\Roaming' };
    const appData = process.platform === 'win32' ? env.APPDATA : process.platform === 'darwin' ? path.join(homedir(), 'Library', 'Application Support') : env.XDG_CONFIG_HOME;
    expect(userDataDir(appData, env)).toBe(defaultUserDataDir(env));
    expect(userDataDir(appData, { BASELINE_HOME: '/portable/bw' })).toBe('/portable/bw');
  });
});
