// CLI: the review queue, search, a household and subject rights — `review list|decide|undo`,
// `search`, `household show`, `person export|erase`. A thin
// layer over the engine's channels (the same door the app uses): role checks and audit happen there.
import { resolve } from 'node:path';
import { DECISION_KINDS, type DecisionKind } from '../../shared/ipc/channels/matching.js';
import { integer, noun, single, UsageError, type ParsedArgs } from './args.js';
import { withEngine, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';
import { BASELINE_GRID_HELP, baselineGrid } from './baseline-grid-commands.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

export const BASELINE_HELP = `  review list [--limit N] [--order weight|cohort-impact]   pairs of people awaiting review (pair ID, both records' file/sheet/row, probability); cohort-impact: pairs whose match would make a family qualify first
  review decide PAIR_ID match|non-match|unsure [--note TEXT]   a decision the next link honours
  review undo PAIR_ID               take a decision back (the pair returns to the queue)
  search QUERY…                     find people by name (typos, nicknames), date of birth, postcode, address, identifier
  household show ID                 a household's members and why each is there (the rule or analyst's decision that placed them)
  person export ID --out FILE.xlsx  subject access: everything held about one person
  person erase ID                   erase one person and everything derived from them (audited by counts)
${BASELINE_GRID_HELP}`;

const where = (r: { file: string; sheet: string; row: number }): string => `${r.file}${r.sheet ? ` / ${r.sheet}` : ''} row ${r.row}`;

const review: Handler = async (args, ctx) => {
  const verb = args.words[1];
  if (verb === 'list') {
    const limit = integer(args, 'limit', 1, 1000) ?? 50;
    const order = single(args, 'order');
    if (order !== undefined && order !== 'weight' && order !== 'cohort-impact') throw new UsageError('--order must be weight or cohort-impact');
    return withEngine(ctx, async (engine) => {
      const queue = await engine.call('review:queue', { limit, ...(order ? { order } : {}) });
      if (queue === null) ctx.say('Linkage has not been run yet: run link first.');
      else {
        ctx.say(`${queue.total} pair(s) of people to review (run ${queue.run}, probability ${queue.reviewFrom} up to ${queue.threshold}); showing ${queue.entries.length}.`);
        for (const e of queue.entries) ctx.say(`${e.id}\tp=${e.probability.toFixed(3)}\t${where(e.a)}\t${where(e.b)}${e.cohortImpact ? '\ta match would make a family qualify' : ''}`);
      }
      const pairs = (queue?.entries ?? []).map((e) => ({
        id: e.id,
        probability: e.probability,
        matchWeight: e.matchWeight,
        a: { recordId: e.a.recordId, file: e.a.file, sheet: e.a.sheet, row: e.a.row, rowNumber: e.a.row, personId: e.a.personId },
        b: { recordId: e.b.recordId, file: e.b.file, sheet: e.b.sheet, row: e.b.row, rowNumber: e.b.row, personId: e.b.personId },
        pairs: e.pairs,
        ...(e.cohortImpact !== undefined ? { cohortImpact: e.cohortImpact } : {}),
      }));
      return { summary: { ok: true, command: 'review list', run: queue?.run ?? null, total: queue?.total ?? 0, pairs }, exit: 0 };
    });
  }
  if (verb === 'decide') {
    const id = args.words[2];
    const decision = args.words[3];
    if (!id || !decision) throw new UsageError('Usage: review decide PAIR_ID match|non-match|unsure [--note TEXT]');
    if (!DECISION_KINDS.includes(decision as DecisionKind)) throw new UsageError(`The decision must be one of ${DECISION_KINDS.join(', ')}, not "${decision}".`);
    const note = single(args, 'note');
    return withEngine(ctx, async (engine) => {
      const done = await engine.call('review:decide', {
        id,
        decision: decision as DecisionKind,
        ...(note !== undefined ? { note } : {}),
      });
      ctx.say(`Pair ${done.id}: ${done.decision}${done.previous ? ` (was ${done.previous})` : ''}. The next link honours it.`);
      return { summary: { ok: true, command: 'review decide', ...done }, exit: 0 };
    });
  }
  if (verb === 'undo') {
    const id = args.words[2];
    if (!id) throw new UsageError('Usage: review undo PAIR_ID');
    return withEngine(ctx, async (engine) => {
      const done = await engine.call('review:clear', { id });
      ctx.say(done.previous ? `Pair ${done.id}: the ${done.previous} decision is taken back.` : `Pair ${done.id} had no decision.`);
      return { summary: { ok: true, command: 'review undo', ...done }, exit: 0 };
    });
  }
  throw new UsageError('Usage: review list [--limit N] | review decide PAIR_ID match|non-match|unsure [--note TEXT] | review undo PAIR_ID');
};

const search: Handler = async (args, ctx) => {
  const query = args.words.slice(1).join(' ');
  if (!query.trim()) throw new UsageError('Usage: search QUERY… (a name, date of birth, postcode, address or identifier)');
  const limit = integer(args, 'limit', 1, 100) ?? 20;
  return withEngine(ctx, async (engine) => {
    const found = await engine.call('baseline:search', { query, limit });
    if (found.hits.length === 0) ctx.say('Nobody found.');
    for (const h of found.hits) ctx.say(`${h.personId}\t${h.forename ?? ''} ${h.surname ?? ''}\t${h.dob ?? 'no date of birth'}\t${h.householdId ?? ''}\t${h.postcode ?? ''}\t${h.sources.join('; ')}`);
    return { summary: { ok: true, command: 'search', run: found.run, hits: found.hits }, exit: 0 };
  });
};

const household: Handler = async (args, ctx) => {
  const id = args.words[2];
  if (args.words[1] !== 'show' || !id) throw new UsageError('Usage: household show ID');
  if (!/^H\d+$/.test(id)) throw new UsageError(`"${id}" is not a household ID (such as H0000123; see search or export clusters).`);
  return withEngine(ctx, async (engine) => {
    const page = await engine.call('baseline:household', { householdId: id });
    ctx.say(`${page.householdId} in linkage run ${page.run}${page.current ? '' : ' (only in earlier runs)'}: ${page.members.filter((m) => m.current).length} member(s) now.`);
    for (const m of page.members) {
      ctx.say(`${m.personId}\t${m.forename ?? ''} ${m.surname ?? ''}\t${m.dob ?? 'no date of birth'}\t${m.current ? 'lives here' : 'left'}\t${m.reason.text}`);
    }
    const members = page.members.map((m) => ({ personId: m.personId, current: m.current, fromRun: m.fromRun, toRun: m.toRun, reason: m.reason }));
    return { summary: { ok: true, command: 'household show', householdId: page.householdId, run: page.run, members }, exit: 0 };
  });
};

const person: Handler = async (args, ctx) => {
  const verb = args.words[1];
  const id = args.words[2];
  if ((verb !== 'export' && verb !== 'erase') || !id) throw new UsageError('Usage: person export ID --out FILE.xlsx|FILE.pdf | person erase ID');
  if (!/^P\d+$/.test(id)) throw new UsageError(`"${id}" is not a person ID (such as P0000123; see search or export clusters).`);
  if (verb === 'export') {
    const out = single(args, 'out');
    if (!out) throw new UsageError('person export needs --out FILE.xlsx or --out FILE.pdf');
    return withEngine(ctx, async (engine) => {
      const done = await engine.call('baseline:subjectAccess', { personId: id, path: resolve(out) });
      ctx.say(`Wrote everything held about ${id} to ${done.path}: ${done.records} records, ${done.events} events, ${done.decisions} decisions, ${done.views} audit events.`);
      return { summary: { ok: true, command: 'person export', personId: id, out: done.path, records: done.records, events: done.events, decisions: done.decisions, views: done.views }, exit: 0 };
    });
  }
  return withEngine(ctx, async (engine) => {
    // naming the person on the command line is the confirmation the app asks to be typed
    const report = await engine.call('baseline:erase', { personId: id, confirm: id });
    ctx.say(`Erased ${id}: ${Object.entries(report.deleted).map(([k, n]) => `${n} ${k}`).join(', ')}.`);
    for (const k of report.kept) ctx.say(`Kept: ${k.what} (${k.count}) — ${k.why}`);
    ctx.say('Run link again to count the baseline without them.');
    return { summary: { ok: true, command: 'person erase', ...report }, exit: 0 };
  });
};

/** The handler for a baseline command, or null when the command is someone else's. */
export function baselineCommand(command: string | undefined): Handler | null {
  if (noun(command) === 'review') return review;
  if (command === 'search') return search;
  if (command === 'baseline') return baselineGrid;
  if (noun(command) === 'person' || command === 'people') return person;
  if (noun(command) === 'household') return household;
  return null;
}
