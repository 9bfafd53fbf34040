// `source remap ID [--mapping auto|PRESET]`: a source's stored rows read again with a preset's
// mapping, no file needed; before/after counts, and clear exit-1 errors for what the user got wrong.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnRole } from '../../shared/domain/record-fields.js';
import { savePreset } from '../../electron/engine/import/presets.js';
import { Store } from '../../electron/engine/store/store.js';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for tests';

// The importer does not read "Known as" as a name: Khan and Brown are quarantined on import.
const CSV = ['Ref,Surname,Forename,Known as,DOB', 'P1,Smith,John,,03/04/2010', 'P3,,,Ali Khan,31/12/1999', 'P4,,,Amy Brown,01/01/2001'].join('\n');

describe('CLI: source remap', () => {
  it('reads a source again with a preset, reports before and after, and refuses an unknown source or preset', () => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const file = join(dir, 'police.csv');
    writeFileSync(file, CSV);
    const env = { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir };
    const imported = runCli(['import', file, '--source', 'Police', '--kind', 'police', '--db', db, '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);

    const store = Store.unlock(db, PASS);
    const sourceId = (store.reader.prepare('SELECT id FROM source').get() as { id: number }).id;
    expect(store.reader.prepare('SELECT records, quarantined FROM source').get()).toEqual({ records: 1, quarantined: 2 });
    const roles: ColumnRole[] = ['agency_ref', 'surname', 'forename', 'full_name', 'dob'];
    const columns = ['Ref', 'Surname', 'Forename', 'Known as', 'DOB'].map((header, i) => ({ header, role: roles[i] ?? 'ignore' }));
    savePreset(store, { name: 'Police fixed', partner: 'Police', kind: 'police', sheets: [{ sheet: '', columns }] }, 'analyst');
    store.close();

    const unknownSource = runCli(['source', 'remap', '99', '--db', db, '--json'], env);
    expect(unknownSource.code).toBe(1);
    expect(unknownSource.stderr).toMatch(/There is no source 99/);
    const unknownPreset = runCli(['source', 'remap', String(sourceId), '--mapping', 'Nonesuch', '--db', db, '--json'], env);
    expect(unknownPreset.code).toBe(1);
    expect(unknownPreset.stderr).toMatch(/No mapping preset named "Nonesuch"/);
    expect(runCli(['source', 'remap', '--db', db], env).code).toBe(1);

    const remapped = runCli(['source', 'remap', String(sourceId), '--mapping', 'Police fixed', '--db', db, '--json'], env);
    expect(remapped.code, remapped.stderr).toBe(0);
    expect(remapped.json).toMatchObject({ ok: true, command: 'source remap', sourceId, before: { records: 1, quarantined: 2 }, after: { records: 3, quarantined: 0 }, updated: 1, added: 2, preset: 'Police fixed' });
    expect(remapped.stderr).toMatch(/Records 1 → 3, quarantined rows 2 → 0/);

    // After a matching run the summary says the run is out of date; auto finds the partner's preset.
    expect(runCli(['link', '--db', db], env).code).toBe(0);
    const again = runCli(['source', 'remap', String(sourceId), '--mapping', 'auto', '--db', db, '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json).toMatchObject({ linkRunStale: true, after: { records: 3 } });
    expect(again.stderr).toMatch(/run matching again/);
  });
});
