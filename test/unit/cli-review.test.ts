// The review queue through the real CLI on a real store: `review list --json` names each pair
// with both records' file, sheet and row and its probability; `review decide` takes the pair out
// of the queue, and the next `link` honours it (a match joins the two rows, a non-match keeps
// them apart); only analysts may review.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for tests';

interface Side { recordId: number; file: string; sheet: string; row: number }
interface Pair { id: string; probability: number; a: Side; b: Side }

function personOfRow(csv: string, side: Side): string {
  const line = csv.split('\r\n').find((l) => l.startsWith(`${side.file},${side.sheet},${side.row},`));
  if (!line) throw new Error(`no clusters line for ${side.file} ${side.sheet} ${side.row}`);
  return line.split(',')[3] as string;
}

describe('review CLI', () => {
  it('lists, decides, and the decisions hold at the next link', () => {
    const dir = tempDir();
    const db = join(dir, 'demo.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    expect(runCli(['--db', db, 'demo', '--households', '80', '--seed', '3', '--out', join(dir, 'demo')], env).code).toBe(0);
    // a high threshold leaves plenty of pairs below it for review
    expect(runCli(['--db', db, 'link', '--threshold', '0.999'], env).code).toBe(0);

    const list = runCli(['--db', db, 'review', 'list', '--limit', '5', '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    const pairs = list.json?.pairs as Pair[];
    expect(pairs.length).toBeGreaterThanOrEqual(2);
    expect(pairs.length).toBeLessThanOrEqual(5);
    for (const p of pairs) {
      expect(p.id).toMatch(/^\d+-\d+$/);
      expect(p.probability).toBeGreaterThan(0);
      expect(p.probability).toBeLessThan(0.999);
      for (const side of [p.a, p.b]) {
        expect(side.file).toMatch(/^demo-/);
        expect(typeof side.sheet).toBe('string');
        expect(side.row).toBeGreaterThan(0);
      }
    }
    const [apart, together] = pairs as [Pair, Pair];

    const no = runCli(['--db', db, 'review', 'decide', apart.id, 'non-match', '--json'], env);
    expect(no.code, no.stderr).toBe(0);
    expect(no.json).toMatchObject({ ok: true, id: apart.id, decision: 'non-match', previous: null });
    const yes = runCli(['--db', db, 'review', 'decide', together.id, 'match', '--note', 'same tenancy reference', '--json'], env);
    expect(yes.code, yes.stderr).toBe(0);

    const ids = (run: ReturnType<typeof runCli>): string[] => (run.json?.pairs as Pair[]).map((p) => p.id);
    const after = runCli(['--db', db, 'review', 'list', '--limit', '1000', '--json'], env);
    expect(ids(after)).not.toContain(apart.id);
    expect(ids(after)).not.toContain(together.id);

    expect(runCli(['--db', db, 'link', '--threshold', '0.999'], env).code).toBe(0);
    const relinked = runCli(['--db', db, 'review', 'list', '--limit', '1000', '--json'], env);
    expect(ids(relinked)).not.toContain(apart.id);
    expect(ids(relinked)).not.toContain(together.id);
    const out = join(dir, 'clusters.csv');
    expect(runCli(['--db', db, 'export', 'clusters', '--out', out], env).code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(personOfRow(csv, together.a)).toBe(personOfRow(csv, together.b));
    expect(personOfRow(csv, apart.a)).not.toBe(personOfRow(csv, apart.b));

    const missing = runCli(['--db', db, 'review', 'decide', '999998-999999', 'match', '--json'], env);
    expect(missing.code).toBe(1);
    expect(missing.json).toMatchObject({ ok: false, error: { kind: 'not-found' } });

    // undo puts a pair back in the queue
    const undo = runCli(['--db', db, 'review', 'undo', apart.id, '--json'], env);
    expect(undo.json).toMatchObject({ ok: true, previous: 'non-match' });
    expect(ids(runCli(['--db', db, 'review', 'list', '--limit', '1000', '--json'], env))).toContain(apart.id);

    // subject rights on the same store: export everything about one person, then erase them
    const person = personOfRow(csv, together.a);
    const sar = runCli(['--db', db, 'person', 'export', person, '--out', join(dir, 'sar.xlsx'), '--json'], env);
    expect(sar.code, sar.stderr).toBe(0);
    expect(sar.json).toMatchObject({ ok: true, personId: person });
    expect(sar.json?.records).toBeGreaterThanOrEqual(2);
    const erase = runCli(['--db', db, 'person', 'erase', person, '--json'], env);
    expect(erase.code, erase.stderr).toBe(0);
    expect(erase.json).toMatchObject({ ok: true, deleted: { records: sar.json?.records, rawRows: sar.json?.records } });
    expect(runCli(['--db', db, 'person', 'export', person, '--out', join(dir, 'again.xlsx')], env).code).toBe(1);
  }, 240_000);

  it('refuses a decision it cannot read with exit 1, before opening the store', () => {
    const dir = tempDir();
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const bad = runCli(['--db', join(dir, 'none.db'), 'review', 'decide', '1-2', 'maybe', '--json'], env);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, error: { kind: 'usage' } });
  }, 60_000);
});
