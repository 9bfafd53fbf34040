// Aggregates store bench: on a demo borough of N households (imported, linked, with the IoD,
// boundaries and areas: the board pack bench's fixture), adds a co-ordinator and times a full
// preparation of co-ordinators' figures — the `aggregates:refresh` job, as `aggregates refresh
// --force` runs it — with its progress events. The store is kept under --dir (--reuse times the
// preparation alone). Prints one JSON line: { households, setupSeconds, refreshSeconds,
// cpuSeconds, loadAverage, answers, packs, failed, progressEvents, aggregatesBytes }.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { aggregatesPath } from '../../electron/engine/aggregates/db.js';
import { createEngine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { addCertifiedSlot } from '../../electron/engine/store/key-hierarchy.js';
import { readKeyFile, writeKeyFile } from '../../electron/engine/store/keyslots.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { buildPackFixture } from '../helpers/pack-fixture.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const households = Number(arg('households', '300'));
const dir = arg('dir', join(tmpdir(), `bw-aggregates-bench-${households}`));
const reuse = process.argv.includes('--reuse');
// The board pack bench's passphrase: --reuse --dir on its store times the preparation on it.
const PASS = arg('passphrase', 'pack bench passphrase');
const path = join(dir, 'pack.db');

const t0 = performance.now();
if (!(reuse && existsSync(path))) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fixture = await buildPackFixture(dir, { households, passphrase: PASS });
  fixture.store.close();
}
// Without a co-ordinator nothing is prepared. The slot is written directly (as users add writes
// it) so that the first full preparation is the timed one, not the one adding a user sets off.
const analyst = Store.unlock(path, PASS);
const keyFile = readKeyFile(analyst.keyPath);
if (!keyFile.slots.some((s) => s.role === 'co-ordinator')) {
  const added = addCertifiedSlot(keyFile, { data: analyst.dataKey, audit: analyst.auditKey!, aggregates: analyst.aggregatesKey }, 'aggregates bench co-ordinator', 'passphrase', { user: 'cora', role: 'co-ordinator', organisation: null });
  writeKeyFile(analyst.keyPath, added.keyFile);
}
Store.prepareAggregates = null; // closing this session must not prepare them either
analyst.close();
const setupSeconds = (performance.now() - t0) / 1000;

const store = Store.unlock(path, PASS);
const engine = createEngine({ storePath: path, host: 'cli', version: 'bench', user: store.session.user });
engine.adoptStore(store);
const events: EngineEvent[] = [];
let lastSaid = 0;
engine.onEvent((e) => {
  events.push(e);
  // Where it is, every ten seconds, on stderr: a long run on a loaded machine can be read part-way.
  if (e.type === 'job:progress' && performance.now() - lastSaid > 10_000) {
    lastSaid = performance.now();
    process.stderr.write(`${new Date().toISOString()} ${e.done}/${e.total} (${Math.round((performance.now() - t1) / 1000)} s, CPU ${Math.round((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6)} s)\n`);
  }
});
const t1 = performance.now();
const cpu0 = process.cpuUsage();
const started = (await engine.invoke('aggregates:refresh', { force: true })) as { ok: true; value: { job: string } } | { ok: false; error: { message: string } };
if (!started.ok) throw new Error(`aggregates refresh refused: ${started.error.message}`);
await engine.idle();
const refreshSeconds = (performance.now() - t1) / 1000;
// CPU time as well as wall time: on a shared machine the wall time mostly measures the queue.
const cpu = process.cpuUsage(cpu0);
const load = loadavg()[0] ?? 0;
const finished = events.find((e): e is Extract<EngineEvent, { type: 'job:finished' }> => e.type === 'job:finished' && e.job === started.value.job);
if (!finished?.result.ok) throw new Error(`aggregates refresh failed: ${JSON.stringify(finished?.result)}`);
const report = finished.result.value as { answers: number; packs: number; failed: number };
const progressEvents = events.filter((e) => e.type === 'job:progress').length;
engine.close();
process.stdout.write(
  `${JSON.stringify({
    households,
    setupSeconds: Math.round(setupSeconds * 10) / 10,
    refreshSeconds: Math.round(refreshSeconds * 100) / 100,
    cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
    loadAverage: Math.round(load * 10) / 10,
    answers: report.answers,
    packs: report.packs,
    failed: report.failed,
    progressEvents,
    aggregatesBytes: statSync(aggregatesPath(path)).size,
    ok: report.failed === 0,
  })}\n`,
);
