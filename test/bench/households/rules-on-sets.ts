// The household stage on TRUE persons over several boroughs at once: household F1 and, per rule,
// how often the people it placed are right (their true household is the one most of the others in
// their household belong to). For trying a household rule on both borough models side by side.
//   node --import tsx test/bench/households/rules-on-sets.ts [--pipeline] SET…
// SET is a link.bench.ts case directory (CACHE/unseen-20000) or a TruthRecords .json
// (rule-precision.ts --cache, diagnose.ts --cache); a case directory is cached as DIR/truth-rows.json.
// --pipeline: the persons of the case's last link run (DIR/clusters.csv) instead of the true ones,
// scored over rows as link.bench.ts scores households (case directories only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildHouseholdsDetailed } from '../../../electron/engine/link/households/index.js';
import { pairwiseScore } from '../../helpers/pairwise-score.js';
import { readCsv, rowKey } from '../link/harness.js';
import { loadFromBenchCache, readTruthRecords, type TruthRecords } from './load.js';
import { indexPersons, tallyRules } from './rule-tally.js';

const pipeline = process.argv.includes('--pipeline');
for (const set of process.argv.slice(2).filter((a) => !a.startsWith('--'))) {
  const loaded: TruthRecords = set.endsWith('.json') && existsSync(set) ? readTruthRecords(set) : loadFromBenchCache(set, join(set, 'truth-rows.json'));
  const { records, householdIds } = loaded;
  let personIds = loaded.personIds;
  if (pipeline && loaded.rowKeys) {
    const linked = new Map<string, string>();
    for (const [file = '', sheet = '', row = '', person = ''] of readCsv(join(set, 'clusters.csv')).slice(1)) linked.set(rowKey(file, sheet, Number(row)), person);
    personIds = loaded.rowKeys.map((k, i) => linked.get(k) ?? `unlinked-${i}`);
  }
  const { personOf, personCount, truth } = indexPersons(personIds, householdIds);
  // a linked person may hold rows of several true households: score rows, each with its own truth
  const t0 = process.hrtime.bigint();
  const placed = buildHouseholdsDetailed(records, { personOf, personCount });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const score = pairwiseScore(
    Array.from(personOf, (p) => String(placed.householdOfPerson[p])),
    householdIds,
  );
  const tally = tallyRules(placed, truth);
  const rules = [...tally].map(([k, v]) => `${k} ${v.right}/${v.right + v.wrong} (${((100 * v.right) / (v.right + v.wrong)).toFixed(0)}%)`).join(', ');
  process.stdout.write(`${set.split('/').slice(-1)[0]}: F1 ${score.f1.toFixed(4)} (P ${score.precision.toFixed(4)} R ${score.recall.toFixed(4)}) ${ms.toFixed(0)} ms | ${rules}\n`);
}
