// A purge forgets: after purging a source that had been linked, no value of it (names, dates of
// birth, postcodes, block keys, its file name and hash) is left in any table, run history
// included; and a "re-link needed" mark written in the purge's own transaction survives a crash
// before the re-link, and is cleared by the next link.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import { purgeAndRelink } from '../../electron/engine/governance/purge-job.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { purgeSource } from '../../electron/engine/store/purge.js';
import { relinkNeeded } from '../../electron/engine/store/relink-mark.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

/** Every cell of every table that mentions `needle` (case-insensitive), as "table.column". */
function mentions(store: Store, needle: string): string[] {
  const found: string[] = [];
  const tables = store.reader.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
  for (const { name } of tables) {
    const columns = store.reader.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>;
    for (const { name: column } of columns) {
      const hit = store.reader.prepare(`SELECT 1 FROM "${name}" WHERE CAST("${column}" AS TEXT) LIKE ? LIMIT 1`).get(`%${needle}%`);
      if (hit) found.push(`${name}.${column}`);
    }
  }
  return found;
}

const KEEP = 'Forename,Surname,DOB,Post Code\nAnn,Keepwell,01/02/2003,S60 1AB\nAnne,Keepwell,01/02/2003,S60 1AB\nBen,Stayer,03/03/1990,S61 2CD\n';
const DROP = 'Forename,Surname,DOB,Post Code\nZebedee,Purgeable,04/05/2006,S99 9ZZ\nZebedee,Purgeable,04/05/2006,S99 9ZZ\nYannick,Forgetme,07/08/2009,S98 8YY\n';

async function linkedStore(dir: string): Promise<{ store: Store; dropId: number; sha: string }> {
  const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
  writeFileSync(join(dir, 'keep.csv'), KEEP);
  writeFileSync(join(dir, 'drop-partner-file.csv'), DROP);
  await importFile(store, join(dir, 'keep.csv'), { user: 't' }, silentJob());
  const dropped = await importFile(store, join(dir, 'drop-partner-file.csv'), { user: 't' }, silentJob());
  await runLink(store, { user: 't' }, silentJob());
  await runLink(store, { user: 't' }, silentJob());
  const sha = (store.reader.prepare('SELECT sha256 FROM source WHERE id = ?').get(dropped.sourceId) as { sha256: string }).sha256;
  return { store, dropId: dropped.sourceId ?? -1, sha };
}

describe('a purge that forgets', () => {
  it('leaves no value of the purged source in any table, run history included', async () => {
    const { store, dropId, sha } = await linkedStore(tempDir());
    const needles = ['Purgeable', 'PURGEABLE', 'Forgetme', 'Zebedee', 'Yannick', '2006-05-04', '2009-08-07', 'S99 9ZZ', 'S999ZZ', 'S98', 'drop-partner-file', sha];
    // Before: the run history holds some of them (the test can fail).
    expect(needles.flatMap((n) => mentions(store, n)).length).toBeGreaterThan(0);
    await purgeAndRelink(store, dropId, silentJob());
    for (const needle of needles) expect(mentions(store, needle), needle).toEqual([]);
    expect(mentions(store, 'Keepwell').length).toBeGreaterThan(0);
    store.close();
  });

  it('writes a "re-link needed" mark with the purge, which a crash before the re-link leaves and the next link clears', async () => {
    const dir = tempDir();
    const { store, dropId } = await linkedStore(dir);
    const key = Buffer.from(store.dataKey);
    expect(relinkNeeded(store.reader)).toBe(false);
    // The purge commits; the process "dies" before the re-link (no runLink here).
    purgeSource(store, dropId);
    store.close();
    const reopened = Store.openWithKey(join(dir, 'x.db'), key, false);
    expect(relinkNeeded(reopened.reader)).toBe(true);
    // Every screen is told, through the store's status.
    const engine = createEngine({ storePath: join(dir, 'x.db'), host: 'cli', version: 't' });
    engine.adoptStore(reopened);
    expect(await engine.invoke('app:info', {})).toMatchObject({ ok: true, value: { store: { relinkNeeded: true } } });
    await runLink(reopened, { user: 't' }, silentJob());
    expect(relinkNeeded(reopened.reader)).toBe(false);
    expect(await engine.invoke('app:info', {})).toMatchObject({ ok: true, value: { store: { relinkNeeded: false } } });
    engine.close();
  });
});
