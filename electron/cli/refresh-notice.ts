// What every command says on stderr about a preparation of co-ordinators' figures it set off.
import type { EngineEvent } from '../../shared/ipc/contract.js';

/**
 * A preparation of co-ordinators' figures that a command set off (after a link run, say) and that
 * failed is said on stderr: it is not the command's own result, but it must not pass silently.
 */
export function sayRefreshFailure(event: EngineEvent, write: (line: string) => void): void {
  if (event.type !== 'job:finished' || event.channel !== 'aggregates:refresh') return;
  if (!event.result.ok) {
    if (event.result.error.kind !== 'cancelled') write(`Co-ordinators' figures were not prepared: ${event.result.error.message}\n`);
    return;
  }
  const failed = (event.result.value as { failed?: number }).failed ?? 0;
  if (failed > 0) write(`${failed} of co-ordinators' figures could not be prepared (a fault inside the engine, in the audit trail); they are told those are not prepared.\n`);
}
