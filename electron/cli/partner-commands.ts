// CLI: the partner list — `partner list`, `partner add NAME [--kind KIND]…`, `partner rename OLD
// NEW`, `partner remove NAME`. Argument parsing and printing over the partners channels.
import { SOURCE_KINDS, type SourceKind } from '../../shared/domain/record-fields.js';
import type { PartnerRow } from '../../shared/ipc/channels/partners.js';
import { noun, UsageError, type ParsedArgs } from './args.js';
import { invoke, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

export const PARTNER_HELP = `  partner list                      partner organisations: kinds of extract, sources, presets, users
  partner add NAME [--kind KIND]…   list a partner, or set the kinds of extract it sends (analyst; audited)
  partner rename OLD NEW            rename a partner, or merge it into another: its sources and presets move
  partner remove NAME               take a partner with no sources, presets or users off the list`;

const describe = (p: PartnerRow): string =>
  `${p.name}${p.listed ? '' : ' (not yet listed)'}\t${p.kinds.join(', ') || 'no kinds'}\t${p.sources} source(s)${p.latestAsOf ? `, latest ${p.latestAsOf}` : ''}\t${p.presets.length} preset(s)\t${p.users.map((u) => u.user).join(', ') || 'no users'}`;

function kindsOf(args: ParsedArgs): SourceKind[] {
  const kinds = args.options.get('kind') ?? [];
  for (const k of kinds) if (!(SOURCE_KINDS as readonly string[]).includes(k)) throw new UsageError(`--kind must be one of ${SOURCE_KINDS.join(', ')}, not "${k}"`);
  return kinds as SourceKind[];
}

const list: Handler = async (_args, ctx) => {
  const partners = await invoke(ctx, 'partners:list', {});
  if (partners.length === 0) ctx.say('No partners yet: an import names one, or add one with partner add NAME.');
  for (const p of partners) ctx.say(describe(p));
  return { summary: { ok: true, command: 'partner list', partners }, exit: 0 };
};

const add: Handler = async (args, ctx) => {
  const name = args.words.slice(2).join(' ').trim();
  if (!name) throw new UsageError('partner add needs the organisation\'s name: partner add "NAME" [--kind KIND]…');
  const partner = await invoke(ctx, 'partners:save', { name, kinds: kindsOf(args) });
  ctx.say(`Listed ${describe(partner)}`);
  return { summary: { ok: true, command: 'partner add', partner }, exit: 0 };
};

const rename: Handler = async (args, ctx) => {
  const [from, to] = [args.words[2], args.words[3]];
  if (!from || !to || args.words.length > 4) throw new UsageError('partner rename needs the old and the new name, each quoted: partner rename "OLD" "NEW"');
  const done = await invoke(ctx, 'partners:rename', { from, to });
  ctx.say(`Renamed ${from} to ${done.partner.name}: ${done.sources} source(s) and ${done.presets} preset(s) moved.`);
  if (done.usersToReissue.length) ctx.say(`Users still signed up for ${from}: ${done.usersToReissue.join(', ')}. Remove and add them again for ${done.partner.name}.`);
  return { summary: { ok: true, command: 'partner rename', ...done }, exit: 0 };
};

const remove: Handler = async (args, ctx) => {
  const name = args.words.slice(2).join(' ').trim();
  if (!name) throw new UsageError('partner remove needs the organisation\'s name');
  const done = await invoke(ctx, 'partners:remove', { name });
  ctx.say(`Took ${done.removed} off the partner list.`);
  return { summary: { ok: true, command: 'partner remove', ...done }, exit: 0 };
};

/** The handler for a partner command, or null when the words name another command. */
export function partnerCommand(args: ParsedArgs): Handler | null {
  if (noun(args.words[0]) !== 'partner') return null;
  const verb = args.words[1] ?? 'list';
  const handler = { list, add, rename, remove }[verb as 'list'];
  if (!handler) return () => Promise.reject(new UsageError(`Unknown partner command "${verb}": partner list | add NAME | rename OLD NEW | remove NAME`));
  return handler;
}
