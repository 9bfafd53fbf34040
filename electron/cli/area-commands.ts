// CLI commands for areas and deprivation: imd, lookup, boundaries, area/areas. Each is argument
// parsing and printing over the areas feature's channels (see invoke.ts); human text goes to stderr.
import { resolve } from 'node:path';
import type { Vintage as ChannelVintage } from '../../shared/ipc/channels/areas.js';
import { RELEASE_IDS, type ReleaseId } from '../../shared/ipc/channels/areas.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { AREA_KINDS, type AreaKind } from '../engine/geo/areas.js';
import { parseVintage } from '../engine/geo/releases.js';
import type { Store } from '../engine/store/store.js';
import { integer, noun, single, UsageError, type ParsedArgs } from './args.js';
import { withEngine, type CliEngine } from './invoke.js';

type Outcome = { summary: Record<string, unknown>; exit: number };
/** `user`: whose key slot the passphrase must open (--user), or undefined for whoever it opens. */
export type CommandHandler = (args: ParsedArgs, storePath: string, user: string | undefined) => Promise<Outcome>;
/** Opens the store some other way than with the passphrase (tests hold the key). */
export type StoreOpener = (path: string, createIfMissing: boolean) => Promise<Store>;

const say = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

function vintageOption(args: ParsedArgs): ChannelVintage | undefined {
  const raw = single(args, 'vintage');
  if (raw === undefined) return undefined;
  const v = parseVintage(raw);
  if (!v) throw new UsageError(`--vintage must be 2001, 2011 or 2021, not "${raw}"`);
  return v;
}

function releaseOption(args: ParsedArgs): ReleaseId | undefined {
  const raw = single(args, 'release');
  if (raw === undefined) return undefined;
  const release = RELEASE_IDS.find((r) => r.toLowerCase() === raw.toLowerCase());
  if (!release) throw new UsageError(`--release must be one of ${RELEASE_IDS.join(', ')}, not "${raw}"`);
  return release;
}

/** The handlers; `open` replaces the passphrase prompt (tests), else each command asks for it. */
export function makeAreaCommands(open?: StoreOpener): Record<string, CommandHandler> {
  const withStore = <T>(storePath: string, user: string | undefined, create: boolean, work: (engine: CliEngine) => Promise<T>): Promise<T> =>
    withEngine({ storePath, user, say }, work, { create, ...(open ? { open } : {}) });

  /** Imports each FILE as a reference file of `kind`: each its own transaction, a bad file reported, exit 1 if any failed. */
  const importEach = async (
    command: string,
    kind: 'imd' | 'lookup' | 'boundaries',
    files: string[],
    storePath: string,
    user: string | undefined,
    options: { release?: ReleaseId; vintage?: ChannelVintage } = {},
  ): Promise<Outcome> => {
    if (files.length === 0) throw new UsageError(`${command} needs at least one FILE`);
    const results: Array<Record<string, unknown>> = [];
    let failed = 0;
    await withStore(storePath, user, true, async (engine) => {
      for (const file of files) {
        try {
          const { token } = await engine.file(resolve(file));
          const summary = await engine.call('geo:import', { token, kind, ...options });
          say(summary.message);
          results.push({ ...(summary.detail ?? summary), file: resolve(file) });
        } catch (error) {
          if (!(error instanceof WorkbenchError) || error.kind === 'forbidden') throw error;
          failed++;
          say(`Error: ${error.message}`);
          results.push({ file: resolve(file), status: 'failed', error: { kind: error.kind, message: error.message } });
        }
      }
    });
    const count = (status: string): number => results.filter((r) => r.status === status).length;
    return {
      summary: { ok: failed === 0, command, store: storePath, imported: count('imported'), skipped: count('skipped'), failed, files: results },
      exit: failed > 0 ? 1 : 0,
    };
  };

  const imd: CommandHandler = async (args, storePath, user) => {
    if (args.words[1] !== 'import') throw new UsageError('Usage: imd import FILE… [--release IoD2019]');
    const release = releaseOption(args);
    return importEach('imd import', 'imd', args.words.slice(2), storePath, user, release ? { release } : {});
  };

  const lookup: CommandHandler = async (args, storePath, user) => {
    const sub = args.words[1];
    if (sub === 'import') return importEach('lookup import', 'lookup', args.words.slice(2), storePath, user);
    if (sub === 'unmatched') {
      const vintage = vintageOption(args);
      const found = await withStore(storePath, user, false, (engine) => engine.call('geo:unmatched', vintage ? { vintage } : {}));
      say(`${found.placed} of ${found.recordsWithPostcode} records with a postcode placed on LSOA ${found.vintage}; ${found.unmatched.length} postcode(s) not in the lookup.`);
      for (const u of found.unmatched.slice(0, 50)) say(`  ${u.postcode}  (${u.records} record${u.records === 1 ? '' : 's'})`);
      const h = found.households as { run: number | null; placedHouseholds: number; households: number; withoutPostcode: number; unmatched: unknown[] };
      if (h.run !== null) say(`Households of linkage run ${h.run}: ${h.placedHouseholds} of ${h.households} placed on LSOA ${found.vintage}; ${h.withoutPostcode} without a postcode; ${h.unmatched.length} postcode(s) not in the lookup.`);
      return { summary: { ok: true, command: 'lookup unmatched', ...found }, exit: 0 };
    }
    throw new UsageError('Usage: lookup import FILE… | lookup unmatched [--vintage 2021]');
  };

  const boundaries: CommandHandler = async (args, storePath, user) => {
    if (args.words[1] !== 'import') throw new UsageError('Usage: boundaries import FILE [--vintage 2021]');
    const vintage = vintageOption(args);
    return importEach('boundaries import', 'boundaries', args.words.slice(2), storePath, user, vintage ? { vintage } : {});
  };

  const area: CommandHandler = async (args, storePath, user) => {
    const sub = args.words[1];
    const name = args.words[2];
    const lsoaArgs = [...(args.options.get('lsoa') ?? []).flatMap((v) => v.split(/[\s,]+/)), ...args.words.slice(3)].filter((c) => c !== '');
    const call = <T>(work: (engine: CliEngine) => Promise<T>): Promise<T> => withStore(storePath, user, false, work);
    if (sub === 'list') {
      const areas = (await call((engine) => engine.call('areas:list', {}))).map(({ lsoas, ...a }) => ({ ...a, lsoaCount: lsoas.length }));
      for (const a of areas) say(`${a.name}  (${a.kind}, LSOA ${a.vintage}, ${a.lsoaCount} LSOAs${a.effectiveDate ? `, from ${a.effectiveDate}` : ''})`);
      if (areas.length === 0) say('No areas yet (areas create NAME --vintage 2011 --lsoa CODE…).');
      return { summary: { ok: true, command: 'areas list', areas }, exit: 0 };
    }
    if (!name) throw new UsageError('Usage: area create|add-lsoa|remove-lsoa|show|delete|profile NAME …; areas list');
    if (sub === 'create') {
      const kindRaw = single(args, 'kind');
      const ward = single(args, 'ward');
      const wardYear = integer(args, 'ward-year', 2001, 2100);
      const kind = (kindRaw ?? (ward ? 'ward' : 'target')) as AreaKind;
      if (!AREA_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${AREA_KINDS.join(', ')}`);
      if (lsoaArgs.length === 0 && !ward) throw new UsageError('area create needs LSOA codes (--lsoa CODE, or codes after the name) or --ward CODE|NAME');
      const effective = single(args, 'effective');
      const borough = single(args, 'borough');
      const vintage = vintageOption(args);
      const { area: created, warnings } = await call((engine) =>
        engine.call('areas:create', {
          name,
          kind,
          lsoas: lsoaArgs,
          ...(vintage ? { vintage } : {}),
          ...(ward ? { ward } : {}),
          ...(wardYear !== undefined ? { wardYear } : {}),
          ...(borough ? { borough } : {}),
          ...(effective ? { effectiveDate: effective } : {}),
        }),
      );
      for (const w of warnings) say(`Warning: ${w}`);
      say(`Created ${created.kind} area "${created.name}" on LSOA ${created.vintage} with ${created.lsoas.length} LSOAs${created.origin ? ` from ${created.origin}` : ''}.`);
      return { summary: { ok: true, command: 'area create', area: created, warnings }, exit: 0 };
    }
    if (sub === 'add-lsoa' || sub === 'remove-lsoa') {
      if (lsoaArgs.length === 0) throw new UsageError(`area ${sub} NAME CODE…`);
      if (sub === 'add-lsoa') {
        const r = await call((engine) => engine.call('areas:addLsoas', { name, lsoas: lsoaArgs }));
        for (const w of r.warnings) say(`Warning: ${w}`);
        const added = r.added ?? [];
        say(`Added ${added.length} LSOA(s) to "${r.area.name}" (now ${r.area.lsoas.length}).`);
        return { summary: { ok: true, command: 'area add-lsoa', area: r.area, added, warnings: r.warnings }, exit: 0 };
      }
      const r = await call((engine) => engine.call('areas:removeLsoas', { name, lsoas: lsoaArgs }));
      const removed = r.removed ?? [];
      say(`Removed ${removed.length} LSOA(s) from "${r.area.name}" (now ${r.area.lsoas.length}).`);
      return { summary: { ok: true, command: 'area remove-lsoa', area: r.area, removed }, exit: 0 };
    }
    if (sub === 'show') {
      const a = await call((engine) => engine.call('areas:show', { name }));
      say(`${a.name} (${a.kind}, LSOA ${a.vintage}): ${a.lsoas.join(', ')}`);
      return { summary: { ok: true, command: 'area show', area: a }, exit: 0 };
    }
    if (sub === 'delete') {
      const { deleted } = await call((engine) => engine.call('areas:delete', { name }));
      say(`Deleted area "${deleted}".`);
      return { summary: { ok: true, command: 'area delete', name: deleted }, exit: 0 };
    }
    if (sub === 'profile') {
      const borough = single(args, 'borough');
      // Exact per-LSOA counts are asked for; the engine gives them to analysts only.
      const profile = await call((engine) => engine.call('areas:profile', { name, detail: true, ...(borough ? { borough } : {}) }));
      say(`${profile.area.name} (${profile.area.kind}, ${profile.area.lsoas.length} LSOA ${profile.area.vintage} codes)${profile.borough ? ` and ${profile.borough.names[0] ?? profile.borough.code}` : ''}:`);
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
    }
    throw new UsageError(`Unknown area command "${sub ?? ''}". Use: areas list | area create|add-lsoa|remove-lsoa|show|delete|profile NAME`);
  };

  const areaCommand: CommandHandler = (args, storePath, user) => {
    if (noun(args.words[0]) !== 'area') throw new UsageError('area commands start with "area" or "areas"');
    return area(args, storePath, user);
  };
  return { imd, lookup, lookups: lookup, boundaries, boundary: boundaries, area: areaCommand, areas: areaCommand };
}
