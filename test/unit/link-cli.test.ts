// The linkage commands through the real CLI (DESIGN §4): link, export clusters after a run,
// export pairs, model show, blocking; JSON summaries on the last stdout line; exit codes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for tests';

describe('linkage CLI', () => {
  it('link, export clusters, export pairs, model show and blocking on a demo borough', () => {
    const dir = tempDir();
    const db = join(dir, 'demo.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const demo = runCli(['--db', db, 'demo', '--households', '120', '--seed', '3', '--out', join(dir, 'demo'), '--json'], env);
    expect(demo.code, demo.stderr).toBe(0);
    // demo imports and links (DESIGN §4), so the store already holds run 1
    expect(demo.json).toMatchObject({ link: { run: 1 } });

    const blocking = runCli(['--db', db, 'blocking', '--json'], env);
    expect(blocking.code, blocking.stderr).toBe(0);
    expect(blocking.json).toMatchObject({ ok: true, command: 'blocking', refused: null });
    expect((blocking.json?.rules as unknown[]).length).toBeGreaterThan(3);
    expect(blocking.json?.totalComparisons).toBeGreaterThan(0);

    const link = runCli(['link', '--db', db, '--json'], env);
    expect(link.code, link.stderr).toBe(0);
    expect(link.json).toMatchObject({ ok: true, command: 'link', run: 2, threshold: 0.9 });
    expect(link.json?.persons).toBeLessThan(link.json?.records as number);
    expect(link.stderr).toMatch(/Run 2: .* records → .* persons in .* households/);

    const out = join(dir, 'clusters.csv');
    const exported = runCli(['--db', db, 'export', 'clusters', '--out', out, '--json'], env);
    expect(exported.code, exported.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('file,sheet,row_number,person_id,household_id');
    expect(lines.length - 1).toBe(link.json?.records);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[3])).size).toBe(link.json?.persons);
    for (const l of lines.slice(1)) expect(l).toMatch(/,P\d{7},H\d{7}$/);

    const pairsOut = join(dir, 'pairs.csv');
    const pairs = runCli(['--db', db, 'export', 'pairs', '--out', pairsOut, '--json'], env);
    expect(pairs.code, pairs.stderr).toBe(0);
    expect(pairs.json).toMatchObject({ ok: true, command: 'export pairs', run: 2, rows: link.json?.storedPairs });
    expect(readFileSync(pairsOut, 'utf8')).toMatch(/^a_file,a_sheet,a_row_number,a_person_id,b_file,b_sheet,b_row_number,b_person_id,probability,match_weight,prior_weight,forename_level,forename_weight,/);

    const model = runCli(['--db', db, 'model', 'show', '--json', '--out', join(dir, 'spec.json')], env);
    expect(model.code, model.stderr).toBe(0);
    expect(model.json).toMatchObject({ ok: true, command: 'model show', run: 2, spec: { kind: 'baseline-workbench/match-spec', version: 1 } });
    expect((model.json?.spec as { trainedAt: string | null }).trainedAt).not.toBeNull();

    // the saved spec runs again as is; a second run keeps every person's ID
    const again = runCli(['--db', db, 'link', '--spec', join(dir, 'spec.json'), '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json).toMatchObject({ run: 3, personIds: { kept: link.json?.persons, created: 0 } });

    // a spec edited into nonsense: exit 1, a message naming the problem, no run written
    const spec = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8')) as { comparisons: Array<{ levels: Array<{ kind: string }> }> };
    (spec.comparisons[0]!.levels[1] as { kind: string }).kind = 'postcodeSector';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(spec));
    const bad = runCli(['--db', db, 'link', '--spec', join(dir, 'bad.json'), '--json'], env);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, error: { kind: 'bad-input' } });
    expect(bad.stderr).toMatch(/bad\.json is not a valid MatchSpec: comparisons\.0/);
    const third = runCli(['--db', db, 'link', '--json', '--threshold', '0.5'], env);
    expect(third.json).toMatchObject({ run: 4, threshold: 0.5 });
  }, 120_000);

  it('rejects a threshold outside (0, 1) and a store with nothing to link', () => {
    const dir = tempDir();
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const bad = runCli(['--db', join(dir, 'x.db'), 'link', '--threshold', '1.2'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--threshold must be a probability between 0 and 1/);
    const csv = join(dir, 'one.csv');
    writeFileSync(csv, 'Forename,Surname,DOB\nAnn,Lee,03/04/2012\n');
    expect(runCli(['--db', join(dir, 'x.db'), 'import', csv], env).code).toBe(0);
    const linked = runCli(['--db', join(dir, 'x.db'), 'link', '--json'], env);
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.json).toMatchObject({ ok: true, records: 1, persons: 1 });
    const missing = runCli(['--db', join(dir, 'missing.db'), 'link'], env);
    expect(missing.code).toBe(1);
  }, 60_000);
});
