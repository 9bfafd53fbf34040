import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { purgeSource } from '../../electron/engine/store/purge.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

/** Every text or blob cell of every table that mentions `needle`, as "table.column". */
function mentions(store: Store, needle: string): string[] {
  const found: string[] = [];
  const tables = store.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
  for (const { name } of tables) {
    const columns = store.reader.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>;
    for (const { name: column } of columns) {
      const hit = store.reader.prepare(`SELECT 1 FROM "${name}" WHERE CAST("${column}" AS TEXT) LIKE ? LIMIT 1`).get(`%${needle}%`);
      if (hit) found.push(`${name}.${column}`);
    }
  }
  return found;
}

describe('purging a source', () => {
  it('leaves no row of it anywhere, keeps the others, and the audit says what went by counts', async () => {
    const dir = tempDir();
    const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
    writeFileSync(join(dir, 'keep.csv'), 'Forename,Surname,DOB\nAnn,Keepwell,01/02/2003\n');
    writeFileSync(join(dir, 'drop.csv'), 'Forename,Surname,DOB\nZed,Purgeable,04/05/2006\nYan,Purgeable,07/08/2009\n');
    await importFile(store, join(dir, 'keep.csv'), { user: 't' }, silentJob());
    const dropped = await importFile(store, join(dir, 'drop.csv'), { user: 't' }, silentJob());
    expect(mentions(store, 'Purgeable').length).toBeGreaterThan(0);

    const summary = purgeSource(store, dropped.sourceId ?? -1);
    expect(summary.removed).toMatchObject({ rawRows: 3, records: 2 });
    expect(mentions(store, 'Purgeable')).toEqual([]);
    expect(mentions(store, 'drop.csv')).toEqual([]);
    expect(mentions(store, 'Keepwell').length).toBeGreaterThan(0);
    const audit = store.reader.prepare("SELECT payload_json FROM audit_event WHERE action = 'source-purged'").get() as { payload_json: string };
    expect(JSON.parse(audit.payload_json)).toMatchObject({ sourceId: dropped.sourceId, rawRows: 3, records: 2 });
    expect(audit.payload_json).not.toMatch(/Purgeable|drop\.csv/);
    // The WAL no longer holds old pages either.
    expect(statSync(join(dir, 'x.db-wal')).size).toBe(0);
    store.close();
  });

  it('refuses an unknown source and a non-analyst', () => {
    const path = join(tempDir(), 'x.db');
    const key = randomBytes(32);
    const store = Store.openWithKey(path, key, true);
    expect(() => purgeSource(store, 99)).toThrow(/no source 99/);
    store.close();
    const coordinator = Store.openWithKey(path, key, false, { user: 'cora', role: 'co-ordinator', organisation: null });
    expect(() => purgeSource(coordinator, 1)).toThrow(/Only an analyst/);
    coordinator.close();
  });
});
