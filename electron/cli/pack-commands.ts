// CLI: board packs — `pack build [--template NAME] --out DIR`, `pack templates`. A thin layer over
// the engine's channels (one front door): roles, disclosure control and audit live there.
import { resolve } from 'node:path';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import type { PackBuilt, PackTemplate } from '../../shared/ipc/channels/packs.js';
import { WorkbenchError, type Result } from '../../shared/ipc/result.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { appVersion } from '../engine/version.js';
import { single, UsageError, type ParsedArgs } from './args.js';
import { EngineInternalError } from './invoke.js';
import { openStore, type CommandResult } from './open-store.js';

type Context = { storePath: string; user: string | undefined; say: (m: string) => void };

export const PACK_HELP = `  pack build [--template NAME] --out DIR   write the board pack's PDF and workbook into DIR
  pack templates                    the pack templates (the built-in default and saved ones)`;

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) {
    if (result.error.kind === 'internal') throw new EngineInternalError(result.error.message);
    throw new WorkbenchError(result.error.kind, result.error.message);
  }
  return result.value as T;
}

async function withEngine<T>(ctx: Context, work: (engine: Engine) => Promise<T>): Promise<T> {
  const store = await openStore(ctx.storePath, { create: false, user: ctx.user, say: ctx.say });
  const engine = createEngine({ storePath: ctx.storePath, host: 'cli', version: appVersion(), user: store.session.user });
  engine.adoptStore(store);
  try {
    return await work(engine);
  } finally {
    engine.close();
  }
}

/** Starts a job channel and waits for its result. */
async function runJob<T>(engine: Engine, channel: string, request: unknown): Promise<T> {
  let finished: EngineEvent | null = null;
  const off = engine.onEvent((event) => {
    if (event.type === 'job:finished') finished = event;
  });
  try {
    const { job } = unwrap<{ job: string }>(await engine.invoke(channel, request));
    await engine.idle();
    const event = finished as EngineEvent | null;
    if (!event || event.type !== 'job:finished' || event.job !== job) throw new Error('the job did not report');
    return unwrap<T>(event.result as Result<unknown>);
  } finally {
    off();
  }
}

const build = async (args: ParsedArgs, ctx: Context): Promise<CommandResult> => {
  const out = single(args, 'out');
  if (!out) throw new UsageError('pack build needs --out DIR (the folder for the PDF and the workbook)');
  const template = single(args, 'template');
  const built = await withEngine(ctx, (engine) => runJob<PackBuilt>(engine, 'packs:build', { outDir: resolve(out), ...(template ? { template } : {}) }));
  const r = built.document.record;
  ctx.say(`Wrote the board pack (${built.pages} pages, ${r.sections.length} sections, ${r.suppressedCells} cells withheld) to ${built.pdf} and ${built.xlsx}.`);
  return { summary: { pdf: built.pdf, xlsx: built.xlsx }, exit: 0 };
};

const templates = async (_args: ParsedArgs, ctx: Context): Promise<CommandResult> => {
  const list = await withEngine(ctx, async (engine) => unwrap<PackTemplate[]>(await engine.invoke('packs:templates', {})));
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
