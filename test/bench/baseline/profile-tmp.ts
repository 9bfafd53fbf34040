import { createEngine } from '../../../electron/engine/engine.js';
import { Store } from '../../../electron/engine/store/store.js';
const path = '/tmp/baseline2/b300k.db';
const store = Store.unlock(path, 'baseline bench passphrase');
const engine = createEngine({ storePath: path, host: 'cli', version: 'bench' });
engine.adoptStore(store);
const call = async (channel: string, request: Record<string, unknown>) => {
  const s = performance.now();
  const r = await engine.invoke(channel, request);
  const ms = performance.now() - s;
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value as { next?: string; lastRow?: number; candidates?: number; hits?: unknown[] };
  console.log(ms.toFixed(1), 'ms', channel, JSON.stringify({ ...request, after: request.after ? 'yes' : undefined }), v.lastRow ?? '', v.candidates ?? '', (v as any).path ?? '');
  return v;
};
const mode = process.argv[2];
if (mode === 'grid') {
  for (const filters of [{}, { ageBand: '5-10' }, { sourceId: 2 }, { flag: 'no-dob' }, { ageBand: '25-64', sourceId: 3 }]) {
    for (const colId of ['surname', 'dob', 'records']) {
      const sort = [{ colId, sort: 'asc' }];
      let p = await call('baseline:people', { startRow: 0, endRow: 100, sort, filters });
      p = await call('baseline:people', { startRow: 100, endRow: 200, sort, filters, after: p.next });
      p = await call('baseline:people', { startRow: 200, endRow: 300, sort, filters, after: p.next });
      await call('baseline:people', { startRow: 150000 > (p.lastRow ?? 0) ? Math.floor((p.lastRow ?? 0) / 200) * 100 : 150000, endRow: 150100, sort, filters });
      await call('baseline:people', { startRow: 50000 > (p.lastRow ?? 0) ? 0 : 50000, endRow: 50100, sort, filters });
    }
  }
} else {
  for (const q of process.argv.slice(3)) await call('baseline:search', { query: q, limit: 20 });
}
engine.close();
