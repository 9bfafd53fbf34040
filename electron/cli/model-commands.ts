// CLI: the linkage model's exports — `model export --format splink [--out FILE] [--run N]`. A thin
// layer over the engine's `model:exportSplink` channel: roles, audit and the conversion live there.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SplinkModelExport } from '../../shared/ipc/channels/model-export.js';
import { integer, noun, single, UsageError, type ParsedArgs } from './args.js';
import { invoke } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Context = { storePath: string; user: string | undefined; say: (m: string) => void };
type Handler = (args: ParsedArgs, ctx: Context) => Promise<CommandResult>;

const FORMATS = ['splink'] as const;

const exportModel: Handler = async (args, ctx) => {
  const format = single(args, 'format') ?? 'splink';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of: ${FORMATS.join(', ')} (not "${format}")`);
  const run = integer(args, 'run', 1, 2_147_483_647);
  const out = single(args, 'out');
  {
    const exported: SplinkModelExport = await invoke(ctx, 'model:exportSplink', run === undefined ? {} : { run });
    const text = `${JSON.stringify(exported.settings, null, 2)}\n`;
    if (out) {
      writeFileSync(resolve(out), text);
      ctx.say(`Wrote the ${exported.run === null ? 'default (untrained)' : `run ${exported.run}`} model as Splink 4 settings to ${resolve(out)}.`);
      for (const note of exported.notes) ctx.say(`  ${note}`);
    } else if (!args.flags.has('json')) {
      process.stdout.write(text);
    }
    return {
      summary: { ok: true, command: 'model export', format, store: ctx.storePath, run: exported.run, out: out ? resolve(out) : null, thresholdMatchProbability: exported.thresholdMatchProbability, notes: exported.notes, inputColumns: exported.inputColumns, ...(out ? {} : { settings: exported.settings }) },
      exit: 0,
    };
  }
};

/** The handler for a model export command, or undefined (`model show` stays with the linkage commands). */
export function modelCommand(args: ParsedArgs): Handler | undefined {
  if (noun(args.words[0]) === 'model' && args.words[1] === 'export') return exportModel;
  return undefined;
}

export const MODEL_HELP = `  model export --format splink [--out FILE.json] [--run N]   the trained model as Splink 4 settings`;
