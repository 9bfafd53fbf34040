// CLI commands for areas and deprivation (issue 5): imd, lookup, boundaries, area/areas.
// Wired into main.ts by the lead: each handler takes parsed args, the store path and the user,
// and returns the --json summary and the exit code (DESIGN §4). Human text goes to stderr.
import { resolve } from 'node:path';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { AREA_KINDS, addLsoas, createArea, deleteArea, getArea, inferVintage, listAreas, removeLsoas, wardLsoas, type AreaKind } from '../engine/geo/areas.js';
import { importBoundaries } from '../engine/geo/boundaries.js';
import { importIodFile } from '../engine/geo/iod-import.js';
import { importLookupFile } from '../engine/geo/lookup-import.js';
import { placeHouseholds } from '../engine/geo/household-placement.js';
import { placeRecords, postcodeVintages } from '../engine/geo/placement.js';
import { areaProfile } from '../engine/geo/profile.js';
import { BOROUGH_META } from '../engine/geo/geo-status.js';
import { parseVintage, type Vintage } from '../engine/geo/releases.js';
import { Store } from '../engine/store/store.js';
import { integer, noun, single, UsageError, type ParsedArgs } from './args.js';
import { progressReporter } from './progress.js';

type Outcome = { summary: Record<string, unknown>; exit: number };
export type CommandHandler = (args: ParsedArgs, storePath: string, user: string) => Promise<Outcome>;
export type StoreOpener = (path: string, createIfMissing: boolean) => Promise<Store>;

/** Options these commands need in args.ts VALUED: see the report. */
export const AREA_VALUED_OPTIONS = ['release', 'vintage', 'kind', 'lsoa', 'ward', 'ward-year', 'effective', 'borough'] as const;

const say = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

function vintageOption(args: ParsedArgs): Vintage | undefined {
  const raw = single(args, 'vintage');
  if (raw === undefined) return undefined;
  const v = parseVintage(raw);
  if (!v) throw new UsageError(`--vintage must be 2001, 2011 or 2021, not "${raw}"`);
  return v;
}


async function withStore<T>(open: StoreOpener, path: string, create: boolean, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await open(path, create);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

/** Runs an importer over each FILE: each its own transaction, a bad file reported, exit 1 if any failed. */
async function importEach(
  open: StoreOpener,
  command: string,
  files: string[],
  storePath: string,
  run: (store: Store, file: string) => Promise<{ message: string; status: string }>,
): Promise<Outcome> {
  if (files.length === 0) throw new UsageError(`${command} needs at least one FILE`);
  const results: Array<Record<string, unknown>> = [];
  let failed = 0;
  await withStore(open, storePath, true, async (store) => {
    for (const file of files) {
      try {
        const summary = await run(store, resolve(file));
        say(summary.message);
        results.push({ ...summary, file });
      } catch (error) {
        if (!(error instanceof WorkbenchError)) throw error;
        failed++;
        say(`Error: ${error.message}`);
        results.push({ file, status: 'failed', error: { kind: error.kind, message: error.message } });
      }
    }
  });
  const count = (status: string): number => results.filter((r) => r.status === status).length;
  return {
    summary: { ok: failed === 0, command, store: storePath, imported: count('imported'), skipped: count('skipped'), failed, files: results },
    exit: failed > 0 ? 1 : 0,
  };
}

/** The handlers, opening the store through `open` (main.ts passes one that knows the user). */
export function makeAreaCommands(open: StoreOpener): Record<string, CommandHandler> {
  const imd: CommandHandler = async (args, storePath, user) => {
    if (args.words[1] !== 'import') throw new UsageError('Usage: imd import FILE… [--release IoD2019]');
    const release = single(args, 'release');
    return importEach(open, 'imd import', args.words.slice(2), storePath, (store, file) => importIodFile(store, file, { user, ...(release ? { release } : {}) }, progressReporter('rows')));
  };

  const lookup: CommandHandler = async (args, storePath, user) => {
    const sub = args.words[1];
    if (sub === 'import') return importEach(open, 'lookup import', args.words.slice(2), storePath, (store, file) => importLookupFile(store, file, { user }, progressReporter('rows')));
    if (sub === 'unmatched') {
      return withStore(open, storePath, false, async (store) => {
        const vintages = postcodeVintages(store.reader);
        const vintage = vintageOption(args) ?? vintages[vintages.length - 1];
        if (vintage === undefined) throw new WorkbenchError('bad-input', 'No postcode → LSOA lookup has been imported (lookup import FILE).');
        const p = placeRecords(store.reader, vintage);
        say(`${p.placed} of ${p.recordsWithPostcode} records with a postcode placed on LSOA ${vintage}; ${p.unmatched.length} postcode(s) not in the lookup.`);
        // Postcodes of people are quasi-identifiers: listed for analysts only, counted for others.
        const analyst = store.session.role === 'analyst';
        if (analyst) for (const u of p.unmatched.slice(0, 50)) say(`  ${u.postcode}  (${u.records} record${u.records === 1 ? '' : 's'})`);
        const h = placeHouseholds(store.reader, vintage);
        if (h.run !== null) say(`Households of linkage run ${h.run}: ${h.placedHouseholds} of ${h.households} placed on LSOA ${vintage}; ${h.withoutPostcode} without a postcode; ${h.unmatched.length} postcode(s) not in the lookup.`);
        store.audit(user, 'lookup-unmatched', { vintage, unmatched: p.unmatched.length });
        const { byLsoa: _byLsoa, ...households } = h;
        return {
          summary: {
            ok: true,
            command: 'lookup unmatched',
            vintage,
            recordsWithPostcode: p.recordsWithPostcode,
            placed: p.placed,
            unmatched: analyst ? p.unmatched : p.unmatched.length,
            households: analyst ? households : { ...households, unmatched: households.unmatched.length },
          },
          exit: 0,
        };
      });
    }
    throw new UsageError('Usage: lookup import FILE… | lookup unmatched [--vintage 2021]');
  };

  const boundaries: CommandHandler = async (args, storePath, user) => {
    if (args.words[1] !== 'import') throw new UsageError('Usage: boundaries import FILE [--vintage 2021]');
    const vintage = single(args, 'vintage');
    return importEach(open, 'boundaries import', args.words.slice(2), storePath, (store, file) => importBoundaries(store, file, { user, ...(vintage ? { vintage } : {}) }));
  };

  const area: CommandHandler = async (args, storePath, user) => {
    const sub = args.words[1];
    const name = args.words[2];
    const lsoaArgs = [...(args.options.get('lsoa') ?? []).flatMap((v) => v.split(/[\s,]+/)), ...args.words.slice(3)].filter((c) => c !== '');
    if (sub === 'list') {
      return withStore(open, storePath, false, async (store) => {
        const areas = listAreas(store.reader);
        for (const a of areas) say(`${a.name}  (${a.kind}, LSOA ${a.vintage}, ${a.lsoaCount} LSOAs${a.effectiveDate ? `, from ${a.effectiveDate}` : ''})`);
        if (areas.length === 0) say('No areas yet (areas create NAME --vintage 2011 --lsoa CODE…).');
        return { summary: { ok: true, command: 'areas list', areas }, exit: 0 };
      });
    }
    if (!name) throw new UsageError('Usage: area create|add-lsoa|remove-lsoa|show|delete|profile NAME …; areas list');
    if (sub === 'create') {
      const kindRaw = single(args, 'kind');
      const ward = single(args, 'ward');
      const wardYear = integer(args, 'ward-year', 2001, 2100);
      const kind = (kindRaw ?? (ward ? 'ward' : 'target')) as AreaKind;
      if (!AREA_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${AREA_KINDS.join(', ')}`);
      const effective = single(args, 'effective');
      return withStore(open, storePath, false, async (store) => {
        const db = store.writer;
        let codes = lsoaArgs;
        let vintage = vintageOption(args);
        let origin: string | undefined;
        if (ward) {
          const borough = single(args, 'borough') ?? store.meta(BOROUGH_META) ?? undefined;
          const w = wardLsoas(db, ward, wardYear, borough, effective);
          if (vintage && vintage !== w.vintage) throw new WorkbenchError('bad-input', `The ${w.year} ward lookup is on LSOA ${w.vintage} codes, not ${vintage}.`);
          codes = [...codes, ...w.lsoas];
          vintage = w.vintage;
          origin = `ward ${w.code}${w.name ? ` ${w.name}` : ''} (${w.year} ward lookup)`;
        }
        if (codes.length === 0) throw new UsageError('area create needs LSOA codes (--lsoa CODE, or codes after the name) or --ward CODE|NAME');
        vintage ??= inferVintage(db, codes.map((c) => c.toUpperCase()));
        const { area: created, warnings } = createArea(db, { name, kind, vintage, lsoas: codes, user, ...(effective ? { effectiveDate: effective } : {}), ...(origin ? { origin } : {}) });
        for (const w of warnings) say(`Warning: ${w}`);
        store.audit(user, 'area-create', { areaId: created.id, lsoas: created.lsoas.length, vintage });
        say(`Created ${created.kind} area "${created.name}" on LSOA ${created.vintage} with ${created.lsoas.length} LSOAs${origin ? ` from ${origin}` : ''}.`);
        return { summary: { ok: true, command: 'area create', area: created, warnings }, exit: 0 };
      });
    }
    if (sub === 'add-lsoa' || sub === 'remove-lsoa') {
      if (lsoaArgs.length === 0) throw new UsageError(`area ${sub} NAME CODE…`);
      return withStore(open, storePath, false, async (store) => {
        if (sub === 'add-lsoa') {
          const r = addLsoas(store.writer, name, lsoaArgs);
          for (const w of r.warnings) say(`Warning: ${w}`);
          store.audit(user, 'area-add-lsoa', { areaId: r.area.id, added: r.added.length });
          say(`Added ${r.added.length} LSOA(s) to "${r.area.name}" (now ${r.area.lsoas.length}).`);
          return { summary: { ok: true, command: 'area add-lsoa', area: r.area, added: r.added, warnings: r.warnings }, exit: 0 };
        }
        const r = removeLsoas(store.writer, name, lsoaArgs);
        store.audit(user, 'area-remove-lsoa', { areaId: r.area.id, removed: r.removed.length });
        say(`Removed ${r.removed.length} LSOA(s) from "${r.area.name}" (now ${r.area.lsoas.length}).`);
        return { summary: { ok: true, command: 'area remove-lsoa', area: r.area, removed: r.removed }, exit: 0 };
      });
    }
    if (sub === 'show') {
      return withStore(open, storePath, false, async (store) => {
        const a = getArea(store.reader, name);
        say(`${a.name} (${a.kind}, LSOA ${a.vintage}): ${a.lsoas.join(', ')}`);
        return { summary: { ok: true, command: 'area show', area: a }, exit: 0 };
      });
    }
    if (sub === 'delete') {
      return withStore(open, storePath, false, async (store) => {
        const a = getArea(store.reader, name);
        deleteArea(store.writer, name);
        store.audit(user, 'area-delete', { areaId: a.id });
        say(`Deleted area "${a.name}".`);
        return { summary: { ok: true, command: 'area delete', name: a.name }, exit: 0 };
      });
    }
    if (sub === 'profile') {
      return withStore(open, storePath, false, async (store) => {
        const given = single(args, 'borough');
        if (given) store.setMeta(BOROUGH_META, given);
        const borough = given ?? store.meta(BOROUGH_META) ?? undefined;
        const profile = areaProfile(store.reader, name, borough ? { borough } : {});
        store.audit(user, 'area-profile', { areaId: getArea(store.reader, name).id });
        say(`${profile.area.name} (${profile.area.kind}, ${profile.area.lsoas.length} LSOA ${profile.area.vintage} codes)${borough ? ` and ${profile.borough?.names[0] ?? borough}` : ''}:`);
        for (const r of profile.releases) {
          const a = r.area.imd;
          const b = r.borough?.imd;
          say(
            `  ${r.release} (LSOA ${r.vintage}): area ${r.area.lsoasWithData}/${r.area.lsoas} LSOAs, ${a?.mostDeprived10 ?? '–'} in England's most deprived 10%, ${a?.mostDeprived20 ?? '–'} in 20%` +
              (r.borough ? `; borough ${r.borough.lsoas} LSOAs, ${b?.mostDeprived10 ?? '–'} in 10%, ${b?.mostDeprived20 ?? '–'} in 20%` : '') +
              (r.area.lsoaFigures.some((f) => f.changed) ? ' [boundary changes flagged]' : ''),
          );
        }
        if (profile.baseline && profile.baseline.run !== null) {
          say(`  Baseline (linkage run ${profile.baseline.run}, LSOA ${profile.baseline.vintage}): ${profile.baseline.households ?? 0} households, ${profile.baseline.persons ?? 0} persons in the area.`);
        }
        for (const w of profile.warnings) say(`Warning: ${w}`);
        say('Ranks and deciles are relative to England in each release; they do not measure absolute change.');
        return { summary: { ok: true, command: 'area profile', ...profile }, exit: 0 };
      });
    }
    throw new UsageError(`Unknown area command "${sub ?? ''}". Use: areas list | area create|add-lsoa|remove-lsoa|show|delete|profile NAME`);
  };

  const areaCommand: CommandHandler = (args, storePath, user) => {
    if (noun(args.words[0]) !== 'area') throw new UsageError('area commands start with "area" or "areas"');
    return area(args, storePath, user);
  };
  return { imd, lookup, lookups: lookup, boundaries, boundary: boundaries, area: areaCommand, areas: areaCommand };
}

/** Keyed by command word: imd, lookup(s), boundaries/boundary, area/areas. */
