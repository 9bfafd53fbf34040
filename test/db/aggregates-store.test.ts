// Co-ordinators hold aggregates only: on a copy of the real files (store, key file, aggregates
// store), a co-ordinator's passphrase unwraps the aggregates key alone, which opens no row of the
// main store; the commands co-ordinators use still give the disclosure-controlled figures they
// got before, read from the aggregates store; and their audit events reach the sealed trail as
// them at the next analyst session.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyNotices } from '../../electron/cli/open-store.js';
import '../../electron/engine/engine.js';
import { aggregatesPath, openAggregates } from '../../electron/engine/aggregates/db.js';
import { evaluateCohort } from '../../electron/engine/cohort/cohort.js';
import { accessByRole } from '../../electron/engine/governance/access.js';
import { getProgramme } from '../../electron/engine/cohort/programmes.js';
import { openDatabase } from '../../electron/engine/store/database.js';
import { addCertifiedSlot } from '../../electron/engine/store/key-hierarchy.js';
import { readKeyFile, tryUnwrapKeys, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { runCli } from '../helpers/cli.js';
import { buildPackFixture } from '../helpers/pack-fixture.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ANN = 'first analyst passphrase';
const CORA = 'coordinator passphrase';
const AS_OF = '2025-03-31';

let root = '';
let template = '';
/** Names and dates of birth from the main store's records: none may be in the aggregates store. */
let secrets: string[] = [];
/** The cohort as co-ordinators got it from the main store before (rounded, small counts withheld). */
let before: unknown;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bw-aggregates-'));
  const fixture = await buildPackFixture(root, { households: 40, passphrase: ANN, nationalIod: false });
  const store = fixture.store;
  addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, CORA);
  const rows = store.reader.prepare('SELECT forename, surname, dob FROM record WHERE forename IS NOT NULL AND surname IS NOT NULL AND dob IS NOT NULL').all() as Array<{ forename: string; surname: string; dob: string }>;
  secrets = [...new Set(rows.flatMap((r) => [`${r.forename} ${r.surname}`, r.dob]))];
  const p = getProgramme(store.reader, 'troubled-families-phase-1', undefined);
  before = evaluateCohort(store.reader, { name: p.name, version: p.version, preset: p.preset, edited: false, definition: p.definition, asOf: AS_OF, disclosure: 'rounded', limit: 0 }).summary;
  // The analyst's session ends: the aggregates store is prepared for co-ordinators.
  store.close();
  template = fixture.path;
}, 240_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the three files, as someone who took them away would hold them. */
function copyOfFiles(): string {
  const dir = tempDir();
  const path = join(dir, 'baseline.db');
  copyFileSync(template, path);
  copyFileSync(`${template}.keys`, `${path}.keys`);
  copyFileSync(aggregatesPath(template), aggregatesPath(path));
  return path;
}

const as = (passphrase: string, dir: string): Record<string, string> => ({ BASELINE_PASSPHRASE: passphrase, BASELINE_HOME: dir });

describe('a copy of the files, opened with a co-ordinator\'s passphrase', () => {
  it('unwraps the aggregates key alone: it opens the aggregates store and no row of the main store', () => {
    const path = copyOfFiles();
    const keyFile = readKeyFile(`${path}.keys`);
    const slot = keyFile.slots.find((s) => s.user === 'cora');
    expect(slot?.holds).toEqual(['aggregates']);
    const keys = tryUnwrapKeys(slot!, CORA, keyFile.storeId);
    expect(keys?.data).toBeNull();
    expect(keys?.audit).toBeNull();
    expect(keys?.aggregates?.length).toBe(32);
    // Whatever the slot unwraps, the main store does not open with it.
    for (const key of [keys!.aggregates!, keys!.secret!]) expect(() => openDatabase(path, key, { create: false, readonly: true })).toThrow(/not a Baseline Workbench store/);
    // The aggregates store does, and holds no name or date of birth from the records.
    const db = openAggregates(path, keys!.aggregates!);
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
      expect(tables).toEqual(['agg_answer', 'agg_journal', 'agg_pack', 'agg_request', 'meta', 'pack_template']);
      const text = (db.prepare('SELECT response_json AS t FROM agg_answer UNION ALL SELECT document_json FROM agg_pack').all() as Array<{ t: string }>).map((r) => r.t).join('\n');
      expect(text).toContain('"disclosure":"rounded"');
      expect(secrets.length).toBeGreaterThan(50);
      for (const secret of secrets) expect(text.includes(secret), 'a record value in the aggregates store').toBe(false);
    } finally {
      db.close();
    }
    // Signing in as the co-ordinator gives a session without the data key.
    const session = Store.unlock(path, CORA);
    expect(session.aggregatesOnly).toBe(true);
    expect(() => session.requireDataKey()).toThrow(/aggregates store only/);
    session.close();
    // The data protection record says so, per role.
    const ann = Store.unlock(path, ANN);
    const access = accessByRole(ann);
    ann.close();
    expect(access.map((a) => [a.holder, a.users, a.holds])).toEqual([
      ['analyst', 1, 'data key, audit key, aggregates key'],
      ['co-ordinator', 1, 'aggregates key'],
    ]);
    expect(access[1]?.reaches).toMatch(/^No person-level row: opens the aggregates store only/);
  });
});

describe('co-ordinators\' commands read the aggregates store', () => {
  it('cohort, outcomes, area profile and pack build give the disclosure-controlled figures as before; the trail records them as the co-ordinator', () => {
    const path = copyOfFiles();
    const dir = dirname(path);
    const coordinator = as(CORA, dir);
    const cohort = runCli(['cohort', 'evaluate', '--preset', 'troubled-families-phase-1', '--as-of', AS_OF, '--db', path, '--json'], coordinator);
    expect(cohort.code, cohort.stderr).toBe(0);
    const { ok: _ok, command: _command, store: _store, millis: _m1, ...served } = cohort.json as Record<string, unknown>;
    const { millis: _m2, ...expected } = before as Record<string, unknown>;
    expect(served).toEqual(expected);
    expect(served).toMatchObject({ disclosure: 'rounded' });

    const outcomes = runCli(['outcomes', 'families', '--as-of', AS_OF, '--db', path, '--json'], coordinator);
    expect(outcomes.code, outcomes.stderr).toBe(0);
    expect(outcomes.json).toMatchObject({ ok: true });
    const areas = runCli(['outcomes', 'areas', '--db', path, '--json'], coordinator);
    expect(areas.code, areas.stderr).toBe(0);
    const profile = runCli(['area', 'profile', 'Ferham and Masbrough', '--db', path, '--json'], coordinator);
    expect(profile.code, profile.stderr).toBe(0);
    expect(profile.json).toMatchObject({ baseline: { disclosure: 'rounded' } });
    const pack = runCli(['pack', 'build', '--out', join(dir, 'pack'), '--db', path, '--json'], coordinator);
    expect(pack.code, pack.stderr).toBe(0);
    expect(existsSync(pack.json?.pdf as string)).toBe(true);
    expect(readFileSync(pack.json?.xlsx as string).length).toBeGreaterThan(1000);

    // What needs the records is refused in plain words, and a figure nobody prepared is noted.
    const search = runCli(['search', 'Smith', '--db', path], coordinator);
    expect(search.code).toBe(1);
    const unprepared = runCli(['cohort', 'evaluate', '--preset', 'troubled-families-phase-1', '--as-of', '2019-01-01', '--db', path], coordinator);
    expect(unprepared.code).toBe(1);
    // It says which dates are prepared, and how the one asked for gets prepared.
    expect(unprepared.stderr).toMatch(/cohort for troubled-families-phase-1 at 1 January 2019 has not been prepared for co-ordinators/);
    expect(unprepared.stderr).toMatch(/Prepared dates: [^.]*31 March 2025/);
    expect(unprepared.stderr).toMatch(/An analyst prepares it by evaluating the cohort at that date \(the Families page, or "cohort evaluate --as-of 2019-01-01"\)/);
    expect(unprepared.stderr).toMatch(/request has been noted/);

    // The co-ordinator could not write the main store: their events waited in the journal, and
    // the analyst's next session folds them into the sealed trail as the co-ordinator, and prepares what was asked for.
    const ann = Store.unlock(path, ANN);
    const actions = (ann.reader.prepare("SELECT action FROM audit_event WHERE actor = 'cora' ORDER BY id").all() as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['login', 'cohort-evaluate', 'outcomes-families', 'area-profile', 'pack-built']));
    expect(ann.verifyAudit().ok).toBe(true);
    ann.close();
    const later = runCli(['cohort', 'evaluate', '--preset', 'troubled-families-phase-1', '--as-of', '2019-01-01', '--db', path, '--json'], coordinator);
    expect(later.code, later.stderr).toBe(0);
    expect(later.json).toMatchObject({ asOf: '2019-01-01', disclosure: 'rounded' });
  }, 120_000);
});

describe('co-ordinators from before the aggregates store', () => {
  it('a co-ordinator slot holding the data key is removed at the next analyst sign-in, which names them', () => {
    const path = copyOfFiles();
    // An aggregates file the key cannot open (another store's, left beside a restored one) is made again.
    writeFileSync(aggregatesPath(path), randomBytes(64 * 1024));
    const ann = Store.unlock(path, ANN);
    // As the previous version wrote a co-ordinator's slot: the data key, certified.
    const keyFile = readKeyFile(ann.keyPath);
    const old = addCertifiedSlot(keyFile, { data: ann.dataKey, audit: ann.auditKey! }, 'old coordinator passphrase', 'passphrase', { user: 'olga', role: 'co-ordinator', organisation: null }, { holds: ['data'] });
    writeKeyFile(ann.keyPath, old.keyFile);
    ann.close();
    expect(() => Store.unlock(path, 'old coordinator passphrase')).toThrow(/olga's key slot is from before co-ordinators had an aggregates store/);
    const again = Store.unlock(path, ANN);
    expect(again.reissuedCoordinators.map((s) => s.user)).toEqual(['olga']);
    expect(keyNotices(again).join('\n')).toMatch(/old key slots of olga held the whole store's key and were removed: add them again/);
    again.close();
    expect(readKeyFile(`${path}.keys`).slots.map((s) => s.user)).not.toContain('olga');
    const cora = Store.unlock(path, CORA);
    expect(cora.aggregatesOnly).toBe(true);
    cora.close();
  }, 60_000);
});

describe('partners submit without reading, unless an analyst says otherwise', () => {
  it('users add --role partner gives a slot with no key of the store\'s; --reads-own one that reads their own sources', () => {
    const path = copyOfFiles();
    const env = { ...as(ANN, dirname(path)), BASELINE_NEW_PASSPHRASE: 'partner passphrase 2026' };
    const added = runCli(['users', 'add', 'pat', '--role', 'partner', '--organisation', 'Police', '--db', path], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('opens nothing in the store');
    const reader = runCli(['users', 'add', 'rob', '--role', 'partner', '--organisation', 'Police', '--reads-own', '--db', path], { ...env, BASELINE_NEW_PASSPHRASE: 'reading partner passphrase' });
    expect(reader.code, reader.stderr).toBe(0);
    const slots = readKeyFile(`${path}.keys`).slots;
    expect(slots.find((s) => s.user === 'pat')?.holds).toEqual(['reply']);
    expect(slots.find((s) => s.user === 'rob')?.holds).toEqual(['data']);
    expect(() => Store.unlock(path, 'partner passphrase 2026')).toThrow(/does not open the store/);
  }, 60_000);
});
