// CLI: neighbourhood outcomes — `indicator list`, `indicator add --spec FILE.json`, and
// `outcomes areas [--indicator NAME] [--period month|quarter|term|year] [--area NAME]`.
// A thin layer over the engine's channels (one front door): roles, disclosure control and
// audit live in the engine handlers. `outcomes` is a noun: other sub-commands (families) sit
// beside `areas` in their own files.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IndicatorResult } from '../../shared/ipc/channels/outcomes.js';
import { PERIOD_KINDS } from '../../shared/ipc/channels/outcomes.js';
import type { RequestOf } from '../../shared/ipc/contract.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { noun, single, UsageError, type ParsedArgs } from './args.js';
import { invoke, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;
type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Options these commands add to args.ts VALUED. */
export const OUTCOME_VALUED_OPTIONS = ['indicator', 'period', 'area'] as const;

export const OUTCOMES_HELP = `  indicator list | indicator add --spec FILE.json   outcome indicators (presets and the analysts' own)
  outcomes areas [--indicator NAME] [--period month|quarter|term|year] [--area NAME] [--published]
                                    per area and period: rate per 1,000, the borough's rate, the gap and its trend
                                    (--published: counts under 10 withheld, as in any export)`;

const fmt = (n: number | null | undefined, dp = 1): string => (n === null || n === undefined ? '–' : n.toLocaleString('en-GB', { minimumFractionDigits: dp, maximumFractionDigits: dp }));

const indicatorList: Handler = async (_args, ctx) => {
  const rows = await invoke(ctx, 'outcomes:indicators', {});
  for (const r of rows) ctx.say(`${r.name}${r.preset ? '' : ` (v${r.version})`}: ${r.label} — ${r.count} per 1,000 ${r.denominator}`);
  return { summary: { ok: true, command: 'indicator list', store: ctx.storePath, indicators: rows }, exit: 0 };
};

const indicatorAdd: Handler = async (args, ctx) => {
  const file = single(args, 'spec');
  if (!file) throw new UsageError('indicator add needs --spec FILE.json (an indicator definition: see indicator list --json for the fields)');
  const path = resolve(file);
  if (!existsSync(path) || statSync(path).isDirectory()) throw new UsageError(`--spec ${file}: no such file`);
  let definition: unknown;
  try {
    definition = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new WorkbenchError('bad-input', `${file}: not valid JSON.`);
  }
  const row = await invoke(ctx, 'outcomes:saveIndicator', definition as RequestOf<'outcomes:saveIndicator'>); // the engine validates it
  ctx.say(`Saved indicator ${row.name}, version ${row.version}.`);
  return { summary: { ok: true, command: 'indicator add', store: ctx.storePath, indicator: row }, exit: 0 };
};

function describe(result: IndicatorResult, say: (m: string) => void): void {
  say(`${result.indicator.label} per 1,000 ${result.denominator.label}; borough: ${result.borough.name}. ${result.ciMethod}.`);
  for (const w of result.warnings) say(`  Warning: ${w}`);
  for (const a of result.areas) {
    say(`  ${a.name}: gap ${a.trend.direction}${a.trend.slope !== null ? ` (slope ${fmt(a.trend.slope, 2)} per period, 95% interval ${fmt(a.trend.lower, 2)} to ${fmt(a.trend.upper, 2)})` : ''}`);
    for (const f of a.flags) say(`    Flag: ${f}`);
    for (const s of a.series) {
      say(`    ${s.period}: ${s.rate === null ? (s.note ?? 'no figure') : `${fmt(s.rate)} (${fmt(s.ci?.lower)}–${fmt(s.ci?.upper)}) vs borough ${fmt(s.boroughRate)}, gap ${fmt(s.gap?.difference)}`}`);
    }
  }
}

const outcomesAreas: Handler = async (args, ctx) => {
  const period = (single(args, 'period') ?? 'quarter') as PeriodKind;
  if (!PERIOD_KINDS.includes(period)) throw new UsageError(`--period must be one of ${PERIOD_KINDS.join(', ')}, not "${period}"`);
  const indicator = single(args, 'indicator');
  const area = single(args, 'area');
  // --published: the figures as they may leave the workbench (disclosure control whoever asks).
  const published = args.flags.has('published');
  const { results } = await invoke(ctx, 'outcomes:areas', { period, published, ...(indicator ? { indicator } : {}), ...(area ? { area } : {}) });
  for (const r of results) describe(r, ctx.say);
  // One indicator: its figures at the top level too, so a script reads `areas` directly.
  const only = results.length === 1 ? (results[0] as IndicatorResult) : null;
  return {
    summary: {
      ok: true,
      command: 'outcomes areas',
      store: ctx.storePath,
      period,
      indicators: results.map((r) => r.indicator.name),
      results,
      ...(only ? { indicator: only.indicator, borough: only.borough, denominator: only.denominator, periods: only.periods, areas: only.areas } : {}),
    },
    exit: 0,
  };
};

/** The handler for `indicator …` and `outcomes areas`, or null when the command is not one of them. */
export function outcomesCommand(args: ParsedArgs): Handler | null {
  const command = noun(args.words[0]);
  const sub = args.words[1];
  if (command === 'indicator') {
    if (sub === 'list' || sub === undefined) return indicatorList;
    if (sub === 'add') return indicatorAdd;
    return async () => {
      throw new UsageError(`Unknown indicator command "${sub}": indicator list, indicator add --spec FILE.json`);
    };
  }
  if (args.words[0] === 'outcomes' && sub === 'areas') return outcomesAreas;
  return null;
}
