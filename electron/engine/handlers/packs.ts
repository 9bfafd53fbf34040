// Handlers for the board packs channels (shared/ipc/channels/packs.ts): templates, building a
// pack as a job, and exporting it. Co-ordinators and analysts only (the policy checks before
// these run); every build and export is audited by counts.
import type { PACK_CHANNELS } from '../../../shared/ipc/channels/packs.js';
import { buildPackDocument } from '../packs/build-pack.js';
import { storeProviders } from '../packs/store-providers.js';
import { deleteTemplate, findTemplate, listTemplates, saveTemplate } from '../packs/templates.js';
import { appVersion } from '../version.js';
import type { EngineContext, HandlersFor } from './context.js';
import { packShelf } from './pack-shelf.js';

export function packHandlers(context: EngineContext): HandlersFor<keyof typeof PACK_CHANNELS> {
  const shelf = packShelf(context);

  return {
    'packs:templates': () => listTemplates(context.requireStore().reader),
    'packs:saveTemplate': ({ name, title, sections, disclosure }) => {
      const store = context.requireStore();
      const saved = saveTemplate(store.writer, context.user(), { name, title, sections, disclosure });
      store.audit(context.user(), 'pack-template-saved', { sections: saved.sections.length, threshold: saved.disclosure.threshold });
      return saved;
    },
    'packs:deleteTemplate': ({ name }) => {
      const store = context.requireStore();
      deleteTemplate(store.writer, name);
      store.audit(context.user(), 'pack-template-deleted', {});
      return { deleted: name };
    },
    'packs:build': (request) => {
      const store = context.requireStore();
      const template = findTemplate(store.reader, request.template);
      return shelf.build(store, request, template.name, () => buildPackDocument(store.reader, storeProviders(store), template, { synthetic: store.synthetic, version: appVersion() }));
    },
    'packs:export': (request) => shelf.export(context.requireStore(), request),
  };
}
