import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

const eslint = new ESLint({ cwd: REPO });

async function errors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO}/${filePath}` });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
}

const windowWith = (prefs: string): string => `
import { BrowserWindow } from 'electron';
export const w = new BrowserWindow({ webPreferences: { ${prefs}, preload: '/p.js' } });
`;

describe('the hardening gate in CI (eslint)', () => {
  it('passes the safe window options', async () => {
    expect(await errors(windowWith('contextIsolation: true, sandbox: true, nodeIntegration: false'), 'electron/main/window.ts')).toEqual([]);
  });

  it.each([
    ['nodeIntegration: true'],
    ['contextIsolation: false'],
    ['sandbox: false'],
    ['webSecurity: false'],
    ['allowRunningInsecureContent: true'],
    ['webviewTag: true'],
  ])('fails on %s', async (pref) => {
    const found = await errors(windowWith(pref), 'electron/main/window.ts');
    expect(found.join('\n')).toMatch(/Electron hardening/);
  });

  it('fails on innerHTML, non-literal RegExp, shell.openExternal and electron outside main/preload', async () => {
    expect((await errors('export const f = (el: HTMLElement, s: string) => { el.innerHTML = `<b>${s}</b>`; };', 'renderer/src/x.ts')).length).toBeGreaterThan(0);
    expect((await errors('export const r = (s: string) => new RegExp(s);', 'electron/engine/x.ts')).length).toBeGreaterThan(0);
    expect((await errors("import { shell } from 'electron';\nexport const o = () => shell.openExternal('https://x');", 'electron/main/x.ts')).join()).toMatch(/openExternal/);
    expect((await errors("import { app } from 'electron';\nexport const a = app;", 'electron/engine/x.ts')).join()).toMatch(/Only electron\/main/);
    expect((await errors("import { ipcMain } from 'electron';\nexport const a = ipcMain;", 'electron/main/other.ts')).join()).toMatch(/ipc\.ts/);
  });
});
