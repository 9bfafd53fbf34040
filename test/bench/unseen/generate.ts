// Writes an unseen-model borough for inspection or a manual import:
//   node --import tsx test/bench/unseen/generate.ts DIR [--households 2000] [--seed 7] [--variant v2]
import { writeUnseenBorough } from './extracts.js';
import { relayoutFor } from './variants.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
};
const dir = process.argv[2];
if (!dir || dir.startsWith('--')) throw new Error('usage: generate.ts DIR [--households N] [--seed S]');
const variant = arg('variant', '');
const seed = Number(arg('seed', '7'));
const files = await writeUnseenBorough(Number(arg('households', '2000')), seed, dir, variant ? relayoutFor(variant, seed) : undefined);
process.stdout.write(`${files.join('\n')}\n`);
