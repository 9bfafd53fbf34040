// Handlers for the board packs channels (shared/ipc/channels/packs.ts): templates, building a
// pack as a job, and exporting it. Co-ordinators and analysts only (the policy checks before
// these run); every build and export is audited by counts.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PACK_CHANNELS, PackBuilt } from '../../../shared/ipc/channels/packs.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { buildPackDocument, packTargets, renderPack, writePackFiles, type PackFiles } from '../packs/build-pack.js';
import { storeProviders } from '../packs/store-providers.js';
import { deleteTemplate, findTemplate, listTemplates, saveTemplate } from '../packs/templates.js';
import { appVersion } from '../version.js';
import type { EngineContext, HandlersFor } from './context.js';

/** Built packs kept for export, newest last: a few at most (each is a PDF and a workbook in memory). */
const KEEP_BUILDS = 3;

/** The folder to write into (created with its parents if need be); refused if it names a file. */
function checkedFolder(typed: string): string {
  const dir = resolve(typed);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new WorkbenchError('bad-input', `${dir} is a file: give a folder for the PDF and the workbook.`);
  return dir;
}

const counts = (files: PackFiles): Record<string, number | null> => ({
  sections: files.document.sections.length,
  pages: files.pages,
  suppressedCells: files.document.record.suppressedCells,
  linkRun: files.document.record.linkRun,
});

export function packHandlers(context: EngineContext): HandlersFor<keyof typeof PACK_CHANNELS> {
  const builds = new Map<string, PackFiles>();
  let sequence = 0;

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
    'packs:build': ({ template: name, outDir, replace }) => {
      const store = context.requireStore();
      // In Electron the renderer never names paths: the pack waits in the engine for packs:export.
      if (outDir !== undefined && context.options().host === 'electron') throw new WorkbenchError('forbidden', 'Export the pack with the save dialog.');
      const dir = outDir === undefined ? null : checkedFolder(outDir);
      const template = findTemplate(store.reader, name);
      const guard = { storePath: context.options().storePath, replace: replace === true };
      // Refused before the build, not after it: a file in the way is named at once.
      if (dir !== null) packTargets(dir, template.name, guard);
      const user = context.user();
      return {
        job: context.jobs.start('packs:build', async (job): Promise<PackBuilt> => {
          job.progress('Reading the figures', 0, 3);
          await job.yield();
          const document = buildPackDocument(store.reader, storeProviders(store), template, { synthetic: store.synthetic, version: appVersion() });
          job.throwIfCancelled();
          const files = await renderPack(document, job);
          const build = `pack-${++sequence}`;
          builds.set(build, files);
          for (const key of [...builds.keys()].slice(0, Math.max(0, builds.size - KEEP_BUILDS))) builds.delete(key);
          const written = dir === null ? null : writePackFiles(dir, files, guard);
          store.audit(user, 'pack-built', { ...counts(files), written: written !== null });
          return { build, pdf: written?.pdf ?? null, xlsx: written?.xlsx ?? null, pages: files.pages, document };
        }),
      };
    },
    'packs:export': async ({ build, outDir, replace }) => {
      const store = context.requireStore();
      const files = builds.get(build);
      if (!files) throw new WorkbenchError('not-found', 'That pack is no longer held: build it again.');
      const { host, storePath, chooseSaveFile } = context.options();
      if (host === 'electron' && outDir !== undefined) throw new WorkbenchError('forbidden', 'Choose where to save with the save dialog.');
      if (host !== 'electron' && outDir === undefined) throw new WorkbenchError('bad-input', 'Type the folder to save the PDF and the workbook in.');
      let dir: string;
      if (outDir !== undefined) dir = checkedFolder(outDir);
      else if (chooseSaveFile) {
        const chosen = await chooseSaveFile({ suggestedName: 'board-pack.pdf', filter: { name: 'PDF', extension: 'pdf' } });
        if (chosen === null) return { saved: false, pdf: null, xlsx: null };
        dir = dirname(chosen);
      } else dir = join(dirname(storePath), 'exports');
      const written = writePackFiles(dir, files, { storePath, replace: replace === true });
      store.audit(context.user(), 'pack-exported', counts(files));
      return { saved: true, ...written };
    },
  };
}
