// CLI: co-ordinators' figures. `aggregates refresh [--force]` prepares them as a job (progress on
// a terminal); `aggregates status` says when they were last prepared and what is waiting.
import type { ParsedArgs } from './args.js';
import { UsageError } from './args.js';
import { invoke, type CliContext } from './invoke.js';
import type { CommandResult } from './open-store.js';

type Handler = (args: ParsedArgs, ctx: CliContext) => Promise<CommandResult>;

const seconds = (ms: number): string => `${(ms / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} s`;

const refresh: Handler = async (args, ctx) => {
  const report = await invoke(ctx, 'aggregates:refresh', args.flags.has('force') ? { force: true } : {});
  ctx.say(`Prepared ${report.answers} of co-ordinators' answers and ${report.packs} board packs in ${seconds(report.millis)}${report.full ? '' : ' (only what was asked for: nothing they rest on had changed)'}.`);
  if (report.failed > 0) ctx.say(`${report.failed} could not be prepared (a fault inside the engine, in the audit trail): co-ordinators are told those are not prepared.`);
  return { summary: { ok: true, command: 'aggregates refresh', ...report }, exit: report.failed > 0 ? 1 : 0 };
};

const status: Handler = async (_args, ctx) => {
  const got = await invoke(ctx, 'aggregates:status', {});
  if (got.coordinators === 0) ctx.say('There is no co-ordinator: nothing is prepared, and the aggregates store is not opened.');
  else if (!got.last) ctx.say(`${got.coordinators} co-ordinator(s); their figures have not been prepared in full yet.`);
  else ctx.say(`${got.coordinators} co-ordinator(s); figures last prepared ${got.last.at.slice(0, 16).replace('T', ' ')} UTC: ${got.last.ok ? `${got.last.answers} answers, ${got.last.packs} packs` : `FAILED: ${got.last.problem ?? `${got.last.failed} answers could not be prepared`}`}.`);
  if (got.waiting > 0) ctx.say(`${got.waiting} request(s) co-ordinators made are waiting: run "aggregates refresh" to prepare them.`);
  return { summary: { ok: true, command: 'aggregates status', ...got }, exit: 0 };
};

/** `aggregates refresh|status`, or undefined for another command. */
export function aggregatesCommand(args: ParsedArgs): Handler | undefined {
  if (args.words[0] !== 'aggregates') return undefined;
  const verb = args.words[1];
  if (verb === 'refresh') return refresh;
  if (verb === 'status') return status;
  return async () => {
    throw new UsageError('aggregates needs refresh [--force] or status');
  };
}
