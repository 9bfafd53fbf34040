// The app's doors go through the engine as the CLI's do: the unlock screen counts failures in the
// key file and makes repeated guesses wait (the same sign-in as the CLI), and an export to a typed
// path is checked first, so the app can ask "Replace it?" about an earlier export only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for the app doors';

afterEach(() => {
  vi.useRealTimers();
});

describe('unlocking in the app', () => {
  it('audits the sign-in with the failures before it, and repeated failures wait longer each time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-01T10:00:00Z'));
    const db = join(tempDir(), 'x.db');
    Store.create(db, PASS, 'ann').close();
    const engine = createEngine({ storePath: db, host: 'browser', version: 't' });
    try {
      for (let i = 0; i < 3; i++) expect(await engine.invoke('store:unlock', { passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { kind: 'wrong-passphrase', message: /Wrong passphrase/ } });
      // The count survives the app: it is in the key file, where the CLI reads it too.
      expect(JSON.parse(readFileSync(`${db}.keys`, 'utf8')).signInFailures).toMatchObject({ count: 3 });
      // The fourth attempt waits, even with the right passphrase.
      expect(await engine.invoke('store:unlock', { passphrase: PASS })).toMatchObject({ ok: false, error: { message: /3 wrong passphrases in a row .*wait 2 seconds/ } });
      vi.setSystemTime(Date.now() + 2_000);
      expect(await engine.invoke('store:unlock', { passphrase: 'still not it' })).toMatchObject({ ok: false, error: { message: /Wrong passphrase/ } });
      // Longer each time: four failures wait 4 seconds.
      vi.setSystemTime(Date.now() + 3_000);
      expect(await engine.invoke('store:unlock', { passphrase: PASS })).toMatchObject({ ok: false, error: { message: /4 wrong passphrases in a row .*wait 1 second / } });
      vi.setSystemTime(Date.now() + 1_000);
      expect(await engine.invoke('store:unlock', { passphrase: PASS })).toMatchObject({ ok: true, value: { unlocked: true } });
      const logins = (await engine.invoke('audit:page', { startRow: 0, endRow: 10, action: 'login' })) as { ok: true; value: { rows: Array<{ payload: unknown }> } };
      expect(logins.value.rows.map((r) => r.payload)).toEqual([{ failedAttemptsBefore: 4, via: 'app' }]);
      expect(JSON.parse(readFileSync(`${db}.keys`, 'utf8')).signInFailures).toBeUndefined();
    } finally {
      engine.close();
    }
  });
});

describe('checking where an export goes', () => {
  it('says new, an earlier export of the same kind, or refused with the reason', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const engine = createEngine({ storePath: db, host: 'browser', version: 't' });
    engine.adoptStore(Store.create(db, PASS, 'ann'));
    try {
      const check = (path: string, kind: 'audit' | 'backup' = 'audit') => engine.invoke('exports:checkTarget', { path, kind });
      const trail = join(dir, 'trail.csv');
      expect(await check(trail)).toEqual({ ok: true, value: { state: 'new', path: trail, message: null } });
      expect(await engine.invoke('audit:export', { path: trail })).toMatchObject({ ok: true });
      expect(await check(trail)).toEqual({ ok: true, value: { state: 'earlier-export', path: trail, message: null } });
      // An earlier export of another kind is not one of these.
      expect(await check(trail, 'backup')).toMatchObject({ ok: true, value: { state: 'refused', message: /not an earlier backup export/ } });
      const notes = join(dir, 'notes.csv');
      writeFileSync(notes, 'my own notes\n');
      const refused = await check(notes);
      expect(refused).toMatchObject({ ok: true, value: { state: 'refused', message: /already exists and is not an earlier audit trail export/ } });
      // The app offers no "replace" for it, so the refusal does not send the user to --force.
      if (refused.ok) expect((refused.value as { message: string }).message).not.toMatch(/--force/);
      expect(await check(`${db}.keys`)).toMatchObject({ ok: true, value: { state: 'refused', message: /store's own file/ } });
      expect(await check(join(dir, 'no-such-folder', 'x.csv'))).toMatchObject({ ok: true, value: { state: 'refused', message: /does not exist/ } });
      expect(readFileSync(notes, 'utf8')).toBe('my own notes\n');
    } finally {
      engine.close();
    }
  });
});

describe('opening a store and restoring a backup with the native dialog', () => {
  it('the dialog names the file, the renderer gets a token, and the engine opens or restores it', async () => {
    const { openDialogOptions } = await import('../../electron/main/dialog-options.js');
    expect(openDialogOptions('store')).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['db'] }, { extensions: ['*'] }] });
    expect(openDialogOptions('backup')).toMatchObject({ properties: ['openFile'], filters: [{ extensions: ['bwbackup'] }, { extensions: ['*'] }] });

    const dir = tempDir();
    const db = join(dir, 'x.db');
    const other = join(dir, 'other.db');
    const archive = join(dir, 'exports-chosen.bwbackup');
    Store.create(other, PASS, 'ann').close();
    const asked: string[] = [];
    const engine = createEngine({
      storePath: db,
      host: 'electron',
      version: 't',
      chooseFiles: async (purpose) => {
        asked.push(purpose);
        return purpose === 'store' ? [other] : purpose === 'backup' ? [archive] : [];
      },
      chooseSaveFile: async () => archive,
    });
    engine.adoptStore(Store.create(db, PASS, 'ann'));
    try {
      expect(await engine.invoke('stores:list', {})).toMatchObject({ ok: true, value: { fileChooser: 'dialog' } });
      expect(await engine.invoke('store:backup', {})).toMatchObject({ ok: true, value: { saved: true, path: archive } });
      // Restore: the backup chosen in the dialog, restored as a store of its own.
      const backup = (await engine.invoke('stores:choose', { purpose: 'backup' })) as { ok: true; value: { token: string; name: string } };
      expect(backup.value.name).toBe('exports-chosen.bwbackup');
      const restoredPath = join(dir, 'restored.db');
      expect(await engine.invoke('store:restore', { archiveToken: backup.value.token, target: restoredPath, passphrase: PASS })).toMatchObject({ ok: true, value: { path: restoredPath } });
      // Open: the store chosen in the dialog; the engine locks the open one and points at it.
      const chosen = (await engine.invoke('stores:choose', { purpose: 'store' })) as { ok: true; value: { token: string } };
      expect(await engine.invoke('stores:open', { token: chosen.value.token })).toEqual({ ok: true, value: { path: other, exists: true } });
      expect(await engine.invoke('app:info', {})).toMatchObject({ ok: true, value: { store: { path: other, unlocked: false } } });
      expect(asked).toEqual(['backup', 'store']);
      // A made-up token opens nothing.
      expect(await engine.invoke('stores:open', { token: 'f_madeupmadeup' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    } finally {
      engine.close();
    }
  });
});

describe('a subject access file', () => {
  it('replaces only an earlier subject access file; any other workbook is refused unless replaced on purpose', async () => {
    const { checkExportTarget } = await import('../../electron/engine/governance/export-path.js');
    const { writeReportXlsx } = await import('../../electron/engine/governance/report-xlsx.js');
    const dir = tempDir();
    const storePath = join(dir, 'x.db');
    const earlier = join(dir, 'earlier.xlsx');
    writeReportXlsx(earlier, 'Subject access P1', [{ name: 'Records', rows: [['a']] }]);
    const record = join(dir, 'record.xlsx');
    writeReportXlsx(record, 'Data protection record', [{ name: 'Sources', rows: [['a']] }]);
    expect(() => checkExportTarget(earlier, { storePath, kind: 'subject-access' })).not.toThrow();
    expect(() => checkExportTarget(record, { storePath, kind: 'subject-access' })).toThrow(/not an earlier subject access export/);
    expect(() => checkExportTarget(record, { storePath, kind: 'subject-access', force: true })).not.toThrow();
  });
});
