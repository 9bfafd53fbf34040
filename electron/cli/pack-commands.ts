// CLI: board packs — `pack build [--template NAME] --out DIR`, `pack templates`. A thin layer over
// the engine's channels (one front door): roles, disclosure control and audit live there.
import { resolve } from 'node:path';
import { single, UsageError, type ParsedArgs } from './args.js';
import { invoke, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Context = CliContext;

export const PACK_HELP = `  pack build [--template NAME] --out DIR [--force]   write the board pack's PDF and workbook into DIR
                                    (--force replaces files of the same names that are not earlier packs)
  pack templates                    the pack templates (the built-in default and saved ones)`;

const build = async (args: ParsedArgs, ctx: Context): Promise<CommandResult> => {
  const out = single(args, 'out');
  if (!out) throw new UsageError('pack build needs --out DIR (the folder for the PDF and the workbook)');
  const template = single(args, 'template');
  const built = await invoke(ctx, 'packs:build', { outDir: resolve(out), ...(template ? { template } : {}), replace: args.flags.has('force') });
  const r = built.document.record;
  ctx.say(`Wrote the board pack (${built.pages} pages, ${r.sections.length} sections, ${r.suppressedCells} cells withheld) to ${built.pdf} and ${built.xlsx}.`);
  return { summary: { pdf: built.pdf, xlsx: built.xlsx }, exit: 0 };
};

const templates = async (_args: ParsedArgs, ctx: Context): Promise<CommandResult> => {
  const list = await invoke(ctx, 'packs:templates', {});
  for (const t of list) ctx.say(`${t.name}${t.builtIn ? ' (built in)' : ''}\t${t.title}\t${t.sections.join(', ')}`);
  return { summary: { ok: true, command: 'pack templates', templates: list }, exit: 0 };
};

/** `pack …` / `packs …`, or undefined for other commands. */
export function packCommand(args: ParsedArgs): ((args: ParsedArgs, ctx: Context) => Promise<CommandResult>) | undefined {
  const word = args.words[0];
  if (word !== 'pack' && word !== 'packs') return undefined;
  const verb = args.words[1];
  if (verb === 'build') return build;
  if (verb === 'templates' || verb === 'template') return templates;
  return () => Promise.reject(new UsageError('pack needs build --out DIR [--template NAME], or templates'));
}
