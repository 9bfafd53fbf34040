// One front door: the command line and the app reach the engine through the same channels, so
// every role gets the same answer from both, and every CLI command obeys its channel's policy.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../shared/domain/roles.js';
import { CHANNEL_NAMES, JOB_RESULTS, type Channel, type EngineEvent } from '../../shared/ipc/contract.js';
import { CHANNEL_POLICY, mayCall, refusal } from '../../shared/ipc/policy.js';
import { WorkbenchError, type Result } from '../../shared/ipc/result.js';
import { withEngine } from '../../electron/cli/invoke.js';
import { main } from '../../electron/cli/main.js';
import { createEngine } from '../../electron/engine/engine.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { SAMPLE } from '../helpers/channel-samples.js';
import { REPO } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const IOD = join(REPO, '..', 'shared', 'data', 'iod2025', 'File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv');

const USERS: Record<Role, { user: string; passphrase: string }> = {
  analyst: { user: 'ann', passphrase: 'first analyst passphrase' },
  'co-ordinator': { user: 'cora', passphrase: 'coordinator passphrase' },
  partner: { user: 'pat', passphrase: 'partner passphrase' },
};
const ROLES = Object.keys(USERS) as Role[];
const POLICE = 'South Yorkshire Police';

/**
 * A store with the three roles and two sources: source 1 is the partner's own (police), source 2
 * another organisation's (the school census), each with a saved mapping preset.
 */
async function makeSeededStore(dir: string): Promise<string> {
  const path = join(dir, 'baseline.db');
  const store = Store.create(path, USERS.analyst.passphrase, USERS.analyst.user);
  addUser(store, { user: USERS['co-ordinator'].user, role: 'co-ordinator', organisation: null }, USERS['co-ordinator'].passphrase);
  addUser(store, { user: USERS.partner.user, role: 'partner', organisation: POLICE }, USERS.partner.passphrase);
  const police = join(dir, 'police.csv');
  const school = join(dir, 'school.csv');
  writeFileSync(police, 'Forename,Surname,DOB,Postcode\nPol,Lee,01/02/1980,S60 1AB\n');
  writeFileSync(school, 'Forename,Surname,DOB,Postcode\nSam,Lee,03/04/2012,S60 1AB\nSue,Lee,05/06/2013,S60 1AB\n');
  await importFile(store, police, { partner: POLICE, kind: 'police', user: 'ann', savePresetAs: 'Police layout' }, silentJob());
  await importFile(store, school, { partner: 'School census', kind: 'school', user: 'ann', savePresetAs: 'School layout' }, silentJob());
  store.close();
  return path;
}

// Made once (three key slots cost three key derivations), then copied for each test.
let template = '';
beforeAll(async () => {
  template = await makeSeededStore(mkdtempSync(join(tmpdir(), 'bw-front-door-')));
}, 120_000);
afterAll(() => {
  if (template) rmSync(dirname(template), { recursive: true, force: true });
});

/** A fresh copy of the seeded store, with its extracts, in `dir`. */
function seededStore(dir: string): string {
  for (const file of ['police.csv', 'school.csv']) copyFileSync(join(dirname(template), file), join(dir, file));
  return copyStore(template, dir);
}

/** A copy of the store (and its key file), so two doors can run the same calls from the same start. */
function copyStore(path: string, dir: string): string {
  const copy = join(dir, 'baseline.db');
  copyFileSync(path, copy);
  copyFileSync(`${path}.keys`, `${copy}.keys`);
  // Co-ordinators open the aggregates store beside it.
  if (existsSync(`${path}.aggregates`)) copyFileSync(`${path}.aggregates`, `${copy}.aggregates`);
  return copy;
}

type Outcome = { ok: true } | { ok: false; kind: string; message: string };
/** Each door works on its own copy of the store: messages naming its folder are compared without it. */
const unplaced = (message: string, path: string): string => message.split(dirname(path)).join('<store folder>');
const outcomeOf = (result: Result<unknown>, path: string): Outcome =>
  result.ok ? { ok: true } : { ok: false, kind: result.error.kind, message: unplaced(result.error.message, path) };
const isJob = (channel: Channel): boolean => Object.hasOwn(JOB_RESULTS, channel);

/** Every channel that runs with a store open (the lock/unlock/create channels are how the doors open it). */
const CALLED = CHANNEL_NAMES.filter((c) => c !== 'store:create' && c !== 'store:unlock' && c !== 'store:lock');

/** The app's door: IPC into an engine the user unlocked; a job counts by how it finished. */
async function throughIpc(path: string, role: Role): Promise<Map<Channel, Outcome>> {
  const engine = createEngine({ storePath: path, host: 'browser', version: 't' });
  const finished = new Map<string, Result<unknown>>();
  engine.onEvent((event: EngineEvent) => {
    if (event.type === 'job:finished') finished.set(event.job, event.result as Result<unknown>);
  });
  expect(await engine.invoke('store:unlock', { passphrase: USERS[role].passphrase })).toMatchObject({ ok: true });
  const outcomes = new Map<Channel, Outcome>();
  for (const channel of CALLED) {
    const result = await engine.invoke(channel, SAMPLE[channel]);
    await engine.idle();
    const job = result.ok && isJob(channel) ? finished.get((result.value as { job: string }).job) : undefined;
    outcomes.set(channel, outcomeOf(job ?? result, path));
  }
  engine.close();
  return outcomes;
}

/** The command line's door: the helper every CLI command calls, with the user's passphrase. */
async function throughCli(path: string, role: Role): Promise<Map<Channel, Outcome>> {
  const outcomes = new Map<Channel, Outcome>();
  process.env.BASELINE_PASSPHRASE = USERS[role].passphrase;
  await withEngine({ storePath: path, user: USERS[role].user, say: () => undefined }, async (engine) => {
    for (const channel of CALLED) {
      try {
        await engine.call(channel, SAMPLE[channel] as never);
        outcomes.set(channel, { ok: true });
      } catch (error) {
        if (!(error instanceof WorkbenchError)) throw error;
        outcomes.set(channel, { ok: false, kind: error.kind, message: unplaced(error.message, path) });
      }
    }
  });
  return outcomes;
}

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

describe('every channel × role: the same answer through the app and the command line', () => {
  it.each(ROLES)('%s', async (role) => {
    const base = seededStore(tempDir());
    const ipc = await throughIpc(copyStore(base, tempDir()), role);
    const cli = await throughCli(copyStore(base, tempDir()), role);
    for (const channel of CALLED) {
      const viaIpc = ipc.get(channel);
      const viaCli = cli.get(channel);
      // Refused exactly when the channel's policy leaves the role out, with the same words.
      if (mayCall(role, channel)) expect(viaIpc, channel).not.toMatchObject({ kind: 'forbidden', message: refusal(role, channel) });
      else expect(viaIpc, channel).toEqual({ ok: false, kind: 'forbidden', message: refusal(role, channel) });
      expect(viaCli, channel).toEqual(viaIpc);
    }
  }, 120_000);
});

/** Runs the real CLI in-process (main), capturing what it writes. */
async function cli(argv: string[], env: Record<string, string>): Promise<{ code: number; stderr: string; json: Record<string, unknown> | null }> {
  Object.assign(process.env, env);
  let stderr = '';
  let stdout = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    const code = await main([...argv, '--json']);
    const last = stdout.trim().split('\n').pop() ?? '';
    return { code, stderr, json: last ? (JSON.parse(last) as Record<string, unknown>) : null };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

/**
 * The audit trail as the analyst reads it: [actor, action] per event. Each CLI sign-in is audited
 * ("login") before the command runs: that is the session's event, not the command's, so it is left out.
 */
function auditTrail(path: string): Array<[string, string]> {
  const store = Store.unlock(path, USERS.analyst.passphrase, USERS.analyst.user);
  try {
    return (store.reader.prepare("SELECT actor, action FROM audit_event WHERE action <> 'login' ORDER BY id").all() as Array<{ actor: string; action: string }>).map((e) => [e.actor, e.action]);
  } finally {
    store.close();
  }
}

describe('every CLI command obeys its channel\'s policy: refused is exit 1 and writes nothing', () => {
  let dir = '';
  let db = '';
  beforeEach(async () => {
    dir = tempDir();
    db = seededStore(dir);
    writeFileSync(join(dir, 'indicator.json'), '{}');
  });

  /** Each command as typed, and the channel whose policy decides who may run it. */
  const commands = (): Array<[string[], Channel]> => [
    [['import', join(dir, 'police.csv')], 'import:start'],
    [['mapping', 'list'], 'mapping:list'],
    [['inbox', 'list'], 'inbox:list'],
    [['inbox', 'take-in'], 'inbox:takeIn'],
    [['source', 'list'], 'sources:list'],
    [['source', 'diff', '1'], 'source:diff'],
    [['source', 'remap', '1'], 'sources:remap'],
    [['source', 'purge', '1'], 'governance:purge'],
    [['export', 'quarantine', '--source', '1', '--out', join(dir, 'out-q.xlsx')], 'quarantine:export'],
    [['export', 'clusters', '--out', join(dir, 'out-c.csv')], 'matching:exportClusters'],
    [['export', 'pairs', '--out', join(dir, 'out-p.csv')], 'matching:exportPairs'],
    [['link'], 'matching:run'],
    [['model', 'show'], 'matching:spec'],
    [['blocking'], 'matching:blocking'],
    [['demo', '--households', '1', '--out', join(dir, 'out-demo')], 'demo:create'],
    [['users', 'list'], 'users:list'],
    [['users', 'add', 'eve', '--role', 'analyst'], 'users:add'],
    [['users', 'remove', 'cora'], 'users:remove'],
    [['users', 'recovery-code'], 'governance:recoveryCreate'],
    [['audit', 'verify'], 'audit:verify'],
    [['audit', 'export', '--out', join(dir, 'out-a.csv')], 'audit:export'],
    [['dp-record'], 'governance:record'],
    [['dp-record', 'export', '--out', join(dir, 'out-dp.xlsx')], 'governance:exportRecord'],
    [['imd', 'import', IOD], 'geo:import'],
    [['lookup', 'import', join(dir, 'police.csv')], 'geo:import'],
    [['boundaries', 'import', join(dir, 'police.csv')], 'geo:import'],
    [['lookup', 'unmatched'], 'geo:unmatched'],
    [['area', 'create', 'Ferham', 'E01007715'], 'areas:create'],
    [['area', 'add-lsoa', 'Ferham', 'E01007716'], 'areas:addLsoas'],
    [['area', 'remove-lsoa', 'Ferham', 'E01007716'], 'areas:removeLsoas'],
    [['area', 'delete', 'Ferham'], 'areas:delete'],
    [['areas', 'list'], 'areas:list'],
    [['area', 'show', 'Ferham'], 'areas:show'],
    [['area', 'profile', 'Ferham'], 'areas:profile'],
    [['backup', '--out', join(dir, 'out-b.bwbackup')], 'store:backup'],
    [['review', 'list'], 'review:queue'],
    [['review', 'decide', '1-2', 'match'], 'review:decide'],
    [['review', 'undo', '1-2'], 'review:clear'],
    [['search', 'Smith'], 'baseline:search'],
    [['household', 'show', 'H0000001'], 'baseline:household'],
    [['person', 'export', 'P0000001', '--out', join(dir, 'out-s.xlsx')], 'baseline:subjectAccess'],
    [['person', 'erase', 'P0000001'], 'baseline:erase'],
    [['baseline', 'export', 'people', '--out', join(dir, 'out-g.csv')], 'baseline:gridExport'],
    [['baseline', 'wards'], 'baseline:wards'],
    [['baseline', 'streets'], 'baseline:streets'],
    [['programme', 'list'], 'programme:list'],
    [['programme', 'copy', 'troubled-families-phase-2', 'ours'], 'programme:copy'],
    [['cohort', 'evaluate', '--preset', 'troubled-families-phase-2', '--as-of', '2025-03-31'], 'cohort:evaluate'],
    [['cohort', 'export', '--preset', 'troubled-families-phase-2', '--as-of', '2025-03-31', '--out', join(dir, 'out-f.csv')], 'cohort:export'],
    [['outcomes', 'families', '--as-of', '2025-03-31'], 'outcomes:families'],
    [['indicator', 'list'], 'outcomes:indicators'],
    [['indicator', 'add', '--spec', join(dir, 'indicator.json')], 'outcomes:saveIndicator'],
    [['outcomes', 'areas'], 'outcomes:areas'],
    [['pack', 'templates'], 'packs:templates'],
    [['pack', 'build', '--out', join(dir, 'out-pack')], 'packs:build'],
    [['model', 'export', '--format', 'splink', '--out', join(dir, 'out-m.json')], 'model:exportSplink'],
    [['partner', 'list'], 'partners:list'],
    [['partner', 'add', 'Youth Justice Service', '--kind', 'youth-justice'], 'partners:save'],
    [['partner', 'rename', 'School census', 'Rotherham schools'], 'partners:rename'],
    [['partner', 'remove', 'Nobody'], 'partners:remove'],
  ];

  it.each(['co-ordinator', 'partner'] as const)('%s', async (role) => {
    const env = { BASELINE_PASSPHRASE: USERS[role].passphrase, BASELINE_NEW_PASSPHRASE: 'a new user passphrase', BASELINE_HOME: dir };
    const before = auditTrail(db);
    const refused = commands().filter(([, channel]) => CHANNEL_POLICY[channel] !== 'open' && !mayCall(role, channel));
    expect(refused.length).toBeGreaterThan(0);
    for (const [argv] of refused) {
      const run = await cli([...argv, '--db', db, '--user', USERS[role].user], env);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr, argv.join(' ')).toContain(`your role (${role}) does not allow it`);
      expect(run.json, argv.join(' ')).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    // Nothing written: no file, and not one event in the trail (every change is audited).
    expect(auditTrail(db)).toEqual(before);
    for (const out of ['out-q.xlsx', 'out-c.csv', 'out-p.csv', 'out-a.csv', 'out-dp.xlsx', 'out-demo', 'out-b.bwbackup', 'out-s.xlsx', 'out-f.csv', 'out-pack', 'out-m.json', 'out-g.csv']) expect(existsSync(join(dir, out)), out).toBe(false);
    // And what the policy allows is not refused.
    for (const [argv, channel] of commands().filter(([, c]) => mayCall(role, c))) {
      const run = await cli([...argv, '--db', db, '--user', USERS[role].user], env);
      expect(run.stderr, `${argv.join(' ')} (${channel})`).not.toContain('does not allow it');
    }
  }, 180_000);
});

describe('what the command line let other roles do before, it refuses or scopes now', () => {
  let dir = '';
  let db = '';
  beforeEach(async () => {
    dir = tempDir();
    db = seededStore(dir);
  });
  const as = (role: Role): Record<string, string> => ({ BASELINE_PASSPHRASE: USERS[role].passphrase, BASELINE_HOME: dir });
  const user = (role: Role): string[] => ['--db', db, '--user', USERS[role].user];

  it('a refused role learns nothing of a channel, not even how its requests are shaped', async () => {
    const run = await cli(['review', 'decide', 'not-a-pair', 'match', ...user('partner')], as('partner'));
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(run.stderr).not.toContain('pair ID');
  });

  it('a partner reaches only their own organisation\'s sources and presets', async () => {
    const q = join(dir, 'school-quarantine.xlsx');
    const quarantine = await cli(['export', 'quarantine', '--source', '2', '--out', q, ...user('partner')], as('partner'));
    expect(quarantine.code).toBe(1);
    expect(quarantine.stderr).toMatch(/There is no source 2/);
    expect(existsSync(q)).toBe(false);
    const diff = await cli(['source', 'diff', '2', ...user('partner')], as('partner'));
    expect(diff.code).toBe(1);
    expect(diff.stderr).toMatch(/There is no source 2/);
    const presets = await cli(['mapping', 'list', ...user('partner')], as('partner'));
    expect(presets.code).toBe(0);
    expect((presets.json?.presets as Array<{ name: string }>).map((p) => p.name)).toEqual(['Police layout']);
    const sources = await cli(['source', 'list', ...user('partner')], as('partner'));
    expect((sources.json?.sources as Array<{ partner: string }>).map((s) => s.partner)).toEqual([POLICE]);
    for (const argv of [['users', 'list'], ['audit', 'export', '--out', join(dir, 'a.csv')], ['dp-record', 'export', '--out', join(dir, 'dp.xlsx')], ['export', 'clusters', '--out', join(dir, 'c.csv')]]) {
      const run = await cli([...argv, ...user('partner')], as('partner'));
      expect(run.code, argv.join(' ')).toBe(1);
    }
    for (const file of ['a.csv', 'dp.xlsx', 'c.csv']) expect(existsSync(join(dir, file)), file).toBe(false);
  }, 60_000);

  it('a partner\'s import is filed under their own organisation, whatever --source says, and audited as them', async () => {
    const csv = join(dir, 'census-again.csv');
    writeFileSync(csv, 'Forename,Surname,DOB\nPam,Lee,01/01/1990\n');
    const run = await cli(['import', csv, '--source', 'School census', '--kind', 'school', ...user('partner')], as('partner'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`filed under ${POLICE}, not School census`);
    const analyst = await cli(['source', 'list', ...user('analyst')], as('analyst'));
    const filed = (analyst.json?.sources as Array<{ fileName: string; partner: string }>).find((s) => s.fileName === 'census-again.csv');
    expect(filed?.partner).toBe(POLICE);
    expect(auditTrail(db).filter(([, action]) => action === 'import').pop()).toEqual(['pat', 'import']);
  }, 60_000);

  it('a co-ordinator cannot import or build areas, and nothing is written', async () => {
    const before = auditTrail(db);
    const csv = join(dir, 'more.csv');
    writeFileSync(csv, 'Forename,Surname\nCoz,Lee\n');
    expect((await cli(['import', csv, ...user('co-ordinator')], as('co-ordinator'))).code).toBe(1);
    expect((await cli(['area', 'create', 'Ferham', 'E01007715', ...user('co-ordinator')], as('co-ordinator'))).code).toBe(1);
    expect(auditTrail(db)).toEqual(before);
  }, 60_000);

  it('area profile is disclosure-controlled for a co-ordinator, exact for an analyst, and audited as whoever asked', async () => {
    const lookup = join(dir, 'postcodes.csv');
    writeFileSync(lookup, 'pcds,lsoa21cd\nS60 1AB,E01007715\n');
    expect((await cli(['imd', 'import', IOD, ...user('analyst')], as('analyst'))).code).toBe(0);
    expect((await cli(['lookup', 'import', lookup, ...user('analyst')], as('analyst'))).code).toBe(0);
    expect((await cli(['link', ...user('analyst')], as('analyst'))).code).toBe(0);
    expect((await cli(['area', 'create', 'Ferham', 'E01007715', '--vintage', '2021', ...user('analyst')], as('analyst'))).code).toBe(0);
    const exact = await cli(['area', 'profile', 'Ferham', ...user('analyst')], as('analyst'));
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.json).toMatchObject({ records: { placedInArea: 3, byLsoa: [{ lsoa: 'E01007715', records: 3 }] }, baseline: { disclosure: 'exact', persons: 3 } });
    // Under 10: withheld for every role that sees aggregates only.
    const controlled = await cli(['area', 'profile', 'Ferham', ...user('co-ordinator')], as('co-ordinator'));
    expect(controlled.code, controlled.stderr).toBe(0);
    expect(controlled.json).not.toHaveProperty('records');
    expect(controlled.json).toMatchObject({ baseline: { disclosure: 'rounded', persons: null, households: null } });
    const actors = auditTrail(db).filter(([, action]) => action === 'area-profile').map(([actor]) => actor);
    expect(actors).toEqual(['ann', 'cora']);
  }, 90_000);

  it('every command is audited as the signed-in user (whom the passphrase names), never a default name', async () => {
    // No --user: the passphrase alone says who acts.
    expect((await cli(['imd', 'import', IOD, '--db', db], as('analyst'))).code).toBe(0);
    expect((await cli(['area', 'create', 'Ferham', 'E01007715', '--vintage', '2021', '--db', db], as('analyst'))).code).toBe(0);
    expect((await cli(['area', 'profile', 'Ferham', '--db', db], as('co-ordinator'))).code).toBe(0);
    expect((await cli(['export', 'quarantine', '--source', '1', '--out', join(dir, 'q.xlsx'), '--db', db], as('partner'))).code).toBe(0);
    const trail = auditTrail(db);
    expect(trail).toContainEqual(['pat', 'quarantine-exported']);
    expect(trail).toContainEqual(['ann', 'area-create']);
    expect(trail).toContainEqual(['cora', 'area-profile']);
    expect(trail.map(([actor]) => actor)).not.toContain('analyst');
    expect(readFileSync(`${db}.keys`, 'utf8')).not.toContain('"user":"analyst"');
  }, 60_000);
});
