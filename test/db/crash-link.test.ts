// kill -9 during `link` leaves the store consistent (issue 6): the previous Run intact, no trace
// of the killed one (no link_run, person, household, assignment, pair or ID-event rows, the ID
// sequences unmoved), the audit chain verifies, and a fresh `link` succeeds. The kill happens at
// fixed checkpoints (BASELINE_TEST_CRASH_AT=<phase>@<step>), not on a timer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../electron/engine/store/store.js';
import { cliMain, REPO, runCli, type CliRun } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for link crash tests';
const env = { BASELINE_PASSPHRASE: PASS };

/**
 * `link` in a child process of its own, killed at the checkpoint given. Each runs the CLI compiled
 * once for the test run (test/global-setup.ts), so no process compiles the CLI's modules again.
 */
function killedLink(db: string, point: string): CliRun {
  const result = spawnSync(process.execPath, [cliMain(), 'link', '--db', db], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // written on a worker with its own connection, as a Run at scale is: its one transaction
    // must leave nothing when the process dies at any step
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, BASELINE_TEST_CRASH_AT: point, BASELINE_TEST_WRITE_ON_WORKER: '1' },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json: null, signal: result.signal };
}

const TABLES = ['link_run', 'person', 'household', 'run_record_person', 'run_person_household', 'link_pair', 'link_id_event', 'audit_event'] as const;

/** Everything a Run writes, counted and fingerprinted, so "unchanged" means unchanged. */
function snapshot(db: string): Record<string, unknown> {
  const store = Store.unlock(db, PASS);
  try {
    const r = store.reader;
    expect(store.writer.pragma('integrity_check', { simple: true })).toBe('ok');
    const out: Record<string, unknown> = {};
    // Each CLI sign-in is audited ("login") before the link starts: that event is the sign-in's,
    // not the killed run's, so it is left out of the comparison.
    for (const t of TABLES) out[t] = (r.prepare(`SELECT count(*) AS n FROM ${t}${t === 'audit_event' ? " WHERE action <> 'login'" : ''}`).get() as { n: number }).n;
    out.runs = r.prepare('SELECT id, records, persons, households, stored_pairs FROM link_run ORDER BY id').all();
    out.sequences = r.prepare('SELECT entity, next FROM link_id_sequence ORDER BY entity').all();
    out.assignments = r.prepare("SELECT group_concat(record_id || ':' || person_id) AS v FROM (SELECT record_id, person_id FROM run_record_person ORDER BY run_id, record_id)").get();
    out.lastAudit = r.prepare("SELECT action, hash FROM audit_event WHERE action <> 'login' ORDER BY id DESC LIMIT 1").get();
    return out;
  } finally {
    store.close();
  }
}

const KILL_POINTS = [
  ['training@2', 'after m and u are trained'],
  ['scoring@1', 'after every candidate pair is scored'],
  ['clustering@1', 'after clustering'],
  ['households@1', 'after households are built'],
  ['saving@1', 'mid-write: new person IDs registered, records assigned'],
  ['saving@2', 'mid-write: explained pairs written'],
  ['saving@3', 'mid-write: household IDs registered, persons assigned'],
  ['saving@4', 'mid-write: ID events and the audit event written, not committed'],
] as const;

describe('kill -9 during link', () => {
  it('at every checkpoint keeps the previous run, leaves nothing of the killed one, and links again afterwards', () => {
    const dir = tempDir();
    const db = join(dir, 'crash.db');
    const made = runCli(['demo', '--households', '40', '--seed', '7', '--out', join(dir, 'extracts'), '--db', db, '--json'], env);
    expect(made.code).toBe(0);
    expect((made.json?.link as { run: number } | null)?.run).toBe(1);
    const before = snapshot(db);
    expect(before.link_run).toBe(1);
    expect(before.link_pair).toBeGreaterThan(0);

    for (const [point] of KILL_POINTS) {
      const killed = killedLink(db, point);
      expect({ point, signal: killed.signal }).toEqual({ point, signal: 'SIGKILL' });
      expect({ point, after: snapshot(db) }).toEqual({ point, after: before });
      const verified = runCli(['audit', 'verify', '--db', db, '--json'], env);
      expect({ point, code: verified.code, ok: verified.json?.ok }).toEqual({ point, code: 0, ok: true });
    }

    const again = runCli(['link', '--db', db, '--json'], env);
    expect(again.code).toBe(0);
    const after = snapshot(db);
    expect(after.link_run).toBe(2);
    expect((after.runs as Array<{ id: number }>).map((run) => run.id)).toEqual([1, 2]);
    // the same records in the new run, and unchanged data keeps its person IDs
    expect(after.run_record_person).toBe(2 * (before.run_record_person as number));
    const store = Store.unlock(db, PASS);
    const moved = (store.reader.prepare(
      'SELECT count(*) AS n FROM run_record_person a JOIN run_record_person b ON a.record_id = b.record_id AND b.run_id = 2 WHERE a.run_id = 1 AND a.person_id <> b.person_id',
    ).get() as { n: number }).n;
    store.close();
    expect(moved).toBe(0);
    expect(runCli(['audit', 'verify', '--db', db], env).code).toBe(0);
  }, 300_000);
});
