// CLI: import-side source commands that go through the engine's channels — `source set-partner ID NAME`.
import { WorkbenchError } from '../../shared/ipc/result.js';
import { Engine } from '../engine/engine.js';
import { appVersion } from '../engine/version.js';
import { noun, UsageError, type ParsedArgs } from './args.js';
import { openStore, type CommandResult } from './open-store.js';

type Context = { storePath: string; user: string | undefined; say: (m: string) => void };
type Handler = (args: ParsedArgs, ctx: Context) => Promise<CommandResult>;

const setPartner: Handler = async (args, ctx) => {
  const raw = args.words[2];
  const partner = args.words.slice(3).join(' ').trim();
  if (!raw || !/^\d+$/.test(raw) || !partner) throw new UsageError('source set-partner needs the source ID and the partner: source set-partner ID "PARTNER NAME"');
  const store = await openStore(ctx.storePath, { create: false, user: ctx.user, say: ctx.say });
  const engine = new Engine({ storePath: ctx.storePath, host: 'cli', version: appVersion() });
  engine.adoptStore(store);
  try {
    const result = await engine.invoke('sources:set-partner', { sourceId: Number(raw), partner });
    if (!result.ok) throw new WorkbenchError(result.error.kind, result.error.message);
    const value = result.value as { sourceId: number; partner: string; previous: string };
    ctx.say(value.previous === value.partner ? `Source ${value.sourceId} is already filed under ${value.partner}.` : `Source ${value.sourceId} is now filed under ${value.partner} (was ${value.previous}).`);
    return { summary: { ok: true, command: 'source set-partner', ...value }, exit: 0 };
  } finally {
    engine.close();
  }
};

/** The handler for an import-side command, or null when the words name another command. */
export function importCommand(args: ParsedArgs): Handler | null {
  const command = args.words[0];
  if (command && noun(command) === 'source' && args.words[1] === 'set-partner') return setPartner;
  return null;
}
