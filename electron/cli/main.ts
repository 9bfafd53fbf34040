// The command-line interface (README "Command line"): the same engine channels as the app, in-process (invoke.ts). Human messages go to stderr;
// with --json the last line of stdout is one JSON summary. Exit 0 done, 1 user error, 2 internal.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SOURCE_KINDS, type SourceKind } from '../../shared/domain/record-fields.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { describeDrift, driftIsEmpty } from '../engine/import/preset-match.js';
import { checkPresetName } from '../engine/import/presets.js';
import { defaultDemoStorePath, defaultStorePath, defaultUserDataDir } from '../engine/store/paths.js';
import { appVersion } from '../engine/version.js';
import { importCommand } from './import-commands.js';
import { integer, noun, parseArgs, single, UsageError, type ParsedArgs } from './args.js';
import { COHORT_HELP, cohortCommand } from './cohort-commands.js';
import { governanceCommand } from './governance-commands.js';
import { inboxCommand } from './inbox-commands.js';
import { aggregatesCommand } from './aggregates-commands.js';
import { invoke, withEngine, type CliContext } from './invoke.js';
import { BASELINE_HELP, baselineCommand } from './baseline-commands.js';
import { LINK_HELP, linkCommand } from './link-commands.js';
import { MODEL_HELP, modelCommand } from './model-commands.js';
import { openStore } from './open-store.js';
import { OUTCOMES_HELP, outcomesCommand } from './outcomes-commands.js';
import { PACK_HELP, packCommand } from './pack-commands.js';
import { PARTNER_HELP, partnerCommand } from './partner-commands.js';
import { STORE_HELP, storeCommand } from './store-commands.js';
import { fileFault } from '../engine/store/files.js';


type Summary = Record<string, unknown>;

const HELP = `Baseline Workbench ${appVersion()} — command line

Usage: npm run -s cli -- <command> [options]

Commands:
  import FILE… [--source PARTNER] [--kind KIND] [--mapping auto|PRESET] [--as-of YYYY-MM-DD]
               [--dsa REF] [--lawful-basis TEXT] [--retention-until YYYY-MM-DD] [--save-mapping NAME]
  mapping list                      saved mapping presets (partner, kind, columns)
  source diff ID                    new / changed / gone rows against the partner's previous extract
  source remap ID [--mapping auto|PRESET]   read a source's stored rows again with a preset's mapping
  export clusters --out FILE.csv
  export quarantine --source ID --out FILE.xlsx
${LINK_HELP}
${COHORT_HELP}
${MODEL_HELP}
${BASELINE_HELP}
  demo [--households N] [--seed S] [--out DIR]
  users add NAME --role analyst|co-ordinator|partner [--organisation ORG] [--reads-own] | users remove NAME | users list
  users recovery-code | users recover [NAME]   (code from BASELINE_RECOVERY_CODE or a prompt)
  audit verify [--checkpoint HASH] | audit export --out FILE.csv   (exports print the checkpoint)
  inbox submit FILE [--kind KIND] [--as-of YYYY-MM-DD] | inbox status | inbox results SUBMISSION   (partners who submit; the store stays shut)
  inbox list | inbox take-in   (analysts: take partners' sealed extracts in through the import pipeline)
  aggregates refresh [--force] | aggregates status   (analysts: prepare co-ordinators' figures now, or see when they last were)
  source list | source purge ID
  source set-partner ID NAME        correct the partner a source is filed under (analyst; audited)
${PARTNER_HELP}
  dp-record | dp-record export --out FILE.xlsx   (the data protection record)
  imd import FILE… [--release R] | lookup import FILE… | lookup unmatched [--vintage V] | boundaries import FILE… [--vintage V]
  area create NAME [CODE…] [--vintage V] [--kind target|ward|custom] [--ward CODE|NAME --ward-year Y] [--effective YYYY-MM-DD]
  area add-lsoa|remove-lsoa NAME CODE… | area show|delete NAME | areas list | area profile NAME [--borough LAD]
${STORE_HELP}

Every command obeys the same roles as the app: what your role may not do is refused (exit 1).
${OUTCOMES_HELP}
${PACK_HELP}

Global options (before or after the command):
  --db PATH     the store (default: ${defaultStorePath()}; demo: ${defaultDemoStorePath()})
  --json        print a JSON summary as the last line of stdout
  --user NAME   who is acting, for the audit log

The passphrase comes from BASELINE_PASSPHRASE, or a prompt when run in a terminal.
Exit codes: 0 done, 1 user error, 2 internal error.`;

const say = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/** What every command is given: the store, who asked to act, and where messages go. */
const contextOf = (storePath: string, user: string | undefined): CliContext => ({ storePath, user, say });

async function cmdImport(args: ParsedArgs, storePath: string, userArg: string | undefined): Promise<{ summary: Summary; exit: number }> {
  const files = args.words.slice(1);
  if (files.length === 0) throw new UsageError('import needs at least one FILE');
  const mapping = single(args, 'mapping') ?? 'auto';
  const saveAs = single(args, 'save-mapping');
  if (saveAs !== undefined) checkPresetName(saveAs);
  const kindArg = single(args, 'kind');
  if (kindArg !== undefined && !SOURCE_KINDS.includes(kindArg as SourceKind)) {
    throw new UsageError(`--kind must be one of ${SOURCE_KINDS.join(', ')}`);
  }
  const asOf = single(args, 'as-of');
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of must be YYYY-MM-DD');
  const retentionUntil = single(args, 'retention-until');
  if (retentionUntil !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(retentionUntil)) throw new UsageError('--retention-until must be YYYY-MM-DD');
  const request = {
    partner: single(args, 'source'),
    kind: kindArg as SourceKind | undefined,
    asOf,
    preset: mapping,
    ...(saveAs !== undefined ? { savePresetAs: saveAs } : {}),
    dsaRef: single(args, 'dsa'),
    lawfulBasis: single(args, 'lawful-basis'),
    retentionUntil,
  };
  // A new store is made only for something to put in it: a mistyped file name leaves no empty store.
  const readable = files.filter((f) => existsSync(resolve(f)) && statSync(resolve(f)).isFile());
  if (!existsSync(storePath) && readable.length === 0) {
    throw new WorkbenchError('bad-input', `${resolve(files[0] ?? '')}: no such file, or it cannot be read. No store was created.`);
  }
  const results: Summary[] = [];
  let failed = 0;
  await withEngine(
    contextOf(storePath, userArg),
    async (engine) => {
      const status = await engine.status();
      if (status.synthetic) say('Note: this store holds synthetic demo data; real extracts belong in their own store.');
      // The engine files a partner's extracts under their own organisation; say so rather than surprise.
      const own = status.session?.role === 'partner' ? status.session.organisation : null;
      if (own !== null && request.partner !== undefined && request.partner !== own) say(`Note: your extracts are filed under ${own}, not ${request.partner}.`);
      for (const file of files) {
        try {
          const { token } = await engine.file(file);
          const summary = await engine.call('import:start', { token, ...request });
          say(summary.message);
          for (const s of summary.sheets) {
            if (s.quarantined > 0) say(`  ${summary.fileName}${s.sheet ? ` / ${s.sheet}` : ''}: ${s.quarantined} rows quarantined (kept with reasons).`);
          }
          for (const d of summary.preset?.drift ?? []) if (!driftIsEmpty(d)) for (const line of describeDrift(d)) say(`  drift: ${line}`);
          results.push({ file, status: summary.skipped ? 'skipped' : 'imported', ...summary });
        } catch (error) {
          // A refused import (the role may not import) stops here: no file is any different.
          if (!(error instanceof WorkbenchError) || error.kind === 'forbidden') throw error;
          failed++;
          say(`Error: ${error.message}`);
          results.push({ file, status: 'failed', error: { kind: error.kind, message: error.message } });
        }
      }
    },
    { create: true },
  );
  const count = (status: string): number => results.filter((r) => r.status === status).length;
  return {
    summary: { ok: failed === 0, command: 'import', store: storePath, imported: count('imported'), skipped: count('skipped'), failed, files: results },
    exit: failed > 0 ? 1 : 0,
  };
}

async function cmdExport(args: ParsedArgs, storePath: string, userArg: string | undefined): Promise<{ summary: Summary; exit: number }> {
  const what = noun(args.words[1]);
  if (what === 'quarantine') return cmdExportQuarantine(args, storePath, userArg);
  if (what !== 'cluster') throw new UsageError('export needs a kind: export clusters --out FILE.csv, export quarantine --source ID --out FILE.xlsx');
  const out = single(args, 'out');
  if (!out) throw new UsageError('export clusters needs --out FILE.csv');
  if (existsSync(resolve(out)) && statSync(resolve(out)).isDirectory()) throw new UsageError(`--out ${out} is a folder; give a file name`);
  const { path, rows } = await invoke(contextOf(storePath, userArg), 'matching:exportClusters', { path: out, replace: args.flags.has('force') });
  say(`Wrote ${rows} rows to ${path}.`);
  return { summary: { ok: true, command: 'export clusters', store: storePath, out: path, rows }, exit: 0 };
}

/** The source ID an import command names (`--source ID`, `source diff ID`). */
function sourceIdOf(raw: string | undefined, usage: string): number {
  if (!raw || !/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(usage);
  return Number(raw);
}

async function cmdExportQuarantine(args: ParsedArgs, storePath: string, userArg: string | undefined): Promise<{ summary: Summary; exit: number }> {
  const sourceId = sourceIdOf(single(args, 'source'), 'export quarantine needs --source ID (see source list)');
  const outArg = single(args, 'out');
  if (!outArg) throw new UsageError('export quarantine needs --out FILE.xlsx');
  const { path: out, rows } = await invoke(contextOf(storePath, userArg), 'quarantine:export', { sourceId, path: outArg, replace: args.flags.has('force') });
  say(`Wrote ${rows} quarantined rows of source ${sourceId} to ${out}.`);
  return { summary: { ok: true, command: 'export quarantine', store: storePath, sourceId, out, rows }, exit: 0 };
}

async function cmdMapping(args: ParsedArgs, storePath: string, userArg: string | undefined): Promise<{ summary: Summary; exit: number }> {
  if (args.words[1] !== 'list') throw new UsageError('mapping needs list: mapping list');
  const rows = await invoke(contextOf(storePath, userArg), 'mapping:list', {});
  const presets = rows.map((p) => ({ id: p.id, name: p.name, partner: p.partner, kind: p.kind, updatedAt: p.updatedAt, sheets: p.layout }));
  if (presets.length === 0) say('No mapping presets yet: import with --save-mapping NAME to save one.');
  for (const p of presets) say(`${p.name}\t${p.partner}\t${p.kind}\t${p.sheets.reduce((n, s) => n + s.columns.length, 0)} columns\tsaved ${p.updatedAt.slice(0, 10)}`);
  return { summary: { ok: true, command: 'mapping list', store: storePath, presets }, exit: 0 };
}

async function cmdSourceDiff(args: ParsedArgs, storePath: string, userArg: string | undefined): Promise<{ summary: Summary; exit: number }> {
  const sourceId = sourceIdOf(args.words[2], 'source diff needs the source ID (see source list)');
  const diff = await invoke(contextOf(storePath, userArg), 'source:diff', { sourceId });
  if (!diff) say(`Source ${sourceId} is the first extract of its partner and kind: nothing to compare with.`);
  else say(`Source ${sourceId} against ${diff.previousFileName} (source ${diff.previousSourceId}): ${diff.new} new, ${diff.changed} changed, ${diff.gone} gone, ${diff.unchanged} unchanged.`);
  return { summary: { ok: true, command: 'source diff', store: storePath, sourceId, diff }, exit: 0 };
}

async function cmdSourceRemap(args: ParsedArgs, storePath: string, userArg: string | undefined): Promise<{ summary: Summary; exit: number }> {
  const sourceId = sourceIdOf(args.words[2], 'source remap needs the source ID (see source list): source remap ID [--mapping auto|PRESET]');
  const preset = single(args, 'mapping') ?? 'auto';
  const result = await invoke(contextOf(storePath, userArg), 'sources:remap', { sourceId, preset });
  say(result.message);
  return { summary: { ok: true, command: 'source remap', store: storePath, ...result }, exit: 0 };
}

async function cmdDemo(args: ParsedArgs, storePath: string, userArg: string | undefined): Promise<{ summary: Summary; exit: number }> {
  const households = integer(args, 'households', 1, 200_000) ?? 1000;
  const seed = integer(args, 'seed', -2_147_483_648, 2_147_483_647) ?? 1;
  const outDir = resolve(single(args, 'out') ?? join(defaultUserDataDir(), 'demo'));
  const result = await invoke(contextOf(storePath, userArg), 'demo:create', { households, seed }, { create: true, engine: { demoOutDir: outDir } });
  const records = result.files.reduce((n, f) => n + f.sheets.reduce((m, s) => m + s.records, 0), 0);
  const linked = result.link ? ` and linked them into ${result.link.persons} people in ${result.link.households} households (run ${result.link.run})` : '';
  say(`Wrote a synthetic borough of ${households} households to ${outDir}, imported ${result.files.length} extracts (${records} records) into ${storePath}${linked}.`);
  const link = result.link ? { run: result.link.run, persons: result.link.persons, households: result.link.households } : null;
  return {
    summary: { ok: true, command: 'demo', store: storePath, outDir, truth: join(outDir, 'truth.csv'), households, seed, records, link, files: result.files },
    exit: 0,
  };
}

export async function main(argv: string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    json = args.flags.has('json');
    if (args.flags.has('version')) {
      process.stdout.write(`${appVersion()}\n`);
      return 0;
    }
    const command = args.words[0];
    if (args.flags.has('help') || !command || command === 'help') {
      say(HELP);
      return command || args.flags.has('help') ? 0 : 1;
    }
    // The acting user is whoever's key slot opens the store; --user limits it to that user's slot.
    const user = single(args, 'user') ?? (process.env.BASELINE_USER || undefined);
    const db = single(args, 'db');
    const storePath = resolve(db ?? (command === 'demo' ? defaultDemoStorePath() : defaultStorePath()));
    // Fault injection for the exit-code tests: the only way to reach a truly unexpected error.
    if (process.env.BASELINE_TEST_FAULT === 'internal') throw new Error('injected fault');
    let outcome: { summary: Summary; exit: number };
    const outcomesHandler = outcomesCommand(args);
    const linkHandler = modelCommand(args) ?? linkCommand(args);
    const cohortHandler = cohortCommand(args);
    const importHandler = importCommand(args) ?? partnerCommand(args);
    const packHandler = packCommand(args);
    const inboxHandler = inboxCommand(args) ?? aggregatesCommand(args);
    if (inboxHandler) outcome = await inboxHandler(args, { storePath, user, say });
    else if (linkHandler) outcome = await linkHandler(args, { storePath, user, say });
    else if (cohortHandler) outcome = await cohortHandler(args, { storePath, user, say });
    else if (importHandler) outcome = await importHandler(args, { storePath, user, say });
    else if (outcomesHandler) outcome = await outcomesHandler(args, { storePath, user, say });
    else if (packHandler) outcome = await packHandler(args, { storePath, user, say });
    else if (command === 'import') outcome = await cmdImport(args, storePath, user);
    else if (command === 'export') outcome = await cmdExport(args, storePath, user);
    else if (noun(command) === 'mapping') outcome = await cmdMapping(args, storePath, user);
    else if (noun(command) === 'source' && args.words[1] === 'diff') outcome = await cmdSourceDiff(args, storePath, user);
    else if (noun(command) === 'source' && args.words[1] === 'remap') outcome = await cmdSourceRemap(args, storePath, user);
    else if (command === 'demo') outcome = await cmdDemo(args, storePath, user);
    else if (baselineCommand(command)) outcome = await baselineCommand(command)!(args, { storePath, user, say });
    else if (storeCommand(command)) outcome = await storeCommand(command)!(args, { storePath, user, say });
    else if (governanceCommand(command)) outcome = await governanceCommand(command)!(args, { storePath, user, say });
    else throw new UsageError(`Unknown command "${command}". Commands: import, link, export clusters, export pairs, export quarantine, mapping list, source diff, source remap, model show, blocking, demo, users, audit, source, dp-record, backup, restore (see --help).`);
    if (json) process.stdout.write(`${JSON.stringify(outcome.summary)}\n`);
    return outcome.exit;
  } catch (thrown) {
    // A full disk or a store that cannot be written is the user's to fix, and says so (exit 1).
    const error = fileFault(thrown, 'The work was not saved');
    if (error instanceof UsageError || error instanceof WorkbenchError) {
      const kind = error instanceof WorkbenchError ? error.kind : 'usage';
      say(`Error: ${error.message}`);
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { kind, message: error.message } })}\n`);
      return 1;
    }
    // Never print the message: an unexpected error can quote a cell. The stack names code only.
    say(`Internal error (${error instanceof Error ? error.name : 'unknown'}). Nothing was changed. Please report it.`);
    if (process.env.BASELINE_DEBUG === '1' && error instanceof Error) say(error.stack ?? '');
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { kind: 'internal', message: 'internal error' } })}\n`);
    return 2;
  }
}

const isEntry = process.argv[1] !== undefined && resolve(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') === resolve(new URL(import.meta.url).pathname).replace(/\.[cm]?[jt]s$/, '');
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
