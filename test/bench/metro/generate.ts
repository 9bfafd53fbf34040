// Writes a metro borough for a look or a manual import:
//   node --import tsx test/bench/metro/generate.ts DIR [--households 5000] [--seed 31]
import { writeMetroBorough } from './write.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] as string) : fallback;
};
const dir = process.argv[2];
if (!dir || dir.startsWith('--')) throw new Error('usage: generate.ts DIR [--households N] [--seed S]');
const { files, borough } = await writeMetroBorough(Number(arg('households', '5000')), Number(arg('seed', '31')), dir);
process.stdout.write(`${files.join('\n')}\n${borough.households.length} households, ${borough.people.length} people\n`);
