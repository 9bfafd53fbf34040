// Bench-only diagnosis: links a cached bench store (link.bench.ts --cache DIR) in memory and
// lists the true pairs missed and the false pairs made, with the levels of each pair, so a
// change in the model can be traced to the records it moved. FEBRL truth is the id in the
// agency reference (rec-123-dup-0 → 123).
//   tsx test/bench/link/diagnose.ts DIR/febrl3 [--limit 20]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { compareInto, compilePlan } from '../../../electron/engine/link/compare.js';
import { linkPersons } from '../../../electron/engine/link/link-persons.js';
import { loadRecords } from '../../../electron/engine/link/load-records.js';
import { prepare } from '../../../electron/engine/link/prepare.js';
import { Store } from '../../../electron/engine/store/store.js';
import { withTruth } from '../households/load.js';

const dir = process.argv[2] as string;
const limit = Number(process.argv[process.argv.indexOf('--limit') + 1] || 15);
const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string };
const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
// a demo-style case (input/truth.csv) is scored by its truth file, FEBRL by the agency reference
const truthCsv = join(dir, 'input', 'truth.csv');
const withTruthFile = existsSync(truthCsv) ? withTruth(store.reader, truthCsv) : null;
const records = withTruthFile?.records ?? loadRecords(store.reader);
store.close();
const truth = withTruthFile?.personIds ?? records.map((r) => /^rec-(\d+)-/.exec(r.agencyRef ?? '')?.[1] ?? `x${r.id}`);
const result = await linkPersons(records, { threads: 1 }, silentJob());
const personOf = result.clusters.personOf;
console.log('warnings', result.warnings);
console.log('training', JSON.stringify(result.training.rules.map((r) => ({ rule: r.rule, lambda: r.lambda, rejected: r.rejected }))), result.training.fellBack, JSON.stringify(result.training.raised));
console.log('refused', result.clusters.refused);
const spec = result.spec;
const plan = compilePlan(spec);
const p = prepare(records);
const g = new Uint8Array(plan.comparisons.length);
const describe = (i: number, j: number): string => {
  compareInto(p, plan, i, j, g, 0);
  return spec.comparisons.map((c, k) => `${c.name}=${c.levels[g[k] as number]?.label}`).filter((s) => !s.endsWith('=missing')).join(' | ');
};
const show = (r: number): string => {
  const x = records[r]!;
  return `${x.sourceKind} ${x.title ?? ''} ${x.forename} ${x.surname} ${x.dob} ${x.postcodeRaw} ${x.address} ${x.nino ?? ''}${x.nhsNumber ?? ''}`;
};
const byTruth = new Map<string, number[]>();
truth.forEach((t, i) => byTruth.set(t, [...(byTruth.get(t) ?? []), i]));
let missed = 0;
for (const members of byTruth.values()) {
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      const i = members[x]!;
      const j = members[y]!;
      if (personOf[i] === personOf[j]) continue;
      if (missed++ < limit) console.log(`MISS ${show(i)}\n     ${show(j)}\n     ${describe(i, j)}`);
    }
}
let wrong = 0;
const byPerson = new Map<number, number[]>();
personOf.forEach((q, i) => byPerson.set(q, [...(byPerson.get(q) ?? []), i]));
for (const members of byPerson.values()) {
  for (let x = 0; x < members.length; x++)
    for (let y = x + 1; y < members.length; y++) {
      const i = members[x]!;
      const j = members[y]!;
      if (truth[i] === truth[j]) continue;
      if (wrong++ < limit) console.log(`FALSE ${show(i)}\n      ${show(j)}\n      ${describe(i, j)}`);
    }
}
console.log({ missed, wrong });
