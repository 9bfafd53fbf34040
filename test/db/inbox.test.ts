// Partners submit, never read: a submitting partner's passphrase unwraps no key that reads the
// store, even with a copy of the store and its key file; their extract reaches the store sealed,
// and an analyst takes it in through the import pipeline, as the partner.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { createEngine } from '../../electron/engine/engine.js';
import { readKeyFile, tryUnwrapKeys } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ANN = 'first analyst passphrase';
const PAT = 'partner passphrase 2026';

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

async function cli(argv: string[], passphrase: string): Promise<{ code: number; stderr: string; json: Record<string, unknown> }> {
  process.env.BASELINE_PASSPHRASE = passphrase;
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const code = await main([...argv, '--json']);
  vi.restoreAllMocks();
  return { code, stderr, json: JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown> };
}

describe('the inbox', () => {
  it('a partner submits without reading; an analyst takes it in as the partner; the partner sees its status', async () => {
    const dir = tempDir();
    const db = join(dir, 'baseline.db');
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:create', { passphrase: ANN })).toMatchObject({ ok: true });
    const school = join(dir, 'school.csv');
    writeFileSync(school, 'Forename,Surname,DOB,Postcode\nZelda,Quixote,03/04/2012,S60 1AB\n');
    expect(await ann.invoke('import:start', { token: (await ann.invoke('files:fromPath', { path: school }) as { ok: true; value: { token: string } }).value.token, partner: 'School census', kind: 'school' })).toMatchObject({ ok: true });
    await ann.idle();
    expect(await ann.invoke('users:add', { user: 'pat', role: 'partner', organisation: 'Police', passphrase: PAT, submitOnly: true })).toMatchObject({ ok: true });
    ann.close();

    // With a copy of both files, the partner's passphrase unwraps nothing that opens the store.
    const copy = join(tempDir(), 'copy.db');
    copyFileSync(db, copy);
    copyFileSync(`${db}.keys`, `${copy}.keys`);
    const keyFile = readKeyFile(`${copy}.keys`);
    const slot = keyFile.slots.find((s) => s.user === 'pat')!;
    const keys = tryUnwrapKeys(slot, PAT, keyFile.storeId)!;
    expect(keys.data).toBeNull();
    expect(keys.audit).toBeNull();
    const raw = new Database(copy, { readonly: true });
    raw.pragma(`key="x'${keys.secret!.toString('hex')}'"`);
    expect(() => raw.prepare('SELECT count(*) FROM record').get()).toThrow(/not a database/);
    raw.close();
    expect(() => Store.unlock(copy, PAT)).toThrow(/pat is a partner who submits extracts: their passphrase does not open the store/);

    // The partner submits from the command line: the store is never opened.
    const police = join(dir, 'police.csv');
    writeFileSync(police, 'Forename,Surname,DOB,Postcode\nPolly,Quartermain,01/02/1980,S60 1AB\nPeter,Quartermain,05/06/1982,S60 1AB\n');
    const submitted = await cli(['inbox', 'submit', police, '--kind', 'police', '--db', db], PAT);
    expect(submitted.code, submitted.stderr).toBe(0);
    const envelope = readdirSync(`${db}.inbox`).find((f) => f.endsWith('.submission'))!;
    const sealedText = readFileSync(join(`${db}.inbox`, envelope), 'utf8');
    expect(sealedText).not.toContain('Quartermain');
    expect(sealedText).not.toContain('police.csv');
    const waiting = await cli(['inbox', 'status', '--db', db], PAT);
    expect(waiting.json).toMatchObject({ ok: true, submissions: [{ partner: 'Police', user: 'pat', status: 'waiting', receipt: null }] });

    // A receipt someone else writes into the folder does not stop the analyst taking it in.
    writeFileSync(join(`${db}.inbox`, envelope.replace('.submission', '.receipt.json')), JSON.stringify({ status: 'refused', at: 'x', sourceId: null, records: 0, quarantined: 0, skipped: false, reason: 'forged' }));

    // An analyst takes it in: the import is the partner's, the taking-in the analyst's.
    const taken = await cli(['inbox', 'take-in', '--db', db], ANN);
    expect(taken.code, taken.stderr).toBe(0);
    const status = await cli(['inbox', 'status', '--db', db], PAT);
    expect(status.json).toMatchObject({ submissions: [{ status: 'taken-in', receipt: { records: 2, quarantined: 0, reason: null } }] });
    const store = Store.unlock(db, ANN);
    const sources = store.reader.prepare('SELECT partner, file_name FROM source ORDER BY id').all();
    const trail = store.reader.prepare("SELECT actor, action FROM audit_event WHERE action IN ('import', 'inbox-taken-in') ORDER BY id").all();
    expect(store.verifyAudit().ok).toBe(true);
    store.close();
    expect(sources).toEqual([
      { partner: 'School census', file_name: 'school.csv' },
      { partner: 'Police', file_name: 'police.csv' },
    ]);
    expect(trail).toEqual([
      { actor: 'ann', action: 'import' },
      { actor: 'pat', action: 'import' },
      { actor: 'ann', action: 'inbox-taken-in' },
    ]);
    // A second take-in finds nothing waiting.
    expect((await cli(['inbox', 'take-in', '--db', db], ANN)).json).toMatchObject({ submissions: [] });

    // Taken in, the file is not kept beside the store: its rows are in the store, where a purge or
    // an erasure reaches them. The submission is still listed with its receipt.
    expect(JSON.parse(readFileSync(join(`${db}.inbox`, envelope), 'utf8'))).toMatchObject({ partner: 'Police', sealed: null });
    expect((await cli(['inbox', 'status', '--db', db], PAT)).json).toMatchObject({ submissions: [{ status: 'taken-in', receipt: { records: 2 } }] });
    // Purging the source also removes what was sealed back to the partner (its rows listed there).
    const results = join(`${db}.inbox`, envelope.replace('.submission', '.results.json'));
    expect(existsSync(results)).toBe(true);
    const purged = await cli(['source', 'purge', '2', '--db', db], ANN);
    expect(purged.code, purged.stderr).toBe(0);
    expect(existsSync(results)).toBe(false);
  }, 60_000);
});
