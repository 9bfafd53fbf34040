// The export channels check where they write in the engine, so the app and the CLI get the same
// guard: the store's own files are refused, another existing file only with `replace`. (Pairs
// need a linkage run: test/unit/cli-safety.test.ts covers them through the CLI.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Channel } from '../../shared/ipc/contract.js';
import { createEngine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const PASS = 'a passphrase for export channel tests';

describe('export channels refuse to overwrite what is not theirs', () => {
  it.each([
    ['audit:export', {}],
    ['matching:exportClusters', {}],
  ] as const)('%s', async (channel, extra) => {
    const dir = tempDir();
    const db = join(dir, 'x.db');
    const engine = createEngine({ storePath: db, host: 'browser', version: 't' });
    engine.adoptStore(Store.create(db, PASS, 'ann'));
    try {
      const keys = readFileSync(`${db}.keys`, 'utf8');
      const call = (path: string, replace?: boolean) => engine.invoke(channel as Channel, { path, ...extra, ...(replace === undefined ? {} : { replace }) });

      // The store's own files: never, not even with replace.
      for (const own of [db, `${db}.keys`]) {
        const refused = await call(own, true);
        expect(refused.ok, own).toBe(false);
        if (!refused.ok) expect(refused.error.message).toMatch(/store's own file/);
      }
      expect(readFileSync(`${db}.keys`, 'utf8')).toBe(keys);

      // Someone's own file: refused, untouched, unless the request says replace.
      const notes = join(dir, 'notes.csv');
      writeFileSync(notes, 'my own notes\n');
      const refused = await call(notes);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toMatchObject({ kind: 'conflict' });
      expect(readFileSync(notes, 'utf8')).toBe('my own notes\n');
      const replaced = await call(notes, true);
      expect(replaced.ok).toBe(true);
      expect(readFileSync(notes, 'utf8')).not.toBe('my own notes\n');

      // An earlier export of the same kind is replaced without asking.
      expect((await call(notes)).ok).toBe(true);
    } finally {
      engine.close();
    }
  });
});
