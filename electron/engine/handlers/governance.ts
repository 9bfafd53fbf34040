// Handlers for the governance feature's channels (shared/ipc/channels/governance.ts).
import type { GOVERNANCE_CHANNELS } from '../../../shared/ipc/channels/governance.js';
import type { EngineContext, HandlersFor } from './context.js';

export function governanceHandlers(_context: EngineContext): HandlersFor<keyof typeof GOVERNANCE_CHANNELS> {
  return {};
}
