// The linker's front phases alone — load, prepare, blocking — on an imported store, with wall and
// CPU seconds per phase (process CPU: every thread's), for work on those phases without the rest
// of a Run. The store is one `link.bench.ts --cache DIR` left behind:
//
//   node --import tsx test/bench/link/front.bench.ts --dir DIR/rows-1000000 [--repeat N] [--inline]
//
// Prints one JSON line per repeat: seconds, CPU seconds (all threads) and main-thread CPU seconds per phase, peak RSS, and a digest of
// the prepared columns and candidate pairs (equal digests: the same blocking, bit for bit).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCandidatePairs } from '../../../electron/engine/link/blocking-parallel.js';
import { fillTenancies, loadRecords } from '../../../electron/engine/link/load-records.js';
import { prepare } from '../../../electron/engine/link/prepare.js';
import { FrontThread } from '../../../electron/engine/link/front-thread.js';
import { defaultMatchSpec } from '../../../electron/engine/link/spec.js';
import { Store } from '../../../electron/engine/store/store.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/**
 * CPU seconds of this process's main thread (Linux /proc; 0 elsewhere): with the process's total,
 * what the main thread did and what worker (and V8 helper) threads did, whatever the machine's load.
 */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function digest(arrays: ArrayLike<number>[]): string {
  const h = createHash('sha256');
  for (const a of arrays) {
    const view = a as unknown as { buffer: ArrayBufferLike; byteOffset: number; byteLength: number };
    h.update(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  }
  return h.digest('hex').slice(0, 16);
}

async function main(): Promise<void> {
  const dir = arg('dir');
  if (!dir) throw new Error('--dir DIR (a link.bench.ts cache case directory)');
  const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string };
  const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
  const repeat = Number(arg('repeat') ?? 1);
  const inline = process.argv.includes('--inline');
  try {
    for (let k = 0; k < repeat; k++) {
      const seconds: Record<string, number> = {};
      const cpu: Record<string, number> = {};
      const mainCpu: Record<string, number> = {};
      let t = performance.now();
      let c = process.cpuUsage();
      let m = mainThreadCpu();
      const lap = (name: string): void => {
        const used = process.cpuUsage(c);
        seconds[name] = Math.round(performance.now() - t) / 1000;
        cpu[name] = Math.round((used.user + used.system) / 1000) / 1000;
        mainCpu[name] = Math.round((mainThreadCpu() - m) * 100) / 100;
        t = performance.now();
        c = process.cpuUsage();
        m = mainThreadCpu();
      };
      // as a Run does (run-link.ts): prepared on a worker while loading; --inline: after, on this thread
      const stream = inline ? null : new FrontThread();
      const records = loadRecords(store.reader, undefined, stream ? (r, parts) => stream.add(r, parts) : undefined, true);
      const prepared = stream?.end(records);
      fillTenancies(store.reader, records);
      lap('load');
      const p = (await prepared) ?? prepare(records);
      lap('prepare');
      const spec = defaultMatchSpec();
      const options = { linkType: spec.linkType, maxBlockSize: spec.maxBlockSize, noDuplicatesWithin: new Set<number>() };
      const { pairs } = await findCandidatePairs(p, spec, options, stream ?? undefined);
      await stream?.close();
      lap('blocking');
      const columns = digest([p.rec, p.nameInfo, p.nameSoundex, p.nameNick.offsets, p.nameNick.values, p.mid.values, p.snParts.values, p.addrTokens.values, p.place, p.birthYear ?? new Int16Array(0), p.source, p.hasAddress, p.dobY, p.dobM, p.dobD, p.sex, p.fnCount, p.snCount, p.pcCount, p.contactCount, p.otherIdCount]);
      const strings = createHash('sha256')
        .update([p.names, p.postcodes, p.addressParts, p.uprns, p.ninos, p.otherIds, p.contacts, p.sourceIds].map((v) => v.join('\u0001')).join('\u0002'))
        .digest('hex')
        .slice(0, 16);
      const pairDigest = digest([pairs.a, pairs.b, pairs.rule]);
      process.stdout.write(
        `${JSON.stringify({ records: records.length, seconds, cpu, mainCpu, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), names: p.names.length, pairs: pairs.count, columns, strings, pairDigest })}\n`,
      );
    }
  } finally {
    store.close();
  }
}

void main();
