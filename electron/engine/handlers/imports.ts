// Handlers for the imports feature's channels (shared/ipc/channels/imports.ts).
import type { IMPORT_CHANNELS } from '../../../shared/ipc/channels/imports.js';
import type { EngineContext, HandlersFor } from './context.js';

export function importHandlers(_context: EngineContext): HandlersFor<keyof typeof IMPORT_CHANNELS> {
  return {};
}
