// CLI: programmes, cohorts and family outcomes — `cohort evaluate|export`, `outcomes families`,
// `programme list|show|copy`. A thin layer: each command is one engine channel (the same use case
// the app calls), so roles, disclosure control and audit stay in the engine.
import { resolve } from 'node:path';
import type { Channel, RequestOf } from '../../shared/ipc/contract.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import type { CohortSummary, OutcomesReport, ProgrammeVersion } from '../../shared/ipc/channels/cohort.js';
import { integer, noun, single, UsageError, type ParsedArgs } from './args.js';
import { invoke } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Context = { storePath: string; user: string | undefined; say: (m: string) => void };
type Handler = (args: ParsedArgs, ctx: Context) => Promise<CommandResult>;

export const COHORT_HELP = `  cohort evaluate --preset NAME --as-of YYYY-MM-DD [--version N] [--limit N]   families meeting a programme's criteria
  cohort export --preset NAME --as-of YYYY-MM-DD --out FILE.csv   one line per family with any criterion (machine-readable)
  outcomes families --as-of YYYY-MM-DD [--preset NAME] [--attached YYYY-MM-DD] [--family ID] [--per-family]   payment-by-results measures
  programme list | programme show NAME [--version N] | programme copy FROM NAME [--version N]`;

/** One channel through the shared front door (invoke.ts): policy, audit actor, exit 1 / 2 alike. */
async function call<C extends Channel>(ctx: Context, channel: C, request: RequestOf<C>): Promise<unknown> {
  return invoke(ctx, channel, request);
}

function asOfOption(args: ParsedArgs, command: string): string {
  const asOf = single(args, 'as-of');
  if (!asOf) throw new UsageError(`${command} needs --as-of YYYY-MM-DD`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of must be YYYY-MM-DD');
  return asOf;
}

function programmeOption(args: ParsedArgs, command: string, fallback?: string): { programme: string; version?: number } {
  const preset = single(args, 'preset');
  const programme = single(args, 'programme');
  if (preset && programme) throw new UsageError('Give --preset or --programme, not both');
  const name = preset ?? programme ?? fallback;
  if (!name) throw new UsageError(`${command} needs --preset NAME (troubled-families-phase-1, troubled-families-phase-2, supporting-families) or --programme NAME`);
  const version = integer(args, 'version', 1, 1_000_000);
  return { programme: name, ...(version !== undefined ? { version } : {}) };
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

const cohortEvaluate: Handler = async (args, ctx) => {
  const asOf = asOfOption(args, 'cohort evaluate');
  const limit = integer(args, 'limit', 0, 200_000) ?? 0;
  const summary = (await call(ctx, 'cohort:evaluate', { ...programmeOption(args, 'cohort evaluate'), asOf, limit })) as CohortSummary;
  const n = (v: number | null): string => (v === null ? '<10' : v.toLocaleString('en-GB'));
  ctx.say(`${summary.programme.title} (${summary.programme.name} v${summary.programme.version}) at ${summary.asOf}, linkage run ${summary.linkRun ?? 'none'}:`);
  ctx.say(`  ${n(summary.qualifying)} families qualify${summary.target ? ` (target ${summary.target.toLocaleString('en-GB')})` : ''}; ${n(summary.flagged)} of ${n(summary.households)} households meet at least one criterion.`);
  for (const h of summary.headings) ctx.say(`  ${pad(h.label, 64)} ${h.data === 'no-data' ? 'no data' : n(h.families)}${h.data === 'partial' ? ` (partial: no ${h.missing.join('; ')})` : ''}`);
  if (summary.localFilter) ctx.say(`  ${pad(summary.localFilter.label, 64)} ${n(summary.localFilter.families)}`);
  for (const c of summary.combinations) ctx.say(`    ${pad(c.key, 40)} ${n(c.families)}`);
  for (const m of summary.messages) ctx.say(`  Note: ${m}`);
  return { summary: { ok: true, command: 'cohort evaluate', store: ctx.storePath, ...summary }, exit: 0 };
};

const cohortExport: Handler = async (args, ctx) => {
  const asOf = asOfOption(args, 'cohort export');
  const out = single(args, 'out');
  if (!out) throw new UsageError('cohort export needs --out FILE.csv');
  const result = (await call(ctx, 'cohort:export', { ...programmeOption(args, 'cohort export'), asOf, out: resolve(out) })) as { out: string; families: number; qualifying: number; programme: { name: string; version: number } };
  ctx.say(`Wrote ${result.families.toLocaleString('en-GB')} families (${result.qualifying.toLocaleString('en-GB')} qualifying) of ${result.programme.name} v${result.programme.version} at ${asOf} to ${result.out}.`);
  return { summary: { ok: true, command: 'cohort export', store: ctx.storePath, asOf, ...result }, exit: 0 };
};

const outcomesFamilies: Handler = async (args, ctx) => {
  const asOf = asOfOption(args, 'outcomes families');
  const attached = single(args, 'attached');
  if (attached !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(attached)) throw new UsageError('--attached must be YYYY-MM-DD');
  const family = single(args, 'family');
  const report = (await call(ctx, 'outcomes:families', {
    ...programmeOption(args, 'outcomes families', 'troubled-families-phase-1'),
    asOf,
    ...(attached ? { attachedOn: attached } : {}),
    ...(family ? { familyId: family } : {}),
    ...(args.flags.has('per-family') ? { perFamily: true } : {}),
  })) as OutcomesReport;
  ctx.say(`Family outcomes of ${report.programme.name} v${report.programme.version}: ${report.families.length} families attached on ${report.attachedOn}, measured at ${report.asOf} (claim window ${report.claimWindow.from} to ${report.claimWindow.to}).`);
  for (const [measure, counts] of Object.entries(report.totals)) ctx.say(`  ${pad(measure, 18)} ${Object.entries(counts).map(([s, v]) => `${s} ${v ?? '<10'}`).join(', ')}`);
  ctx.say(`  ${report.claimable ?? '<10'} families have a result that can be claimed.`);
  return { summary: { ok: true, command: 'outcomes families', store: ctx.storePath, ...report }, exit: 0 };
};

const programme: Handler = async (args, ctx) => {
  const verb = args.words[1];
  if (verb === 'list') {
    const list = (await call(ctx, 'programme:list', {})) as Array<{ name: string; title: string; preset: boolean; latestVersion: number }>;
    for (const p of list) ctx.say(`${pad(p.name, 32)} v${p.latestVersion}${p.preset ? ' (preset, read-only)' : ''}  ${p.title}`);
    return { summary: { ok: true, command: 'programme list', programmes: list }, exit: 0 };
  }
  if (verb === 'show') {
    const name = args.words[2];
    if (!name) throw new UsageError('programme show needs a NAME (see programme list)');
    const version = integer(args, 'version', 1, 1_000_000);
    const p = (await call(ctx, 'programme:show', { programme: name, ...(version !== undefined ? { version } : {}) })) as ProgrammeVersion;
    ctx.say(`${p.definition.title} — ${p.name} v${p.version}${p.preset ? ' (preset, read-only)' : ''}${p.basedOn ? `, based on ${p.basedOn}` : ''}`);
    ctx.say(`Source: ${p.definition.source}`);
    for (const c of p.definition.criteria) {
      ctx.say(`  ${c.label} [${c.id}]`);
      for (const t of c.tests) ctx.say(`    - ${t.label}`);
    }
    if (p.definition.localFilter) ctx.say(`  Local filter: ${p.definition.localFilter.tests.map((t) => t.label).join('; ')}`);
    const r = p.definition.rule;
    ctx.say(`  Qualifies: ${r.all ? 'all criteria, or ' : ''}at least ${r.atLeast}${r.withLocalFilter ? ' plus the local filter' : ''}${r.dependentChild ? ', with a dependent child' : ''}.`);
    return { summary: { ok: true, command: 'programme show', ...p }, exit: 0 };
  }
  if (verb === 'copy') {
    const [from, name] = [args.words[2], args.words[3]];
    if (!from || !name) throw new UsageError('programme copy needs FROM and NAME: programme copy troubled-families-phase-1 our-local-programme');
    const version = integer(args, 'version', 1, 1_000_000);
    const p = (await call(ctx, 'programme:copy', { from, name, ...(version !== undefined ? { fromVersion: version } : {}) })) as ProgrammeVersion;
    ctx.say(`Copied ${p.basedOn} to ${p.name} v${p.version}: edit it on the Families page; every saved version is kept.`);
    return { summary: { ok: true, command: 'programme copy', ...p }, exit: 0 };
  }
  throw new UsageError('programme needs list, show NAME or copy FROM NAME');
};

/** The handler for a cohort-feature command, or null when the command is not one of them. */
export function cohortCommand(args: ParsedArgs): Handler | null {
  const command = noun(args.words[0]);
  const verb = args.words[1];
  if (command === 'cohort') {
    if (verb === 'evaluate') return cohortEvaluate;
    if (verb === 'export') return cohortExport;
    return () => Promise.reject(new UsageError('cohort needs evaluate or export (see --help)'));
  }
  if (command === 'outcome') {
    if (verb === 'families' || verb === 'family') return outcomesFamilies;
    return null;
  }
  if (command === 'programme') return programme;
  return null;
}
