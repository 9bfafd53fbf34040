// A large import's log is folded into the store file by a worker, not by the engine's thread at
// COMMIT: the writer's own checkpoint is held off meanwhile and comes back afterwards.
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_CHECKPOINT_BYTES, bulkWrite } from '../../electron/engine/link/bulk-write.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describe('background checkpoint', () => {
  it('folds a committed write into the store file on a worker; the writer checkpoints again after', async () => {
    const path = join(tempDir(), 'store.db');
    const store = Store.openWithKey(path, randomBytes(32), true);
    try {
      const was = store.checkpoints.holdAutomatic({ flush: true });
      expect(was).toBeGreaterThan(0);
      // The log is synced while the write fills it, not only by the fold at the end.
      const flush = store.checkpoints.flushing;
      expect(flush).not.toBeNull();
      expect(store.writer.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      store.writer.exec('CREATE TABLE bulk (v TEXT)');
      const insert = store.writer.prepare('INSERT INTO bulk VALUES (?)');
      store.writer.transaction(() => {
        for (let i = 0; i < 4000; i++) insert.run(`row ${i} ${'x'.repeat(500)}`);
      })();
      // Committed to the log only: the store file has not grown by the rows.
      const before = statSync(path).size;
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(2_000_000);
      for (let i = 0; i < 100 && flush!.syncs === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(flush!.syncs).toBeGreaterThan(0);
      store.checkpoints.start(store.dataKey, was);
      store.checkpoints.wait();
      expect(statSync(path).size).toBeGreaterThan(before + 2_000_000);
      // The fold is over: so is the syncing (once a sync begun before the stop has finished).
      expect(store.checkpoints.flushing).toBeNull();
      for (let i = 0; i < 200 && !flush!.stopped; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(flush!.stopped).toBe(true);
      const synced = flush!.syncs;
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(flush!.syncs).toBe(synced);
      // Every frame of the log is in the store file now: nothing left for the writer to copy.
      const [result] = store.reader.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
      expect(result?.checkpointed).toBe(result?.log);
      // The worker's exit (which gives the writer its checkpoint back) comes on the event loop.
      for (let i = 0; i < 200 && store.writer.pragma('wal_autocheckpoint', { simple: true }) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(store.writer.pragma('wal_autocheckpoint', { simple: true })).toBe(was);
      expect((store.reader.prepare('SELECT count(*) AS n FROM bulk').get() as { n: number }).n).toBe(4000);
    } finally {
      store.close();
    }
  });

  it("a Run's bulk write: foreign keys off inside, the fold on a worker after; a failed write keeps nothing and restores both", async () => {
    const path = join(tempDir(), 'run.db');
    const store = Store.openWithKey(path, randomBytes(32), true);
    try {
      const db = store.writer;
      const was = db.pragma('wal_autocheckpoint', { simple: true }) as number;
      db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (parent INTEGER NOT NULL REFERENCES parent(id))');
      const insert = db.prepare('INSERT INTO child VALUES (?)');
      // a failure mid-transaction: nothing written, checks and the writer's own checkpoint back
      expect(() =>
        bulkWrite(store, BACKGROUND_CHECKPOINT_BYTES, db.transaction(() => {
          expect(db.pragma('foreign_keys', { simple: true })).toBe(0);
          expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
          insert.run(1);
          throw new Error('household stage failed');
        })),
      ).toThrow('household stage failed');
      expect((db.prepare('SELECT count(*) AS n FROM child').get() as { n: number }).n).toBe(0);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(was);
      // a failed import's early syncing stops with it
      store.checkpoints.release(store.checkpoints.holdAutomatic({ flush: true }));
      expect(store.checkpoints.flushing).toBeNull();
      // a small write keeps the writer's own checkpoint; a large one hands the fold to a worker
      bulkWrite(store, 1000, db.transaction(() => {
        expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(was);
        db.prepare('INSERT INTO parent VALUES (1)').run();
        insert.run(1);
      }));
      const rows = bulkWrite(store, BACKGROUND_CHECKPOINT_BYTES, db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run(1);
        return 2000;
      }));
      expect(rows).toBe(2000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(() => insert.run(2)).toThrow(/FOREIGN KEY/);
      store.checkpoints.wait();
      for (let i = 0; i < 200 && db.pragma('wal_autocheckpoint', { simple: true }) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(was);
      expect((store.reader.prepare('SELECT count(*) AS n FROM child').get() as { n: number }).n).toBe(2001);
    } finally {
      store.close();
    }
  });
});
