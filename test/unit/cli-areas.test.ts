import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const DATA = join(REPO, '..', 'shared', 'data');

describe('CLI: areas and deprivation are wired in', () => {
  it('imports an IoD file, builds an area and profiles it', () => {
    const dir = tempDir();
    const env = { BASELINE_PASSPHRASE: 'a passphrase for tests', BASELINE_HOME: dir };
    const db = join(dir, 'x.db');
    // A store first (areas need one): import a tiny extract.
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, 'Forename,Surname,Post Code\nAnn,Lee,S60 1AB\n');
    expect(runCli(['import', csv, '--db', db], env).code).toBe(0);
    const imd = runCli(['imd', 'import', join(DATA, 'iod2025', 'File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators_Rotherham_E08000018.csv'), '--db', db, '--json'], env);
    expect(imd.code, imd.stderr).toBe(0);
    expect(JSON.stringify(imd.json)).toMatch(/2025/);
    const created = runCli(['area', 'create', 'Ferham', 'E01007715', '--vintage', '2021', '--kind', 'target', '--db', db, '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const profile = runCli(['area', 'profile', 'Ferham', '--db', db, '--json'], env);
    expect(profile.code, profile.stderr).toBe(0);
    expect(JSON.stringify(profile.json)).toMatch(/E01007715/);
    expect(runCli(['areas', 'list', '--db', db], env).code).toBe(0);
  });
});
