// The sealed audit trail on real files: someone who holds the data key (but not the analysts'
// audit key) cannot rewrite, cut short or un-head the trail unnoticed, and a checkpoint kept
// outside the store catches a rewrite even by someone who holds the audit key.
import { createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { macOf } from '../../electron/engine/store/key-hierarchy.js';
import { readKeyFile, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'first analyst passphrase';

interface Row {
  id: number;
  at: string;
  actor: string;
  action: string;
  payload_json: string;
}

/** A store with five events, closed (so the key file holds the sealed head); and its keys. */
function sealedStore(): { path: string; dataKey: Buffer; auditKey: Buffer } {
  const path = join(tempDir(), 'baseline.db');
  const store = Store.create(path, PASS, 'ann');
  for (let i = 1; i <= 5; i++) store.audit('ann', 'import', { sourceId: i, records: 10 * i });
  const dataKey = Buffer.from(store.dataKey);
  const auditKey = Buffer.from(store.auditKey!);
  store.close();
  return { path, dataKey, auditKey };
}

function rawDb(path: string, dataKey: Buffer): Database.Database {
  const db = new Database(path);
  db.pragma(`key="x'${dataKey.toString('hex')}'"`);
  return db;
}

/**
 * Rebuilds the trail without the event `drop`: renumbered and re-chained, each hash made with
 * `hash` (plain SHA-256 for someone without the audit key, the HMAC for someone with it).
 */
function rebuildWithout(db: Database.Database, drop: number, hash: (material: string) => string): { id: number; hash: string } {
  const rows = (db.prepare('SELECT id, at, actor, action, payload_json FROM audit_event ORDER BY id').all() as Row[]).filter((r) => r.id !== drop);
  db.prepare('DELETE FROM audit_event').run();
  let prev = '0'.repeat(64);
  let id = 0;
  for (const r of rows) {
    id++;
    const h = hash(`${prev}\n${r.at}\n${r.actor}\n${r.action}\n${r.payload_json}`);
    db.prepare('INSERT INTO audit_event(id, at, actor, action, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, r.at, r.actor, r.action, r.payload_json, prev, h);
    prev = h;
  }
  return { id, hash: prev };
}

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
  vi.restoreAllMocks();
});

/** The real CLI, in-process: its exit code, what it said and its --json summary. */
async function runCli(argv: string[], env: Record<string, string>): Promise<{ code: number; stderr: string; json: Record<string, unknown> | null }> {
  Object.assign(process.env, env);
  let stderr = '';
  let stdout = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  const last = stdout.trim().split('\n').pop() ?? '';
  return { code, stderr, json: last ? (JSON.parse(last) as Record<string, unknown>) : null };
}

const verify = (path: string, checkpoint?: string): ReturnType<Store['verifyAudit']> => {
  const store = Store.unlock(path, PASS);
  try {
    return store.verifyAudit(checkpoint);
  } finally {
    store.close();
  }
};

describe('a sealed audit trail', () => {
  it('is keyed: each event an analyst writes is an HMAC under the audit key, not a plain hash', () => {
    const { path, dataKey, auditKey } = sealedStore();
    const db = rawDb(path, dataKey);
    const first = db.prepare('SELECT * FROM audit_event WHERE id = 1').get() as Row & { prev_hash: string; hash: string };
    db.close();
    const material = `${first.prev_hash}\n${first.at}\n${first.actor}\n${first.action}\n${first.payload_json}`;
    expect(first.hash).toBe(createHmac('sha256', auditKey).update(material).digest('hex'));
    expect(first.hash).not.toBe(createHash('sha256').update(material).digest('hex'));
    expect(verify(path)).toMatchObject({ ok: true, events: 5 });
  });

  it('a rewrite with the data key alone (event removed, renumbered, re-chained, head rewritten) fails verify', () => {
    const { path, dataKey } = sealedStore();
    const db = rawDb(path, dataKey);
    const head = rebuildWithout(db, 3, (m) => createHash('sha256').update(m).digest('hex'));
    db.close();
    const keyFile = readKeyFile(`${path}.keys`);
    writeKeyFile(`${path}.keys`, { ...keyFile, auditHead: { ...head, mac: keyFile.auditHead?.mac } });
    const verdict = verify(path);
    expect(verdict.ok).toBe(false);
    expect(verdict.problem?.reason).toMatch(/not written by Baseline Workbench/);
  });

  it('cutting the trail short and pointing the head at an earlier event fails verify', () => {
    const { path, dataKey } = sealedStore();
    const db = rawDb(path, dataKey);
    db.prepare('DELETE FROM audit_event WHERE id > 4').run();
    const kept = db.prepare('SELECT id, hash FROM audit_event WHERE id = 4').get() as { id: number; hash: string };
    db.close();
    const keyFile = readKeyFile(`${path}.keys`);
    writeKeyFile(`${path}.keys`, { ...keyFile, auditHead: { ...kept, mac: keyFile.auditHead?.mac } });
    expect(verify(path)).toMatchObject({ ok: false, problem: { id: 4 } });
  });

  it('deleting the head from the key file fails verify, and the next session does not re-seal over it', () => {
    const { path, dataKey } = sealedStore();
    const db = rawDb(path, dataKey);
    db.prepare('DELETE FROM audit_event WHERE id > 4').run();
    db.close();
    const keyFile = readKeyFile(`${path}.keys`);
    delete keyFile.auditHead;
    writeKeyFile(`${path}.keys`, keyFile);
    const first = verify(path);
    expect(first.ok).toBe(false);
    expect(first.problem?.reason).toMatch(/head of the trail is missing/);
    // That verify was itself a session (it signed in, then closed): still no head, still failing.
    expect(readKeyFile(`${path}.keys`).auditHead).toBeUndefined();
    expect(verify(path).ok).toBe(false);
  });

  it('a checkpoint catches a rewrite even by someone holding the audit key', () => {
    const { path, dataKey, auditKey } = sealedStore();
    const store = Store.unlock(path, PASS);
    const checkpoint = store.sealAuditHead()!;
    store.close();
    expect(verify(path, checkpoint.hash)).toMatchObject({ ok: true, checkpoint: { found: true, id: checkpoint.id } });

    // An insider with the audit key removes event 3 and re-seals everything consistently.
    const db = rawDb(path, dataKey);
    const head = rebuildWithout(db, 3, (m) => createHmac('sha256', auditKey).update(m).digest('hex'));
    db.close();
    const keyFile = readKeyFile(`${path}.keys`);
    writeKeyFile(`${path}.keys`, { ...keyFile, auditHead: { ...head, mac: macOf(auditKey, ['head', keyFile.storeId, head.id, head.hash]) } });
    expect(verify(path).ok).toBe(true);
    const caught = verify(path, checkpoint.hash);
    expect(caught.ok).toBe(false);
    expect(caught.problem?.reason).toMatch(/checkpoint .* is not in the trail/);
  });

  it('the CLI prints the checkpoint on audit export and dp-record export, and verify --checkpoint checks it', async () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const store = Store.create(db, PASS, 'ann');
    store.close();
    const audit = await runCli(['audit', 'export', '--out', join(dir, 'audit.csv'), '--db', db, '--json'], env);
    expect(audit.code, audit.stderr).toBe(0);
    const checkpoint = (audit.json as { checkpoint: { id: number; hash: string } }).checkpoint;
    expect(checkpoint.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.stderr).toContain(`Audit checkpoint (event ${checkpoint.id}): ${checkpoint.hash}`);
    const record = await runCli(['dp-record', 'export', '--out', join(dir, 'record.xlsx'), '--db', db, '--json'], env);
    expect(record.code, record.stderr).toBe(0);
    expect(record.stderr).toMatch(/Audit checkpoint \(event \d+\): [0-9a-f]{64}/);

    const good = await runCli(['audit', 'verify', '--checkpoint', checkpoint.hash, '--db', db, '--json'], env);
    expect(good.code, good.stderr).toBe(0);
    expect(good.json).toMatchObject({ ok: true, checkpoint: { found: true, id: checkpoint.id } });
    expect(verify(db, 'a'.repeat(64)).problem?.reason).toMatch(/checkpoint a{64} is not in the trail/);
  }, 60_000);
});
