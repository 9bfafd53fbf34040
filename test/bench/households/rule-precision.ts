// How often each household rule places a person rightly: with the TRUE persons of a demo borough,
// every person a rule joined to others is right when their true household is the one most of the
// others in their household belong to. A rule is kept only when it is right far more often than
// wrong; this measures the rule itself, not the F1 it moves.
//   npx tsx test/bench/households/rule-precision.ts [--households 3000] [--seed 3] [--cache FILE.json]
import { existsSync, writeFileSync } from 'node:fs';
import { buildHouseholdsDetailed } from '../../../electron/engine/link/households/index.js';
import { generateAndLoad, readTruthRecords, type TruthRecords } from './load.js';
import { indexPersons, tallyRules } from './rule-tally.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const households = Number(arg('households') ?? 3000);
const seed = Number(arg('seed') ?? 3);
const cache = arg('cache');
let loaded: TruthRecords;
if (cache && existsSync(cache)) loaded = readTruthRecords(cache);
else {
  loaded = await generateAndLoad(households, seed);
  if (cache) writeFileSync(cache, JSON.stringify(loaded));
}
const { records, personIds, householdIds } = loaded;
const { personOf, personCount, truth } = indexPersons(personIds, householdIds);
const placed = buildHouseholdsDetailed(records, { personOf, personCount });
const tally = tallyRules(placed, truth);
process.stdout.write(`${JSON.stringify({ households, seed, rules: Object.fromEntries(tally) })}\n`);
