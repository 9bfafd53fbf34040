// Writes an unseen-model borough for inspection or a manual import:
//   node --import tsx test/bench/unseen/generate.ts DIR [--households 2000] [--seed 7] [--variant v2] [--months N]
// With --months N (2–9): DIR/month-1 … DIR/month-N, each month's files as its partners send them
// (next-month.ts), and one truth.csv for all (households at the last month's date); import
// month-1/*, then month-2/* …, then link.
import { writeUnseenBorough } from './extracts.js';
import { makeMonths, writeMonths } from './next-month.js';
import { relayoutFor } from './variants.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
};
const dir = process.argv[2];
if (!dir || dir.startsWith('--')) throw new Error('usage: generate.ts DIR [--households N] [--seed S] [--variant V] [--months N]');
const variant = arg('variant', '');
const seed = Number(arg('seed', '7'));
const households = Number(arg('households', '2000'));
const months = Number(arg('months', '1'));
if (months > 1) {
  const byMonth = await writeMonths(makeMonths(households, seed, months, variant ? relayoutFor(variant, seed, true) : undefined), dir);
  process.stdout.write(`${byMonth.flat().join('\n')}\n`);
} else {
  const files = await writeUnseenBorough(households, seed, dir, variant ? relayoutFor(variant, seed) : undefined);
  process.stdout.write(`${files.join('\n')}\n`);
}
