// CLI: a police export whose name column says "Subject" imports with --mapping auto, and the
// partner a source was filed under is corrected with `source set-partner ID NAME` (analysts only).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for tests';

const POLICE = [
  'Occurrence Ref,Date Reported,Time,Category,Incident Type,Subject,DOB,Age,Home Address,Location,Neighbourhood',
  'OCC/2024/0001,03/02/2024,14:20,ASB,Rowdy behaviour,Jane Smith,12/03/1985,38,"12 High Street, Anytown",Compton Lane,Central',
  'OCC/2024/0002,05/02/2024,09:10,ASB,Noise,Peter Jones,01/11/1990,33,"4 Mill Road, Anytown",Market Square,North',
  'OCC/2024/0003,07/02/2024,22:45,Crime,Criminal damage,Aisha Khan,23/07/2001,22,"9 Park Avenue, Anytown",Station Road,East',
].join('\n');

describe('CLI: any partner table, and correcting a partner', () => {
  it('imports the police layout with --mapping auto, then files the source under the right partner', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const file = join(dir, 'Police asb export (2).csv');
    writeFileSync(file, POLICE);
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const imported = runCli(['import', file, '--mapping', 'auto', '--db', db, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json).toMatchObject({ ok: true, files: [{ sheets: [{ records: 3, quarantined: 0 }] }] });

    const set = runCli(['source', 'set-partner', '1', 'South', 'Yorkshire', 'Police', '--db', db, '--json'], env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.json).toMatchObject({ ok: true, command: 'source set-partner', sourceId: 1, partner: 'South Yorkshire Police' });
    const listed = runCli(['sources', 'list', '--db', db, '--json'], env);
    expect(listed.json).toMatchObject({ sources: [{ id: 1, partner: 'South Yorkshire Police' }] });
    expect(runCli(['source', 'set-partner', '9', 'X', '--db', db], env).code).toBe(1);
    expect(runCli(['source', 'set-partner', '1', '--db', db], env).code).toBe(1);
  });
});
