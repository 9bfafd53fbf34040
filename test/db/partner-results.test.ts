// Each partner who submits has a key pair of their own: what came of their submission — counts
// and their own quarantined rows — is sealed to it when an analyst takes it in. With a copy of
// the store, its key file and inbox, a partner's passphrase opens their organisation's results
// and nothing else: not another partner's, not a row of the store.
import { cpSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import { replyKeyPair } from '../../electron/engine/inbox/partner-keys.js';
import { resultsPath } from '../../electron/engine/inbox/results.js';
import { open as openSealed } from '../../electron/engine/inbox/sealed-box.js';
import { resetWithRecoveryCode } from '../../electron/engine/governance/recovery.js';
import { readKeyFile, tryUnwrapKeys, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ANN = 'first analyst passphrase';
const POLLY = 'police partner passphrase 2026';
const SAM = 'school partner passphrase 2026';

type Ok<T> = { ok: true; value: T };

describe('partners read what came of their own submissions, and nothing else', () => {
  it('partner A reads its quarantine from a copy of the files, not partner B’s, and no row of the store', async () => {
    const dir = tempDir();
    const db = join(dir, 'baseline.db');
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:create', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await ann.invoke('users:add', { user: 'polly', role: 'partner', organisation: 'Police', passphrase: POLLY, submitOnly: true })).toMatchObject({ ok: true });
    expect(await ann.invoke('users:add', { user: 'sam', role: 'partner', organisation: 'School', passphrase: SAM, submitOnly: true })).toMatchObject({ ok: true });
    ann.close();

    const police = join(dir, 'police.csv');
    writeFileSync(police, 'Forename,Surname,DOB,Postcode\nPolly,Quartermain,01/02/1980,S60 1AB\n,,,S60 9ZZ\n');
    const school = join(dir, 'school.csv');
    writeFileSync(school, 'Forename,Surname,DOB,Postcode\nZelda,Quixote,03/04/2012,S60 1AB\n,,,S61 7XY\n,,,S61 7XW\n');
    const partner = createEngine({ storePath: db, host: 'browser', version: 't' });
    const a = (await partner.invoke('inbox:submit', { path: police, kind: 'police', passphrase: POLLY })) as Ok<{ id: string }>;
    const b = (await partner.invoke('inbox:submit', { path: school, kind: 'school', passphrase: SAM })) as Ok<{ id: string }>;
    expect(a.ok && b.ok).toBe(true);
    // Not taken in yet: nothing to read.
    expect(await partner.invoke('inbox:results', { submission: a.value.id, passphrase: POLLY })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    partner.close();

    const analyst = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await analyst.invoke('store:unlock', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await analyst.invoke('inbox:takeIn', {})).toMatchObject({ ok: true, value: [{ status: 'taken-in' }, { status: 'taken-in' }] });
    analyst.close();

    // A copy of everything beside the store.
    const copyDir = tempDir();
    const copy = join(copyDir, 'copy.db');
    copyFileSync(db, copy);
    copyFileSync(`${db}.keys`, `${copy}.keys`);
    cpSync(`${db}.inbox`, `${copy}.inbox`, { recursive: true });
    expect(readdirSync(`${copy}.inbox`).filter((f) => f.endsWith('.results.json'))).toHaveLength(2);

    const reader = createEngine({ storePath: copy, host: 'browser', version: 't' });
    const mine = await reader.invoke('inbox:results', { submission: a.value.id, passphrase: POLLY });
    expect(mine).toMatchObject({
      ok: true,
      value: { status: 'taken-in', records: 1, quarantined: 1, sheets: [{ headers: ['Forename', 'Surname', 'DOB', 'Postcode'], records: 1, quarantined: 1 }], quarantine: [{ rowNumber: 3, cells: [null, null, null, 'S60 9ZZ'] }] },
    });
    expect((mine as Ok<{ quarantine: Array<{ reason: string }> }>).value.quarantine[0]?.reason).toMatch(/name/i);
    // Partner A asks for partner B's submission: refused, nothing of it is shown.
    const theirs = await reader.invoke('inbox:results', { submission: b.value.id, passphrase: POLLY });
    expect(theirs).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(JSON.stringify(theirs)).not.toContain('S61');
    // Partner B reads their own two quarantined rows.
    expect(await reader.invoke('inbox:results', { submission: b.value.id, passphrase: SAM })).toMatchObject({ ok: true, value: { records: 1, quarantined: 2, quarantine: [{ rowNumber: 3 }, { rowNumber: 4 }] } });
    reader.close();

    // Outside the app: A's key opens A's results only; the results file on disk shows no cell.
    const keyFile = readKeyFile(`${copy}.keys`);
    const polly = keyFile.slots.find((s) => s.user === 'polly')!;
    const keys = tryUnwrapKeys(polly, POLLY, keyFile.storeId)!;
    expect(keys.data).toBeNull();
    expect(keys.audit).toBeNull();
    expect(keys.aggregates).toBeNull();
    expect(keys.reply).not.toBeNull();
    expect(replyKeyPair(keys.reply!).publicKey).toBe(polly.publicKey);
    const bFile = JSON.parse(readFileSync(resultsPath(`${copy}.inbox`, b.value.id), 'utf8')) as { sealed: Record<string, never> };
    expect(Object.keys(bFile.sealed)).toEqual([keyFile.slots.find((s) => s.user === 'sam')!.id]);
    for (const box of Object.values(bFile.sealed)) {
      expect(openSealed(box, replyKeyPair(keys.reply!), Buffer.from(JSON.stringify(['results', keyFile.storeId, b.value.id, polly.id])))).toBeNull();
    }
    expect(readFileSync(resultsPath(`${copy}.inbox`, a.value.id), 'utf8')).not.toContain('S60 9ZZ');
    // No key Polly holds opens a person-level row of the store.
    for (const k of [keys.secret!, keys.reply!]) {
      const raw = new Database(copy, { readonly: true });
      raw.pragma(`key="x'${k.toString('hex')}'"`);
      expect(() => raw.prepare('SELECT count(*) FROM record').get()).toThrow(/not a database/);
      raw.close();
    }
    expect(() => Store.unlock(copy, POLLY)).toThrow(/partner who submits extracts/);
  }, 60_000);

  it('a public key written into the key file by someone else is not sealed to', async () => {
    const dir = tempDir();
    const db = join(dir, 'baseline.db');
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:create', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await ann.invoke('users:add', { user: 'polly', role: 'partner', organisation: 'Police', passphrase: POLLY, submitOnly: true })).toMatchObject({ ok: true });
    ann.close();
    const police = join(dir, 'police.csv');
    writeFileSync(police, 'Forename,Surname,DOB,Postcode\n,,,S60 9ZZ\n');
    const partner = createEngine({ storePath: db, host: 'browser', version: 't' });
    const a = (await partner.invoke('inbox:submit', { path: police, passphrase: POLLY })) as Ok<{ id: string }>;
    partner.close();
    // An insider swaps Polly's public key for their own.
    const keyFile = readKeyFile(`${db}.keys`);
    const theirs = replyKeyPair(Buffer.alloc(32, 7)).publicKey;
    writeKeyFile(`${db}.keys`, { ...keyFile, slots: keyFile.slots.map((s) => (s.user === 'polly' ? { ...s, publicKey: theirs } : s)) });
    const analyst = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    // The analyst's sign-in removes the slot whose certificate no longer verifies.
    expect(await analyst.invoke('store:unlock', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await analyst.invoke('inbox:takeIn', {})).toMatchObject({ ok: true, value: [{ status: 'taken-in' }] });
    analyst.close();
    const file = JSON.parse(readFileSync(resultsPath(`${db}.inbox`, a.value.id), 'utf8')) as { sealed: Record<string, unknown> };
    expect(file.sealed).toEqual({});
  }, 60_000);

  it('a partner’s passphrase reset with the recovery code keeps them submit-only, with a new key pair', async () => {
    const dir = tempDir();
    const db = join(dir, 'baseline.db');
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:create', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await ann.invoke('users:add', { user: 'polly', role: 'partner', organisation: 'Police', passphrase: POLLY, submitOnly: true })).toMatchObject({ ok: true });
    const code = (await ann.invoke('governance:recoveryCreate', {})) as Ok<{ code: string }>;
    expect(code.ok).toBe(true);
    ann.close();
    const before = readKeyFile(`${db}.keys`).slots.find((s) => s.user === 'polly')!;
    resetWithRecoveryCode(db, code.value.code, 'polly', 'a brand new partner passphrase');
    const keyFile = readKeyFile(`${db}.keys`);
    const after = keyFile.slots.find((s) => s.user === 'polly')!;
    const keys = tryUnwrapKeys(after, 'a brand new partner passphrase', keyFile.storeId)!;
    expect(keys.data).toBeNull();
    expect(after.holds).toEqual(['reply']);
    expect(after.publicKey).not.toBe(before.publicKey);
    expect(replyKeyPair(keys.reply!).publicKey).toBe(after.publicKey);
  }, 60_000);
});
