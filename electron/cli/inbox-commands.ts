// CLI: the inbox. A partner submits an extract sealed to the store and checks its status with
// their passphrase alone (the store is never opened), and reads what came of each (its
// quarantined rows, sealed to them); an analyst lists and takes the inbox in.
import { SOURCE_KINDS, type SourceKind } from '../../shared/domain/record-fields.js';
import { single, UsageError, type ParsedArgs } from './args.js';
import { invoke, withEngine, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';
import { obtainPassphrase } from './passphrase.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

const describe = (s: { id: string; partner: string; submittedAt: string; status: string; receipt: { records: number; quarantined: number; sourceId: number | null; reason: string | null } | null }): string =>
  `${s.id}\t${s.partner}\tsubmitted ${s.submittedAt.slice(0, 16).replace('T', ' ')}\t${s.status}${
    s.receipt ? (s.receipt.reason ? `: ${s.receipt.reason}` : `: source ${s.receipt.sourceId ?? '-'}, ${s.receipt.records} records, ${s.receipt.quarantined} quarantined`) : ''
  }`;

const submit: Handler = async (args, ctx) => {
  const file = args.words[2];
  if (!file) throw new UsageError('inbox submit needs a FILE: inbox submit FILE [--kind KIND] [--as-of YYYY-MM-DD]');
  const kind = single(args, 'kind');
  if (kind !== undefined && !SOURCE_KINDS.includes(kind as SourceKind)) throw new UsageError(`--kind must be one of ${SOURCE_KINDS.join(', ')}`);
  const asOf = single(args, 'as-of');
  const passphrase = await obtainPassphrase('unlock', ctx.storePath);
  const submitted = await withEngine(
    ctx,
    (engine) => engine.call('inbox:submit', { path: file, passphrase, ...(ctx.user ? { user: ctx.user } : {}), ...(kind ? { kind: kind as SourceKind } : {}), ...(asOf ? { asOf } : {}) }),
    { locked: true },
  );
  ctx.say(`Submitted ${file} to the store's inbox, sealed: only an analyst can open it. Submission ${submitted.id}; see "inbox status".`);
  return { summary: { ok: true, command: 'inbox submit', submission: submitted }, exit: 0 };
};

const status: Handler = async (_args, ctx) => {
  const passphrase = await obtainPassphrase('unlock', ctx.storePath);
  const list = await withEngine(ctx, (engine) => engine.call('inbox:status', { passphrase, ...(ctx.user ? { user: ctx.user } : {}) }), { locked: true });
  for (const s of list) ctx.say(describe(s));
  if (list.length === 0) ctx.say('You have submitted nothing to this store yet.');
  return { summary: { ok: true, command: 'inbox status', submissions: list }, exit: 0 };
};

/** What came of one submission, with its quarantined rows: only the partner's own key opens it. */
const results: Handler = async (args, ctx) => {
  const submission = args.words[2];
  if (!submission) throw new UsageError('inbox results needs a SUBMISSION id (see "inbox status"): inbox results SUBMISSION');
  const passphrase = await obtainPassphrase('unlock', ctx.storePath);
  const got = await withEngine(ctx, (engine) => engine.call('inbox:results', { submission, passphrase, ...(ctx.user ? { user: ctx.user } : {}) }), { locked: true });
  ctx.say(got.reason ? `${got.submission}: ${got.status}: ${got.reason}` : `${got.submission}: ${got.status}, source ${got.sourceId ?? '-'}, ${got.records} records, ${got.quarantined} quarantined${got.skipped ? ' (this file was already in the store)' : ''}`);
  for (const sheet of got.sheets) ctx.say(`  sheet ${sheet.sheet}: ${sheet.records} records, ${sheet.quarantined} quarantined`);
  for (const row of got.quarantine) ctx.say(`  ${row.sheet} row ${row.rowNumber}: ${row.reason}`);
  if (got.quarantine.length < got.quarantined) ctx.say(`  (the first ${got.quarantine.length} of ${got.quarantined} quarantined rows are listed)`);
  return { summary: { ok: true, command: 'inbox results', results: got }, exit: 0 };
};

const list: Handler = async (_args, ctx) => {
  const all = await invoke(ctx, 'inbox:list', {});
  for (const s of all) ctx.say(describe(s));
  return { summary: { ok: true, command: 'inbox list', submissions: all }, exit: 0 };
};

const takeIn: Handler = async (_args, ctx) => {
  const done = await invoke(ctx, 'inbox:takeIn', {});
  for (const s of done) ctx.say(describe(s));
  ctx.say(done.length === 0 ? 'Nothing was waiting in the inbox.' : `Took in ${done.filter((s) => s.status === 'taken-in').length} of ${done.length} submissions.`);
  return { summary: { ok: true, command: 'inbox take-in', submissions: done }, exit: done.some((s) => s.status === 'refused') ? 1 : 0 };
};

const VERBS: Record<string, Handler> = { submit, status, results, list, 'take-in': takeIn };

/** `inbox submit|status|list|take-in`, or undefined for another command. */
export function inboxCommand(args: ParsedArgs): Handler | undefined {
  if (args.words[0] !== 'inbox') return undefined;
  return VERBS[args.words[1] ?? ''] ?? (async () => {
    throw new UsageError('inbox needs submit FILE, status, results SUBMISSION, list or take-in');
  });
}
