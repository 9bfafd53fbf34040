// CLI: the baseline's grid views and area counts — `baseline export people|households`,
// `baseline wards`, `baseline streets`. A thin layer over the channels the Baseline page uses
// (baseline:gridExport, baseline:wards, baseline:streets): role checks, disclosure control and
// audit happen in the engine.
import { resolve } from 'node:path';
import { AGE_BANDS, PERSON_FLAGS, type GridFilters } from '../../shared/ipc/channels/baseline.js';
import { integer, single, UsageError, type ParsedArgs } from './args.js';
import { withEngine, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

export const BASELINE_GRID_HELP = `  baseline export people|households --out FILE.csv [--sort COLUMN[:asc|desc]] [--columns A,B,…]
        [--lsoa CODE] [--source ID] [--age-band BAND] [--flag FLAG] [--imd-decile N] [--cohort PROGRAMME] [--text TEXT]
                                    the grid's view as CSV for people (formula-safe; analysts; audited by counts)
  baseline wards                    households, people and children per ward (counts under 10 withheld for co-ordinators)
  baseline streets [--lsoa CODE]    the same per street`;

const USAGE = 'Usage: baseline export people|households --out FILE.csv [options] | baseline wards | baseline streets [--lsoa CODE]';

/** `--sort surname` or `--sort surname:desc`: the grid sorts by one column, then by ID. */
function sortOf(args: ParsedArgs): Array<{ colId: string; sort: 'asc' | 'desc' }> {
  const raw = single(args, 'sort');
  if (raw === undefined) return [];
  const m = /^([A-Za-z]+)(?::(asc|desc))?$/.exec(raw);
  if (!m) throw new UsageError(`--sort must be a column, optionally with :asc or :desc (such as surname:desc), not "${raw}"`);
  return [{ colId: m[1] as string, sort: (m[2] ?? 'asc') as 'asc' | 'desc' }];
}

function filtersOf(args: ParsedArgs): GridFilters {
  const filters: GridFilters = {};
  const lsoa = single(args, 'lsoa');
  if (lsoa !== undefined) filters.lsoa = lsoa;
  const source = integer(args, 'source', 1, Number.MAX_SAFE_INTEGER);
  if (source !== undefined) filters.sourceId = source;
  const band = single(args, 'age-band');
  if (band !== undefined) {
    if (!(AGE_BANDS as readonly string[]).includes(band)) throw new UsageError(`--age-band must be one of ${AGE_BANDS.join(', ')}, not "${band}"`);
    filters.ageBand = band as GridFilters['ageBand'];
  }
  const flag = single(args, 'flag');
  if (flag !== undefined) {
    if (!(PERSON_FLAGS as readonly string[]).includes(flag)) throw new UsageError(`--flag must be one of ${PERSON_FLAGS.join(', ')}, not "${flag}"`);
    filters.flag = flag as GridFilters['flag'];
  }
  const decile = integer(args, 'imd-decile', 1, 10);
  if (decile !== undefined) filters.imdDecile = decile;
  const cohort = single(args, 'cohort');
  if (cohort !== undefined) filters.cohort = cohort;
  const text = single(args, 'text');
  if (text !== undefined) filters.text = text;
  return filters;
}

const exportView: Handler = async (args, ctx) => {
  const kind = args.words[2] ?? single(args, 'kind');
  if (kind !== 'people' && kind !== 'households') throw new UsageError(`baseline export needs people or households. ${USAGE}`);
  const out = single(args, 'out');
  if (!out) throw new UsageError('baseline export needs --out FILE.csv');
  const columnList = single(args, 'columns');
  const columns = columnList === undefined ? undefined : columnList.split(',').map((c) => c.trim()).filter(Boolean);
  const request = { kind, sort: sortOf(args), filters: filtersOf(args), path: resolve(out), ...(columns ? { columns } : {}) } as const;
  return withEngine(ctx, async (engine) => {
    const done = await engine.call('baseline:gridExport', request);
    ctx.say(`Wrote ${done.rows} ${kind === 'people' ? 'people' : 'households'} to ${done.path}.`);
    return { summary: { ok: true, command: 'baseline export', kind, out: done.path, rows: done.rows }, exit: 0 };
  });
};

const count = (n: number | null): string => (n === null ? 'withheld' : String(n));

const wards: Handler = async (_args, ctx) =>
  withEngine(ctx, async (engine) => {
    const found = await engine.call('baseline:wards', {});
    if (found.run === null) ctx.say('Linkage has not been run yet: run link first.');
    else {
      ctx.say(found.wardYear === null ? 'No LSOA to ward lookup is imported: every household is under "no ward" (lookup import).' : `Wards of ${found.wardYear}${found.suppressed ? '; counts under 10 are withheld' : ''}.`);
      ctx.say('ward\thouseholds\tpeople\tchildren');
      for (const r of found.rows) ctx.say(`${r.wardName ?? r.wardCode ?? 'no ward'}${r.wardCode && r.wardName ? ` (${r.wardCode})` : ''}\t${count(r.households)}\t${count(r.persons)}\t${count(r.children)}`);
    }
    return { summary: { ok: true, command: 'baseline wards', ...found }, exit: 0 };
  });

const streets: Handler = async (args, ctx) => {
  const lsoa = single(args, 'lsoa');
  return withEngine(ctx, async (engine) => {
    const found = await engine.call('baseline:streets', lsoa === undefined ? {} : { lsoa });
    if (found.run === null) ctx.say('Linkage has not been run yet: run link first.');
    else {
      ctx.say('street\tLSOA\thouseholds\tpeople\tchildren');
      for (const r of found.rows) ctx.say(`${r.street ?? 'no street'}\t${r.lsoa ?? 'not placed'}\t${count(r.households)}\t${count(r.persons)}\t${count(r.children)}`);
    }
    return { summary: { ok: true, command: 'baseline streets', ...found }, exit: 0 };
  });
};

export const baselineGrid: Handler = async (args, ctx) => {
  const verb = args.words[1];
  if (verb === 'export') return exportView(args, ctx);
  if (verb === 'wards' || verb === 'ward') return wards(args, ctx);
  if (verb === 'streets' || verb === 'street') return streets(args, ctx);
  throw new UsageError(USAGE);
};
