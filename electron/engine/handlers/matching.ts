// Handlers for the matching feature's channels (shared/ipc/channels/matching.ts).
import type { MATCHING_CHANNELS } from '../../../shared/ipc/channels/matching.js';
import type { EngineContext, HandlersFor } from './context.js';

export function matchingHandlers(_context: EngineContext): HandlersFor<keyof typeof MATCHING_CHANNELS> {
  return {};
}
