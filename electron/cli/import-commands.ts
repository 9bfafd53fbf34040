// CLI: import-side source commands that go through the engine's channels — `source set-partner ID NAME`.
import { noun, UsageError, type ParsedArgs } from './args.js';
import { invoke } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Context = { storePath: string; user: string | undefined; say: (m: string) => void };
type Handler = (args: ParsedArgs, ctx: Context) => Promise<CommandResult>;

const setPartner: Handler = async (args, ctx) => {
  const raw = args.words[2];
  const partner = args.words.slice(3).join(' ').trim();
  if (!raw || !/^\d+$/.test(raw) || !partner) throw new UsageError('source set-partner needs the source ID and the partner: source set-partner ID "PARTNER NAME"');
  const value = await invoke(ctx, 'sources:set-partner', { sourceId: Number(raw), partner });
  ctx.say(value.previous === value.partner ? `Source ${value.sourceId} is already filed under ${value.partner}.` : `Source ${value.sourceId} is now filed under ${value.partner} (was ${value.previous}).`);
  return { summary: { ok: true, command: 'source set-partner', ...value }, exit: 0 };
};

/** The handler for an import-side command, or null when the words name another command. */
export function importCommand(args: ParsedArgs): Handler | null {
  const command = args.words[0];
  if (command && noun(command) === 'source' && args.words[1] === 'set-partner') return setPartner;
  return null;
}
