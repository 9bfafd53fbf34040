// CLI: linkage — `link`, `export pairs`, `model show`, `blocking`, over the matching channels (invoke.ts).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { levelWeight, type MatchSpec } from '../engine/link/spec.js';
import { integer, noun, single, UsageError, type ParsedArgs } from './args.js';
import { EngineInternalError, invoke, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

function probabilityOption(args: ParsedArgs, name: string): number | undefined {
  const raw = single(args, name);
  if (raw === undefined) return undefined;
  const p = Number(raw);
  if (!/^\s*(0?\.\d+|\d+(\.\d+)?(e-?\d+)?)\s*$/i.test(raw) || !(p > 0 && p < 1)) throw new UsageError(`--${name} must be a probability between 0 and 1 (exclusive), not "${raw}"`);
  return p;
}

/** --spec FILE: the MatchSpec's text, which the engine checks. */
function specOption(args: ParsedArgs): { name: string; json: string } | undefined {
  const file = single(args, 'spec');
  if (file === undefined) return undefined;
  const path = resolve(file);
  if (!existsSync(path) || statSync(path).isDirectory()) throw new UsageError(`--spec ${file}: no such file`);
  return { name: basename(path), json: readFileSync(path, 'utf8') };
}

function outOption(args: ParsedArgs, usage: string): string {
  const out = single(args, 'out');
  if (!out) throw new UsageError(usage);
  if (existsSync(resolve(out)) && statSync(resolve(out)).isDirectory()) throw new UsageError(`--out ${out} is a folder; give a file name`);
  return out;
}

const link: Handler = async (args, ctx) => {
  const threshold = probabilityOption(args, 'threshold');
  const spec = specOption(args);
  const threads = integer(args, 'threads', 1, 64);
  const summary = await invoke(ctx, 'matching:run', { threshold, spec, threads });
  for (const w of summary.warnings) ctx.say(`Warning: ${w}`);
  ctx.say(
    `Run ${summary.run}: ${summary.records.toLocaleString('en-GB')} records → ${summary.persons.toLocaleString('en-GB')} persons in ` +
      `${summary.households.toLocaleString('en-GB')} households (${summary.candidatePairs.toLocaleString('en-GB')} pairs compared, ` +
      `${summary.matchedPairs.toLocaleString('en-GB')} at or above p ${summary.threshold}) in ${summary.seconds} s. ` +
      `Person IDs kept ${summary.personIds.kept}, new ${summary.personIds.created}, merges ${summary.personIds.merges}, splits ${summary.personIds.splits}.`,
  );
  const numbers = summary.personNumbers;
  if (numbers && numbers.shared > 0) {
    ctx.say(
      `Partners' own numbers for people: ${numbers.joined.toLocaleString('en-GB')} joins of records one partner numbers as one person; ` +
        `${numbers.keptApart.toLocaleString('en-GB')} kept apart (dates of birth, a generation or sexes disagree).`,
    );
  }
  return { summary: { ok: true, command: 'link', store: ctx.storePath, ...summary }, exit: 0 };
};

const exportPairsCommand: Handler = async (args, ctx) => {
  const out = outOption(args, 'export pairs needs --out FILE.csv');
  const minProbability = probabilityOption(args, 'min-probability');
  const run = integer(args, 'run', 1, 2_147_483_647);
  const written = await invoke(ctx, 'matching:exportPairs', { path: out, run, minProbability, replace: args.flags.has('force') });
  ctx.say(`Wrote ${written.rows} scored pairs of run ${written.run} to ${written.path}.`);
  return { summary: { ok: true, command: 'export pairs', store: ctx.storePath, out: written.path, run: written.run, rows: written.rows }, exit: 0 };
};

function describeSpec(spec: MatchSpec, say: (m: string) => void): void {
  say(`MatchSpec (${spec.trainedAt ? `trained ${spec.trainedAt}` : 'untrained defaults'}): threshold p ≥ ${spec.threshold}, prior ${spec.probabilityTwoRandomRecordsMatch ?? 'estimated'}`);
  for (const c of spec.comparisons) {
    say(`  ${c.name}${c.fixed ? ' (fixed)' : ''}`);
    for (const l of c.levels) {
      if (l.kind === 'null') continue;
      const w = levelWeight(l);
      say(`    ${l.label.padEnd(44)} m ${String(l.m ?? '-').padEnd(12)} u ${String(l.u ?? '-').padEnd(12)} ${w >= 0 ? '+' : ''}${w.toFixed(2)} bits`);
    }
  }
  say(`  blocking: ${spec.blockingRules.map((r) => r.name).join('; ')}`);
}

const model: Handler = async (args, ctx) => {
  const verb = args.words[1] ?? 'show';
  if (verb !== 'show') throw new UsageError('model needs show: model show [--run N] [--out FILE.json] [--json]');
  const run = integer(args, 'run', 1, 2_147_483_647);
  const out = single(args, 'out');
  const shown = await invoke(ctx, 'matching:spec', { run });
  const spec = shown.spec as unknown as MatchSpec;
  if (shown.run === null) ctx.say('No linkage run yet: showing the engine defaults (m/u are starting points; training replaces them).');
  describeSpec(spec, ctx.say);
  if (out) {
    writeFileSync(resolve(out), `${JSON.stringify(spec, null, 2)}\n`);
    ctx.say(`Wrote the MatchSpec to ${resolve(out)} (edit it and pass it to link --spec).`);
  }
  return { summary: { ok: true, command: 'model show', store: ctx.storePath, run: shown.run, spec }, exit: 0 };
};

const blocking: Handler = async (args, ctx) => {
  const spec = specOption(args);
  const report = await invoke(ctx, 'matching:blocking', { fresh: true, spec });
  if (!report) throw new EngineInternalError('no blocking analysis');
  const { run: _run, ...analysis } = report;
  const { refused, warnings } = analysis;
  ctx.say(`${analysis.records.toLocaleString('en-GB')} records; ${analysis.possibleComparisons.toLocaleString('en-GB')} possible pairs.`);
  for (const n of analysis.narrowed) ctx.say(`  narrowed: ${n}`);
  for (const n of analysis.capped ?? []) ctx.say(`  capped: ${n}`);
  for (const r of analysis.rules) {
    const largest = r.largestBlocks[0];
    ctx.say(
      `  ${r.rule}: ${r.comparisons.toLocaleString('en-GB')} comparisons in ${r.blocks.toLocaleString('en-GB')} blocks` +
        (refused ? '' : `, ${r.newComparisons.toLocaleString('en-GB')} new`) +
        (largest ? `; largest block ${largest.records} records ("${largest.key}")` : ''),
    );
  }
  if (!refused) ctx.say(`Total after removing pairs found by an earlier rule: ${analysis.totalComparisons.toLocaleString('en-GB')} comparisons.`);
  for (const w of warnings) ctx.say(`Warning: ${w}`);
  if (refused) ctx.say(`link would refuse this: ${refused}`);
  return { summary: { ok: true, command: 'blocking', store: ctx.storePath, ...analysis }, exit: 0 };
};

/** The handler for a linkage command (`export pairs` is reached through `export`), or undefined. */
export function linkCommand(args: ParsedArgs): Handler | undefined {
  const command = args.words[0];
  if (command === 'link') return link;
  if (command === 'export' && noun(args.words[1]) === 'pair') return exportPairsCommand;
  if (noun(command) === 'model') return model;
  if (command === 'blocking') return blocking;
  return undefined;
}

export const LINK_HELP = `  link [--threshold P] [--spec FILE.json] [--threads N]
  export pairs --out FILE.csv [--min-probability P] [--run N]
  model show [--run N] [--out FILE.json]
  blocking [--spec FILE.json]`;
