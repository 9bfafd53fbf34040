// The cohort commands as checks outside the repo call them: the real CLI in a child process on a
// demo store, exit codes, the --json summary as stdout's last line, the export's exact contract.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'cohort cli passphrase';

describe('cohort, outcomes and programme commands', () => {
  it('evaluate and export a preset, outcomes, copy a programme, refuse bad options with exit 1', () => {
    const dir = tempDir();
    const db = join(dir, 'demo.db');
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    expect(runCli(['--db', db, 'demo', '--households', '250', '--seed', '4', '--out', join(dir, 'demo'), '--json'], env).code).toBe(0);

    const evaluated = runCli(['cohort', 'evaluate', '--preset', 'troubled-families-phase-1', '--as-of', '2025-03-31', '--db', db, '--json'], env);
    expect(evaluated.code).toBe(0);
    expect(evaluated.json).toMatchObject({ ok: true, command: 'cohort evaluate', programme: { name: 'troubled-families-phase-1', version: 1 }, asOf: '2025-03-31', linkRun: 1 });
    expect(evaluated.stderr).toMatch(/families qualify/);

    const out = join(dir, 'cohort.csv');
    const exported = runCli(['--db', db, 'cohort', 'export', '--preset', 'troubled-families-phase-1', '--as-of', '2025-03-31', '--out', out, '--json'], env);
    expect(exported.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('family_id,as_of,crime_asb,education,work,local_filter,qualifies,rows');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(exported.json?.families);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^H\d+,2025-03-31,[01],[01],[01],[01],[01],[^,;|]+\|[^,;|]*\|\d+(;[^,;|]+\|[^,;|]*\|\d+)*$/);

    expect(runCli(['--db', db, 'outcomes', 'families', '--as-of', '2025-03-31', '--json'], env).json).toMatchObject({ ok: true, attachedOn: '2024-09-30' });
    expect(runCli(['--db', db, 'programme', 'copy', 'troubled-families-phase-1', 'local-one', '--json'], env).json).toMatchObject({ ok: true, name: 'local-one', version: 1 });

    const unknown = runCli(['--db', db, 'cohort', 'export', '--preset', 'troubled-families-phase-9', '--as-of', '2025-03-31', '--out', out, '--json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.json).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const noDate = runCli(['--db', db, 'cohort', 'evaluate', '--preset', 'troubled-families-phase-1'], env);
    expect(noDate.code).toBe(1);
    expect(noDate.stderr).toMatch(/needs --as-of YYYY-MM-DD/);
  }, 240_000);
});
