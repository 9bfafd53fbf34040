// Handlers for the areas feature's channels (shared/ipc/channels/areas.ts).
import type { AREA_CHANNELS } from '../../../shared/ipc/channels/areas.js';
import type { EngineContext, HandlersFor } from './context.js';

export function areaHandlers(_context: EngineContext): HandlersFor<keyof typeof AREA_CHANNELS> {
  return {};
}
