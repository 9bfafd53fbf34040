// CLI: users, audit and sources (issue 6 §8).
import { resolve } from 'node:path';
import { ROLES, type Role } from '../../shared/domain/roles.js';
import { writeCsvFile } from '../engine/export/csv-writer.js';
import { dataProtectionRecord } from '../engine/governance/dp-record.js';
import { exportDataProtectionRecord } from '../engine/governance/dp-record-export.js';
import { checkExportTarget, typedExportPath } from '../engine/governance/export-path.js';
import { purgeAndRelink } from '../engine/governance/purge-job.js';
import { createRecoveryCode, resetWithRecoveryCode } from '../engine/governance/recovery.js';
import { listSources } from '../engine/queries/records.js';
import { silentJob } from '../engine/jobs/job-context.js';
import { verifyAudit } from '../engine/store/audit.js';
import type { Store } from '../engine/store/store.js';
import { addUser, listUsers, removeUser } from '../engine/store/users.js';
import { noun, single, UsageError, type ParsedArgs } from './args.js';
import { makeAreaCommands } from './area-commands.js';
import { openStore, type CommandResult } from './open-store.js';
import { obtainNewPassphrase, obtainRecoveryCode } from './passphrase.js';

type Context = { storePath: string; user: string | undefined; say: (m: string) => void };
type Handler = (args: ParsedArgs, ctx: Context) => Promise<CommandResult>;

async function withStore<T>(ctx: Context, work: (store: Store) => Promise<T> | T): Promise<T> {
  const store = await openStore(ctx.storePath, { create: false, user: ctx.user, say: ctx.say });
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

const users: Handler = async (args, ctx) => {
  const verb = args.words[1];
  if (verb === 'list') {
    const list = await withStore(ctx, (store) => listUsers(store));
    for (const u of list) ctx.say(`${u.user}\t${u.role}${u.organisation ? `\t${u.organisation}` : ''}`);
    return { summary: { ok: true, command: 'users list', users: list }, exit: 0 };
  }
  if (verb === 'add') {
    const name = args.words[2];
    const role = single(args, 'role') ?? 'analyst';
    if (!name) throw new UsageError('users add needs a NAME: users add NAME --role analyst|co-ordinator|partner [--organisation ORG]');
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const added = await withStore(ctx, async (store) =>
      addUser(store, { user: name, role: role as Role, organisation: single(args, 'organisation') ?? null }, await obtainNewPassphrase(name)),
    );
    ctx.say(`Added ${added.user} (${added.role}).`);
    return { summary: { ok: true, command: 'users add', user: added }, exit: 0 };
  }
  if (verb === 'remove') {
    const name = args.words[2];
    if (!name) throw new UsageError('users remove needs a NAME');
    await withStore(ctx, (store) => removeUser(store, name));
    ctx.say(`Removed ${name}: their passphrase no longer opens the store.`);
    return { summary: { ok: true, command: 'users remove', user: name }, exit: 0 };
  }
  if (verb === 'recovery-code') {
    const made = await withStore(ctx, (store) => createRecoveryCode(store));
    ctx.say(`Recovery code (shown once — print it or write it down and keep it locked away):\n\n    ${made.code}\n`);
    ctx.say(made.replaced ? 'The earlier recovery code no longer works.' : 'Anyone with this code can set a new passphrase for any user of this store.');
    return { summary: { ok: true, command: 'users recovery-code', code: made.code, createdAt: made.createdAt, replaced: made.replaced }, exit: 0 };
  }
  if (verb === 'recover') {
    // No passphrase opens the store here: the recovery code is the credential.
    const name = args.words[2];
    const code = await obtainRecoveryCode(ctx.storePath);
    const reset = resetWithRecoveryCode(ctx.storePath, code, name, await obtainNewPassphrase(name ?? 'the first analyst'));
    ctx.say(`Set a new passphrase for ${reset.user}. The recovery code is used up: unlock the store and create a new one (users recovery-code).`);
    return { summary: { ok: true, command: 'users recover', user: reset.user }, exit: 0 };
  }
  throw new UsageError('users needs add, remove, list, recovery-code or recover [NAME]');
};

const audit: Handler = async (args, ctx) => {
  const verb = args.words[1];
  if (verb === 'verify') {
    const verdict = await withStore(ctx, (store) => verifyAudit(store.reader, store.keyPath));
    if (verdict.ok) ctx.say(`The audit trail verifies: ${verdict.events} events, unbroken.`);
    else ctx.say(`The audit trail does not verify: event ${verdict.problem?.id ?? '?'}: ${verdict.problem?.reason ?? ''}.`);
    return { summary: { command: 'audit verify', ...verdict }, exit: verdict.ok ? 0 : 1 };
  }
  if (verb === 'export') {
    const out = single(args, 'out');
    if (!out) throw new UsageError('audit export needs --out FILE.csv');
    checkExportTarget(resolve(out), { storePath: ctx.storePath, kind: 'audit', force: args.flags.has('force') });
    const rows = await withStore(ctx, (store) => {
      const events = store.reader.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<Record<string, string | number>>;
      function* lines(): Generator<Array<string | number | undefined>> {
        yield ['id', 'at', 'actor', 'action', 'payload', 'prev_hash', 'hash'];
        for (const e of events) yield [e.id, e.at, e.actor, e.action, e.payload_json, e.prev_hash, e.hash];
      }
      const n = writeCsvFile(resolve(out), lines(), { forPeople: true }) - 1;
      store.audit(store.session.user, 'audit-exported', { events: n });
      return n;
    });
    ctx.say(`Wrote ${rows} audit events to ${resolve(out)}.`);
    return { summary: { ok: true, command: 'audit export', out: resolve(out), events: rows }, exit: 0 };
  }
  throw new UsageError('audit needs verify or export');
};

const purge: Handler = async (args, ctx) => {
  const raw = args.words[2];
  if (!raw || !/^\d+$/.test(raw)) throw new UsageError('source purge needs the source ID (see source list)');
  const result = await withStore(ctx, (store) => purgeAndRelink(store, Number(raw), silentJob()));
  ctx.say(`Purged source ${result.sourceId} (${result.fileName}): ${Object.entries(result.removed).map(([k, v]) => `${v} ${k}`).join(', ')}.${result.relinkedRun ? ` Linked again as run ${result.relinkedRun}.` : ''}`);
  return { summary: { ok: true, command: 'source purge', ...result }, exit: 0 };
};

const source: Handler = async (args, ctx) => {
  if (args.words[1] === 'purge') return purge(args, ctx);
  if (args.words[1] !== 'list') throw new UsageError('source needs list or purge ID');
  const sources = await withStore(ctx, (store) => {
    const all = listSources(store.reader);
    const scope = store.session.role === 'partner' ? store.session.organisation : null;
    return scope === null ? all : all.filter((s) => s.partner === scope);
  });
  for (const s of sources) {
    const keep = s.retentionUntil ? `\tkeep until ${s.retentionUntil}${s.overdue ? ' — OVERDUE: purge it (source purge ' + s.id + ')' : ''}` : '';
    ctx.say(`${s.id}\t${s.fileName}\t${s.partner}\t${s.kind}\tas of ${s.asOf}\t${s.records} records, ${s.quarantined} quarantined${keep}`);
  }
  return { summary: { ok: true, command: 'source list', sources }, exit: 0 };
};

// Areas and deprivation (issue 5) keep their own module; their store opener knows the user.
const areas: Record<string, Handler> = Object.fromEntries(
  ['imd', 'lookup', 'lookups', 'boundaries', 'boundary', 'area', 'areas'].map((word) => [
    word,
    (args: ParsedArgs, ctx: Context) => {
      const commands = makeAreaCommands((path, create) => openStore(path, { create, user: ctx.user, say: ctx.say }));
      const handler = commands[word];
      if (!handler) throw new UsageError(`Unknown command "${word}"`);
      return handler(args, ctx.storePath, ctx.user ?? 'analyst');
    },
  ]),
);

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const dpRecord: Handler = async (args, ctx) => {
  if (args.words[1] === 'export') {
    const out = single(args, 'out');
    if (!out) throw new UsageError('dp-record export needs --out FILE.xlsx');
    const written = await withStore(ctx, (store) => exportDataProtectionRecord(store, typedExportPath(out, '.xlsx', { storePath: ctx.storePath, kind: 'dp-record', force: args.flags.has('force') })));
    ctx.say(`Wrote the data protection record (${count(written.sources, 'source')}, ${count(written.events, 'processing event')}, ${count(written.users, 'user')}) to ${written.path}.`);
    return { summary: { ok: true, command: 'dp-record export', ...written }, exit: 0 };
  }
  if (args.words[1] !== undefined) throw new UsageError('dp-record takes no word, or export --out FILE.xlsx');
  const record = await withStore(ctx, (store) => {
    const made = dataProtectionRecord(store);
    store.audit(store.session.user, 'dp-record-exported', { sources: made.sources.length, events: made.processing.events.length, users: made.users.length, format: 'json' });
    return made;
  });
  ctx.say(`Store ${record.store.path} (keys ${record.store.keyPath}); ${record.users.length} users; recovery code: ${record.store.recoveryCode.exists ? 'yes' : 'none'}.`);
  for (const s of record.sources) {
    ctx.say(
      `${s.id}\t${s.partner}\t${s.fileName}\tas of ${s.asOf}\tagreement ${s.dsaRef ?? 'not recorded'}\tkeep until ${s.retentionUntil ?? 'not recorded'}${s.overdue ? ' — OVERDUE' : ''}`,
    );
  }
  const t = record.processing.totals;
  ctx.say(`Processing: ${t.import} imports, ${t.link} linkage events, ${t.export} exports, ${t.purge} purges.`);
  return { summary: { ok: true, command: 'dp-record', record }, exit: 0 };
};

/** Keyed by the command word as typed, singular or plural. */
export function governanceCommand(word: string | undefined): Handler | undefined {
  const handlers: Record<string, Handler> = { user: users, audit, source };
  if (!word) return undefined;
  if (word === 'audit') return audit;
  if (word === 'dp-record') return dpRecord;
  return areas[word] ?? handlers[noun(word) ?? ''];
}


