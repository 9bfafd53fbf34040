// CLI: users, audit, sources and the data protection record, over their channels (invoke.ts).
import { ROLES, type Role } from '../../shared/domain/roles.js';
import { mayCall } from '../../shared/ipc/policy.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { noun, single, UsageError, type ParsedArgs } from './args.js';
import { makeAreaCommands } from './area-commands.js';
import { invoke, withEngine, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';
import { obtainNewPassphrase, obtainRecoveryCode } from './passphrase.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

const users: Handler = async (args, ctx) => {
  const verb = args.words[1];
  if (verb === 'list') {
    const list = await invoke(ctx, 'users:list', {});
    for (const u of list) ctx.say(`${u.user}\t${u.role}${u.organisation ? `\t${u.organisation}` : ''}`);
    return { summary: { ok: true, command: 'users list', users: list }, exit: 0 };
  }
  if (verb === 'add') {
    const name = args.words[2];
    const role = single(args, 'role') ?? 'analyst';
    if (!name) throw new UsageError('users add needs a NAME: users add NAME --role analyst|co-ordinator|partner [--organisation ORG]');
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const added = await withEngine(ctx, async (engine) => {
      // Ask for the new passphrase only if it can be used: the engine refuses the call regardless.
      const session = (await engine.status()).session;
      const passphrase = session && !mayCall(session.role, 'users:add') ? 'not asked: refused' : await obtainNewPassphrase(name);
      if (args.flags.has('submit-only') && args.flags.has('reads-own')) throw new UsageError('Give --submit-only or --reads-own, not both');
      // Partners submit only by default; --reads-own gives a partner who signs in and reads their own sources.
      const submitOnly = args.flags.has('submit-only') ? true : args.flags.has('reads-own') ? false : undefined;
      return engine.call('users:add', { user: name, role: role as Role, organisation: single(args, 'organisation') ?? null, passphrase, ...(submitOnly !== undefined ? { submitOnly } : {}) });
    });
    const submits = added.role === 'partner' && !args.flags.has('reads-own');
    ctx.say(`Added ${added.user} (${added.role}).${submits ? ' Their passphrase submits extracts to the inbox and reads what came of them (inbox submit, inbox status, inbox results: counts and their own quarantined rows) and opens nothing in the store.' : ''}`);
    return { summary: { ok: true, command: 'users add', user: added }, exit: 0 };
  }
  if (verb === 'remove') {
    const name = args.words[2];
    if (!name) throw new UsageError('users remove needs a NAME');
    await invoke(ctx, 'users:remove', { user: name });
    ctx.say(`Removed ${name}: their passphrase no longer opens the store.`);
    return { summary: { ok: true, command: 'users remove', user: name }, exit: 0 };
  }
  if (verb === 'recovery-code') {
    const made = await invoke(ctx, 'governance:recoveryCreate', {});
    ctx.say(`Recovery code (shown once — print it or write it down and keep it locked away):\n\n    ${made.code}\n`);
    ctx.say(made.replaced ? 'The earlier recovery code no longer works.' : 'Anyone with this code can set a new passphrase for any user of this store.');
    return { summary: { ok: true, command: 'users recovery-code', code: made.code, createdAt: made.createdAt, replaced: made.replaced }, exit: 0 };
  }
  if (verb === 'recover') {
    // No passphrase opens the store here: the recovery code is the credential.
    const name = args.words[2];
    const code = await obtainRecoveryCode(ctx.storePath);
    const reset = await withEngine(
      ctx,
      async (engine) => {
        // Without a NAME, the first analyst: the code says who the store's users are.
        const user = name ?? (await engine.call('governance:recoveryCheck', { code })).users.find((u) => u.role === 'analyst')?.user;
        if (user === undefined) throw new WorkbenchError('not-found', 'This store has no analyst to reset.');
        return engine.call('governance:recoveryReset', { code, user, newPassphrase: await obtainNewPassphrase(name ?? 'the first analyst') });
      },
      { locked: true },
    );
    ctx.say(`Set a new passphrase for ${reset.user}. The recovery code is used up: unlock the store and create a new one (users recovery-code).`);
    return { summary: { ok: true, command: 'users recover', user: reset.user }, exit: 0 };
  }
  throw new UsageError('users needs add, remove, list, recovery-code or recover [NAME]');
};

/** The trail's head, for a data protection officer to keep outside the store. */
function sayCheckpoint(ctx: CliContext, checkpoint: { id: number; hash: string } | null | undefined): void {
  if (!checkpoint) return;
  ctx.say(`Audit checkpoint (event ${checkpoint.id}): ${checkpoint.hash}`);
  ctx.say(`Keep it outside the store; "audit verify --checkpoint ${checkpoint.hash}" later proves the trail up to here was not rewritten.`);
}

const audit: Handler = async (args, ctx) => {
  const verb = args.words[1];
  if (verb === 'verify') {
    const checkpoint = single(args, 'checkpoint');
    const verdict = await invoke(ctx, 'audit:verify', checkpoint === undefined ? {} : { checkpoint });
    if (verdict.ok) ctx.say(`The audit trail verifies: ${verdict.events} events, unbroken.${verdict.checkpoint ? ` The checkpoint is event ${verdict.checkpoint.id ?? '?'}, still in the chain.` : ''}`);
    else ctx.say(`The audit trail does not verify: ${verdict.problem?.id === null || verdict.problem === null ? '' : `event ${verdict.problem.id}: `}${verdict.problem?.reason ?? ''}.`);
    return { summary: { command: 'audit verify', ...verdict }, exit: verdict.ok ? 0 : 1 };
  }
  if (verb === 'export') {
    const out = single(args, 'out');
    if (!out) throw new UsageError('audit export needs --out FILE.csv');
    const written = await invoke(ctx, 'audit:export', { path: out, replace: args.flags.has('force') });
    ctx.say(`Wrote ${written.events} audit events to ${written.path}.`);
    sayCheckpoint(ctx, written.checkpoint);
    return { summary: { ok: true, command: 'audit export', out: written.path, events: written.events, checkpoint: written.checkpoint ?? null }, exit: 0 };
  }
  throw new UsageError('audit needs verify or export');
};

const purge: Handler = async (args, ctx) => {
  const raw = args.words[2];
  if (!raw || !/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError('source purge needs the source ID (see source list)');
  const sourceId = Number(raw);
  const result = await withEngine(ctx, async (engine) => {
    // Typing the ID on the command line is the confirmation the app asks for as the file name.
    const source = (await engine.call('sources:list', {})).find((s) => s.id === sourceId);
    if (!source) throw new WorkbenchError('not-found', `There is no source ${sourceId}.`);
    return engine.call('governance:purge', { sourceId, confirmFileName: source.fileName });
  });
  ctx.say(`Purged source ${result.sourceId} (${result.fileName}): ${Object.entries(result.removed).map(([k, v]) => `${v} ${k}`).join(', ')}.${result.relinkedRun ? ` Linked again as run ${result.relinkedRun}.` : ''}`);
  return { summary: { ok: true, command: 'source purge', ...result }, exit: 0 };
};

const source: Handler = async (args, ctx) => {
  if (args.words[1] === 'purge') return purge(args, ctx);
  if (args.words[1] !== 'list') throw new UsageError('source needs list or purge ID');
  const sources = await invoke(ctx, 'sources:list', {});
  for (const s of sources) {
    const keep = s.retentionUntil ? `\tkeep until ${s.retentionUntil}${s.overdue ? ' — OVERDUE: purge it (source purge ' + s.id + ')' : ''}` : '';
    ctx.say(`${s.id}\t${s.fileName}\t${s.partner}\t${s.kind}\tas of ${s.asOf}\t${s.records} records, ${s.quarantined} quarantined${keep}`);
  }
  return { summary: { ok: true, command: 'source list', sources }, exit: 0 };
};

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const dpRecord: Handler = async (args, ctx) => {
  if (args.words[1] === 'export') {
    const out = single(args, 'out');
    if (!out) throw new UsageError('dp-record export needs --out FILE.xlsx');
    const written = await invoke(ctx, 'governance:exportRecord', { path: out, replace: args.flags.has('force') });
    ctx.say(`Wrote the data protection record (${count(written.sources, 'source')}, ${count(written.events, 'processing event')}, ${count(written.users, 'user')}) to ${written.path}.`);
    sayCheckpoint(ctx, written.checkpoint);
    const { saved: _saved, ...rest } = written;
    return { summary: { ok: true, command: 'dp-record export', ...rest }, exit: 0 };
  }
  if (args.words[1] !== undefined) throw new UsageError('dp-record takes no word, or export --out FILE.xlsx');
  const record = await invoke(ctx, 'governance:record', { printed: true });
  ctx.say(`Store ${record.store.path} (keys ${record.store.keyPath}); ${record.users.length} users; recovery code: ${record.store.recoveryCode.exists ? 'yes' : 'none'}.`);
  for (const s of record.sources) {
    ctx.say(
      `${s.id}\t${s.partner}\t${s.fileName}\tas of ${s.asOf}\tagreement ${s.dsaRef ?? 'not recorded'}\tkeep until ${s.retentionUntil ?? 'not recorded'}${s.overdue ? ' — OVERDUE' : ''}`,
    );
  }
  const t = record.processing.totals;
  ctx.say(`Processing: ${t.import} imports, ${t.link} linkage events, ${t.export} exports, ${t.purge} purges.`);
  for (const a of record.access ?? []) ctx.say(`Access — ${a.holder} (${a.users} user${a.users === 1 ? '' : 's'}; holds ${a.holds}): ${a.reaches}`);
  return { summary: { ok: true, command: 'dp-record', record }, exit: 0 };
};

// Areas and deprivation keep their own module.
const areaCommands = makeAreaCommands();
const areas: Record<string, Handler> = Object.fromEntries(
  Object.entries(areaCommands).map(([word, handler]) => [word, (args: ParsedArgs, ctx: CliContext) => handler(args, ctx.storePath, ctx.user)]),
);

/** Keyed by the command word as typed, singular or plural. */
export function governanceCommand(word: string | undefined): Handler | undefined {
  const handlers: Record<string, Handler> = { user: users, audit, source };
  if (!word) return undefined;
  if (word === 'audit') return audit;
  if (word === 'dp-record') return dpRecord;
  return areas[word] ?? handlers[noun(word) ?? ''];
}


