// A backup holds the side files beside the store — the aggregates store co-ordinators read and
// the partners' inbox (submissions, receipts, results) — and a restore leaves a consistent set:
// the backup's own, never an aggregates store or inbox left from the store it replaced.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregatesPath } from '../../electron/engine/aggregates/db.js';
import { createEngine } from '../../electron/engine/engine.js';
import { readBackupHeader } from '../../electron/engine/store/backup.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ANN = 'first analyst passphrase';
const CORA = 'coordinator passphrase 2026';
const POLLY = 'police partner passphrase 2026';

type Ok<T> = { ok: true; value: T };

describe('backups hold the aggregates store and the inbox', () => {
  it('restores them with the store; a restore over another store replaces its side files and keeps its waiting submissions aside', async () => {
    const dir = tempDir();
    const db = join(dir, 'baseline.db');
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:create', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await ann.invoke('users:add', { user: 'cora', role: 'co-ordinator', organisation: null, passphrase: CORA })).toMatchObject({ ok: true });
    expect(await ann.invoke('users:add', { user: 'polly', role: 'partner', organisation: 'Police', passphrase: POLLY, submitOnly: true })).toMatchObject({ ok: true });
    const police = join(dir, 'police.csv');
    writeFileSync(police, 'Forename,Surname,DOB,Postcode\nPolly,Quartermain,01/02/1980,S60 1AB\n,,,S60 9ZZ\n');
    const sent = (await ann.invoke('inbox:submit', { path: police, kind: 'police', passphrase: POLLY })) as Ok<{ id: string }>;
    expect(sent.ok).toBe(true);
    expect(await ann.invoke('inbox:takeIn', {})).toMatchObject({ ok: true, value: [{ status: 'taken-in' }] });
    await ann.idle();
    expect(existsSync(aggregatesPath(db))).toBe(true);
    const archive = join(dir, 'b.bwbackup');
    expect(await ann.invoke('store:backup', { path: archive })).toMatchObject({ ok: true, value: { saved: true } });
    ann.close();

    const { header } = readBackupHeader(archive);
    expect(header.version).toBe(2);
    expect(header.extra?.map((e) => e.name)).toEqual(['aggregates', `inbox/${sent.value.id}.receipt.json`, `inbox/${sent.value.id}.results.json`, `inbox/${sent.value.id}.submission`]);

    // Restored on a new machine: the co-ordinator reads their figures, the partner their results.
    const elsewhere = join(tempDir(), 'restored.db');
    const restorer = createEngine({ storePath: elsewhere, host: 'browser', version: 't' });
    expect(await restorer.invoke('store:restore', { archive, target: elsewhere, passphrase: ANN })).toMatchObject({ ok: true, value: { inboxKeptAside: null } });
    restorer.close();
    expect(existsSync(aggregatesPath(elsewhere))).toBe(true);
    expect(readdirSync(`${elsewhere}.inbox`)).toHaveLength(3);
    const cora = createEngine({ storePath: elsewhere, host: 'browser', version: 't' });
    expect(await cora.invoke('store:unlock', { passphrase: CORA })).toMatchObject({ ok: true });
    expect(await cora.invoke('sources:list', {})).toMatchObject({ ok: true, value: [{ partner: 'Police', records: 1 }] });
    cora.close();
    const polly = createEngine({ storePath: elsewhere, host: 'browser', version: 't' });
    expect(await polly.invoke('inbox:results', { submission: sent.value.id, passphrase: POLLY })).toMatchObject({ ok: true, value: { quarantined: 1, quarantine: [{ rowNumber: 3 }] } });
    polly.close();

    // Over another store: its aggregates store (another key's) and inbox go; a submission the
    // backup does not hold is kept aside, not deleted.
    const other = join(tempDir(), 'other.db');
    const bob = createEngine({ storePath: other, host: 'browser', version: 't', user: 'bob' });
    expect(await bob.invoke('store:create', { passphrase: 'another analyst passphrase' })).toMatchObject({ ok: true });
    expect(await bob.invoke('users:add', { user: 'cody', role: 'co-ordinator', organisation: null, passphrase: 'another coordinator passphrase' })).toMatchObject({ ok: true });
    expect(await bob.invoke('users:add', { user: 'pip', role: 'partner', organisation: 'Health', passphrase: 'another partner passphrase', submitOnly: true })).toMatchObject({ ok: true });
    const waiting = (await bob.invoke('inbox:submit', { path: police, passphrase: 'another partner passphrase' })) as Ok<{ id: string }>;
    expect(waiting.ok).toBe(true);
    bob.close();
    const oldAggregates = readFileSync(aggregatesPath(other));
    const over = createEngine({ storePath: other, host: 'browser', version: 't' });
    const replaced = (await over.invoke('store:restore', { archive, target: other, passphrase: ANN, replace: true })) as Ok<{ inboxKeptAside: string }>;
    expect(replaced).toMatchObject({ ok: true, value: { replaced: true } });
    over.close();
    expect(readFileSync(aggregatesPath(other)).equals(oldAggregates)).toBe(false);
    expect(readdirSync(`${other}.inbox`).sort()).toEqual(readdirSync(`${elsewhere}.inbox`).sort());
    expect(readdirSync(replaced.value.inboxKeptAside)).toEqual([`${waiting.value.id}.submission`]);
    const coraAgain = createEngine({ storePath: other, host: 'browser', version: 't' });
    expect(await coraAgain.invoke('store:unlock', { passphrase: CORA })).toMatchObject({ ok: true });
    expect(await coraAgain.invoke('sources:list', {})).toMatchObject({ ok: true, value: [{ partner: 'Police' }] });
    coraAgain.close();
  }, 120_000);

  it('a damaged side file in the archive refuses the restore and changes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'baseline.db');
    const ann = createEngine({ storePath: db, host: 'browser', version: 't', user: 'ann' });
    expect(await ann.invoke('store:create', { passphrase: ANN })).toMatchObject({ ok: true });
    expect(await ann.invoke('users:add', { user: 'cora', role: 'co-ordinator', organisation: null, passphrase: CORA })).toMatchObject({ ok: true });
    const archive = join(dir, 'b.bwbackup');
    expect(await ann.invoke('store:backup', { path: archive })).toMatchObject({ ok: true });
    ann.close();
    // Flip the archive's last byte: it lies in the aggregates store's part.
    const bytes = readFileSync(archive);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(archive, bytes);
    const target = join(tempDir(), 'restored.db');
    const restorer = createEngine({ storePath: target, host: 'browser', version: 't' });
    expect(await restorer.invoke('store:restore', { archive, target, passphrase: ANN })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/damaged.*Nothing was changed/) } });
    restorer.close();
    expect(existsSync(target) || existsSync(aggregatesPath(target))).toBe(false);
  }, 60_000);
});
