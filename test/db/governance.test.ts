import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CHANNEL_NAMES, type Channel } from '../../shared/ipc/contract.js';
import { CHANNEL_POLICY } from '../../shared/ipc/policy.js';
import { createEngine } from '../../electron/engine/engine.js';
import { verifyAudit } from '../../electron/engine/store/audit.js';
import { readKeyFile, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser, changePassphrase, listUsers, removeUser } from '../../electron/engine/store/users.js';
import { kindOf } from '../helpers/error-kind.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'first analyst passphrase';

describe('users are key slots', () => {
  it('each user unlocks the same store with their own passphrase and role', () => {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.create(path, PASS, 'ann');
    addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    addUser(store, { user: 'pat', role: 'partner', organisation: 'South Yorkshire Police' }, 'partner passphrase');
    expect(listUsers(store).map((u) => [u.user, u.role, u.organisation])).toEqual([
      ['ann', 'analyst', null],
      ['cora', 'co-ordinator', null],
      ['pat', 'partner', 'South Yorkshire Police'],
    ]);
    store.close();
    expect(Store.unlock(path, 'coordinator passphrase').session).toEqual({ user: 'cora', role: 'co-ordinator', organisation: null });
    const pat = Store.unlock(path, 'partner passphrase', 'pat');
    expect(pat.session.role).toBe('partner');
    pat.close();
    expect(kindOf(() => Store.unlock(path, 'partner passphrase', 'ann'))).toBe('wrong-passphrase');
  });

  it('editing a role in the key file breaks that slot instead of promoting the user', () => {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.create(path, PASS);
    addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    store.close();
    const keyFile = readKeyFile(`${path}.keys`);
    writeKeyFile(`${path}.keys`, { ...keyFile, slots: keyFile.slots.map((s) => (s.user === 'cora' ? { ...s, role: 'analyst' } : s)) });
    expect(kindOf(() => Store.unlock(path, 'coordinator passphrase'))).toBe('wrong-passphrase');
  });

  it('only analysts manage users; the last analyst stays; passphrases change without touching the store', () => {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.create(path, PASS, 'ann');
    addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    expect(kindOf(() => removeUser(store, 'ann'))).toBe('forbidden');
    expect(kindOf(() => addUser(store, { user: 'cora', role: 'analyst', organisation: null }, 'another passphrase'))).toBe('conflict');
    expect(kindOf(() => addUser(store, { user: 'p', role: 'partner', organisation: null }, 'another passphrase'))).toBe('bad-input');
    store.close();
    const dbBefore = readFileSync(path);
    const cora = Store.unlock(path, 'coordinator passphrase');
    expect(kindOf(() => addUser(cora, { user: 'x', role: 'analyst', organisation: null }, 'another passphrase'))).toBe('forbidden');
    changePassphrase(cora, 'cora', 'coordinator passphrase', 'a brand new passphrase');
    cora.close();
    expect(kindOf(() => Store.unlock(path, 'coordinator passphrase'))).toBe('wrong-passphrase');
    expect(Store.unlock(path, 'a brand new passphrase').session.user).toBe('cora');
    expect(readFileSync(path).subarray(0, 4096).equals(dbBefore.subarray(0, 4096))).toBe(true);
  });
});

describe('the audit trail', () => {
  function storeWithEvents(): string {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.create(path, PASS);
    store.audit('ann', 'import', { sourceId: 1, records: 10 });
    store.audit('ann', 'export-clusters', { rows: 10 });
    store.audit('ann', 'import', { sourceId: 2, records: 5 });
    store.audit('ann', 'export-clusters', { rows: 15 });
    store.close();
    return path;
  }
  const rawDb = (path: string): Database.Database => {
    const store = Store.unlock(path, PASS);
    const key = Buffer.from(store.dataKey);
    store.close();
    const db = new Database(path);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    return db;
  };

  it('verifies an untouched chain', () => {
    const path = storeWithEvents();
    const store = Store.unlock(path, PASS);
    expect(verifyAudit(store.reader, store.keyPath)).toMatchObject({ ok: true, events: 4 });
    store.close();
  });

  it('names an edited event', () => {
    const path = storeWithEvents();
    const db = rawDb(path);
    db.prepare("UPDATE audit_event SET payload_json = '{\"sourceId\":1,\"records\":11}' WHERE id = 3").run();
    db.close();
    const store = Store.unlock(path, PASS);
    expect(verifyAudit(store.reader, store.keyPath)).toMatchObject({ ok: false, problem: { id: 3 } });
    store.close();
  });

  it('detects a deleted event in the middle and a truncated end', () => {
    const path = storeWithEvents();
    const db = rawDb(path);
    db.prepare('DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)').run();
    db.close();
    const store = Store.unlock(path, PASS);
    const verdict = verifyAudit(store.reader, store.keyPath);
    expect(verdict.ok).toBe(false);
    expect(verdict.problem?.reason).toMatch(/removed/);
    store.close();
    const path2 = storeWithEvents();
    const db2 = rawDb(path2);
    db2.prepare('DELETE FROM audit_event WHERE id = 2').run();
    db2.close();
    const s2 = Store.unlock(path2, PASS);
    expect(verifyAudit(s2.reader, s2.keyPath)).toMatchObject({ ok: false, problem: { id: 3 } });
    s2.close();
  });
});

describe('roles are enforced in the engine on every channel', () => {
  // A valid request for every channel, so only the role decides.
  const SAMPLE: { [C in Channel]: unknown } = {
    'app:info': {},
    'store:create': { passphrase: 'long enough passphrase' },
    'store:unlock': { passphrase: 'x' },
    'store:lock': {},
    'files:choose': { purpose: 'import' },
    'files:fromPath': { path: '/nonexistent/file.csv' },
    'import:preview': { token: 'f_AAAAAAAAAAAAAAAA' },
    'import:start': { token: 'f_AAAAAAAAAAAAAAAA' },
    'demo:create': { households: 1 },
    'jobs:cancel': { job: 'job_x' },
    'sources:list': {},
    'records:page': { startRow: 0, endRow: 10, sort: [], filters: [] },
    'users:list': {},
    'users:add': { user: 'eve', role: 'analyst', passphrase: 'promote me please' },
    'users:remove': { user: 'ann' },
    'users:changePassphrase': { oldPassphrase: 'not it at all', newPassphrase: 'a new passphrase' },
    'audit:page': { startRow: 0, endRow: 10 },
    'audit:verify': {},
    'mapping:list': {},
    'source:diff': { sourceId: 1 },
    'quarantine:page': { sourceId: 1, startRow: 0, endRow: 10 },
    'quarantine:export': { sourceId: 1, path: '/nonexistent/quarantine.xlsx' },
    'sources:mapping': { sourceId: 1 },
    'sources:remap': { sourceId: 1, preset: 'auto' },
    'matching:run': {},
    'matching:summary': {},
    'matching:blocking': { fresh: true },
    'matching:model': {},
    'matching:histogram': {},
    'matching:counts': { reviewFrom: 0.5, threshold: 0.9 },
    'matching:saveSettings': { reviewFrom: 0.5, threshold: 0.9 },
    'matching:reviewList': { reviewFrom: 0.01, threshold: 0.99, startRow: 0, endRow: 10 },
    'matching:pair': { recordA: 1, recordB: 2 },
    'matching:decide': { recordA: 1, recordB: 2, decision: 'unsure' },
    'governance:record': {},
    'governance:exportRecord': { path: '/nonexistent/record.xlsx' },
    'governance:purge': { sourceId: 1, confirmFileName: 'school.csv' },
    'governance:recoveryStatus': {},
    'governance:recoveryCreate': {},
    'governance:recoveryCheck': { code: '00000-00000-00000-00000-00000' },
    'governance:recoveryReset': { code: '00000-00000-00000-00000-00000', user: 'ann', newPassphrase: 'a brand new passphrase' },
    'geo:import': { token: 'f_AAAAAAAAAAAAAAAA' },
    'geo:status': {},
    'geo:setBorough': { borough: 'E08000018' },
    'areas:list': {},
    'areas:wards': {},
    'areas:create': { name: 'Ferham', kind: 'target', lsoas: ['E01007715'] },
    'areas:addLsoas': { name: 'Ferham', lsoas: ['E01007716'] },
    'areas:removeLsoas': { name: 'Ferham', lsoas: ['E01007716'] },
    'areas:delete': { name: 'Ferham' },
    'areas:profile': { name: 'Ferham' },
    'areas:map': { measure: { kind: 'households', vintage: 2021 } },
    'areas:unplaced': { vintage: 2021 },
    'store:backup': { path: '/nonexistent/store.bwbackup' },
    'store:restore': { archive: '/nonexistent/store.bwbackup', passphrase: 'x' },
    'stores:list': {},
    'stores:open': { path: '/nonexistent/other.db' },
    'stores:create': { path: '/nonexistent/new.db', passphrase: 'long enough passphrase' },
    'stores:openDemo': { passphrase: 'x' },
  };

  it('every sample request is valid for its channel', () => {
    for (const channel of CHANNEL_NAMES) expect(CHANNELS[channel].request.safeParse(SAMPLE[channel]).success, channel).toBe(true);
  });

  it('a co-ordinator reaches no channel that returns person-level data', async () => {
    const dir = tempDir();
    const path = join(dir, 'baseline.db');
    const csv = join(dir, 'school.csv');
    writeFileSync(csv, 'Forename,Surname,DOB\nZelda,Quartermain,01/02/2010\n');
    const analyst = createEngine({ storePath: path, host: 'browser', version: 't' });
    await analyst.invoke('store:create', { passphrase: PASS });
    const token = (await analyst.invoke('files:fromPath', { path: csv })) as { ok: true; value: { token: string } };
    await analyst.invoke('import:start', { token: token.value.token });
    await analyst.idle();
    const store = Store.unlock(path, PASS);
    addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    store.close();
    analyst.close();

    const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    expect(await engine.invoke('store:unlock', { passphrase: 'coordinator passphrase' })).toMatchObject({ ok: true });
    for (const channel of CHANNEL_NAMES) {
      if (channel === 'store:lock' || channel === 'store:create' || channel === 'store:unlock') continue;
      const result = await engine.invoke(channel, SAMPLE[channel]);
      const text = JSON.stringify(result);
      expect(text, channel).not.toMatch(/Zelda|Quartermain|2010-02-01/);
      if (CHANNEL_POLICY[channel] !== 'open' && !(CHANNEL_POLICY[channel] as readonly string[]).includes('co-ordinator')) {
        expect(result, channel).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      }
    }
    engine.close();
  });

  it('a partner sees only their own organisation\'s sources and records', async () => {
    const dir = tempDir();
    const path = join(dir, 'baseline.db');
    const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    await engine.invoke('store:create', { passphrase: PASS });
    for (const [file, partner] of [['police.csv', 'South Yorkshire Police'], ['school.csv', 'Schools']] as const) {
      writeFileSync(join(dir, file), `Forename,Surname\n${partner === 'Schools' ? 'Sam' : 'Pol'},Lee\n`);
      const token = (await engine.invoke('files:fromPath', { path: join(dir, file) })) as { ok: true; value: { token: string } };
      await engine.invoke('import:start', { token: token.value.token, partner });
    }
    await engine.idle();
    engine.close();
    const store = Store.unlock(path, PASS);
    addUser(store, { user: 'pat', role: 'partner', organisation: 'South Yorkshire Police' }, 'partner passphrase');
    store.close();
    const partner = createEngine({ storePath: path, host: 'browser', version: 't' });
    await partner.invoke('store:unlock', { passphrase: 'partner passphrase' });
    const sources = (await partner.invoke('sources:list', {})) as { ok: true; value: Array<{ fileName: string }> };
    expect(sources.value.map((s) => s.fileName)).toEqual(['police.csv']);
    const records = (await partner.invoke('records:page', SAMPLE['records:page'])) as { ok: true; value: { rows: Array<{ forename: string }>; total: number } };
    expect(records.value.rows.map((r) => r.forename)).toEqual(['Pol']);
    expect(await partner.invoke('demo:create', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    partner.close();
  });
});

describe('users and audit through the engine', () => {
  it('an analyst manages users and reads the audit trail; the session says who is in', async () => {
    const dir = tempDir();
    const engine = createEngine({ storePath: join(dir, 'baseline.db'), host: 'browser', version: 't' });
    const created = (await engine.invoke('store:create', { passphrase: PASS })) as { ok: true; value: { session: unknown } };
    expect(created.value.session).toEqual({ user: 'analyst', role: 'analyst', organisation: null });
    expect(await engine.invoke('users:add', { user: 'pat', role: 'partner', organisation: 'Housing', passphrase: 'partner passphrase' })).toMatchObject({ ok: true, value: { user: 'pat', organisation: 'Housing' } });
    expect(await engine.invoke('users:list', {})).toMatchObject({ ok: true, value: [{ user: 'analyst' }, { user: 'pat' }] });
    expect(await engine.invoke('users:changePassphrase', { oldPassphrase: PASS, newPassphrase: 'changed passphrase' })).toMatchObject({ ok: true });
    const page = (await engine.invoke('audit:page', { startRow: 0, endRow: 50 })) as { ok: true; value: { rows: Array<{ action: string }>; actions: string[] } };
    expect(page.value.rows.map((r) => r.action)).toEqual(['passphrase-changed', 'user-added', 'store-created']);
    expect(await engine.invoke('audit:verify', {})).toMatchObject({ ok: true, value: { ok: true, events: 3 } });
    expect(await engine.invoke('users:remove', { user: 'analyst' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    engine.close();
    const again = createEngine({ storePath: join(dir, 'baseline.db'), host: 'browser', version: 't' });
    expect(await again.invoke('store:unlock', { passphrase: 'changed passphrase' })).toMatchObject({ ok: true });
    again.close();
  });
});

describe('passphrases are unique per user', () => {
  it('refuses a new user whose passphrase another user already has', () => {
    const path = join(tempDir(), 'baseline.db');
    const store = Store.create(path, PASS, 'ann');
    expect(kindOf(() => addUser(store, { user: 'bob', role: 'analyst', organisation: null }, PASS))).toBe('conflict');
    expect(listUsers(store).map((u) => u.user)).toEqual(['ann']);
    store.close();
  });
});
