// CLI: users, audit and sources (issue 6 §8).
import { resolve } from 'node:path';
import { ROLES, type Role } from '../../shared/domain/roles.js';
import { writeCsvFile } from '../engine/export/csv-writer.js';
import { listSources } from '../engine/queries/records.js';
import { silentJob } from '../engine/jobs/job-context.js';
import { runLink } from '../engine/link/run-link.js';
import { verifyAudit } from '../engine/store/audit.js';
import { purgeSource } from '../engine/store/purge.js';
import type { Store } from '../engine/store/store.js';
import { addUser, listUsers, removeUser } from '../engine/store/users.js';
import { noun, single, UsageError, type ParsedArgs } from './args.js';
import { makeAreaCommands } from './area-commands.js';
import { openStore, type CommandResult } from './open-store.js';
import { obtainNewPassphrase } from './passphrase.js';

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
  throw new UsageError('users needs add, remove or list');
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
    const rows = await withStore(ctx, (store) => {
      const events = store.reader.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<Record<string, string | number>>;
      function* lines(): Generator<Array<string | number | undefined>> {
        yield ['id', 'at', 'actor', 'action', 'payload', 'prev_hash', 'hash'];
        for (const e of events) yield [e.id, e.at, e.actor, e.action, e.payload_json, e.prev_hash, e.hash];
      }
      const n = writeCsvFile(resolve(out), lines()) - 1;
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
  const result = await withStore(ctx, async (store) => {
    const summary = purgeSource(store, Number(raw));
    // What remains is linked again, so no person or household still rests on the purged rows.
    const linked = store.reader.prepare("SELECT count(*) AS n FROM link_run").get() as { n: number };
    const records = store.reader.prepare('SELECT count(*) AS n FROM record').get() as { n: number };
    const relink = linked.n > 0 && records.n > 0 ? await runLink(store, { user: store.session.user }, silentJob()) : null;
    return { ...summary, relinkedRun: relink?.run ?? null };
  });
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

/** Keyed by the command word as typed, singular or plural. */
export function governanceCommand(word: string | undefined): Handler | undefined {
  const handlers: Record<string, Handler> = { user: users, audit, source };
  if (!word) return undefined;
  if (word === 'audit') return audit;
  return areas[word] ?? handlers[noun(word) ?? ''];
}


