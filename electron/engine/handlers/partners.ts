// Handlers for the partner list (shared/ipc/channels/partners.ts).
import type { PARTNER_CHANNELS } from '../../../shared/ipc/channels/partners.js';
import { listPartners, removePartner, renamePartner, savePartner } from '../import/partners.js';
import type { EngineContext, HandlersFor } from './context.js';

export function partnerHandlers(context: EngineContext): HandlersFor<keyof typeof PARTNER_CHANNELS> {
  return {
    'partners:list': () => listPartners(context.requireStore(), context.partnerScope()),
    'partners:save': ({ name, kinds }) => savePartner(context.requireStore(), name, kinds, context.user()),
    'partners:rename': ({ from, to }) => renamePartner(context.requireStore(), from, to, context.user()),
    'partners:remove': ({ name }) => removePartner(context.requireStore(), name, context.user()),
  };
}
