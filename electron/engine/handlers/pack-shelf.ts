// Building a board pack as a job and exporting it, for both doors that serve packs: the analyst's
// handlers (a document read from the main store) and a co-ordinator's session (a document prepared
// in the aggregates store). One copy of the rules: where a pack may be written, the overwrite
// guard, the packs held for export and what is audited.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PackBuilt, PackDocument } from '../../../shared/ipc/channels/packs.js';
import type { RequestOf } from '../../../shared/ipc/contract.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { packTargets, renderPack, writePackFiles, type PackFiles } from '../packs/build-pack.js';
import type { Store } from '../store/store.js';
import type { EngineContext } from './context.js';

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

export interface PackShelf {
  /**
   * Starts the build job for the template named `template`; `document` is read inside the job.
   * A folder given is checked, and a file in the way refused, before the job starts.
   */
  build(store: Store, request: RequestOf<'packs:build'>, template: string, document: () => PackDocument): { job: string };
  /** Writes a held pack to the folder typed, or the one the save dialog chose. */
  export(store: Store, request: RequestOf<'packs:export'>): Promise<{ saved: boolean; pdf: string | null; xlsx: string | null }>;
}

export function packShelf(context: EngineContext): PackShelf {
  const builds = new Map<string, PackFiles>();
  let sequence = 0;
  return {
    build(store, { outDir, replace }, template, document) {
      // In Electron the renderer never names paths: the pack waits in the engine for packs:export.
      if (outDir !== undefined && context.options().host === 'electron') throw new WorkbenchError('forbidden', 'Export the pack with the save dialog.');
      const dir = outDir === undefined ? null : checkedFolder(outDir);
      const guard = { storePath: context.options().storePath, replace: replace === true };
      // Refused before the build, not after it: a file in the way is named at once.
      if (dir !== null) packTargets(dir, template, guard);
      const user = context.user();
      return {
        job: context.jobs.start('packs:build', async (job): Promise<PackBuilt> => {
          job.progress('Reading the figures', 0, 3);
          await job.yield();
          const doc = document();
          job.throwIfCancelled();
          const files = await renderPack(doc, job);
          const build = `pack-${++sequence}`;
          builds.set(build, files);
          for (const key of [...builds.keys()].slice(0, Math.max(0, builds.size - KEEP_BUILDS))) builds.delete(key);
          const written = dir === null ? null : writePackFiles(dir, files, guard);
          store.audit(user, 'pack-built', { ...counts(files), written: written !== null });
          return { build, pdf: written?.pdf ?? null, xlsx: written?.xlsx ?? null, pages: files.pages, document: doc };
        }),
      };
    },
    async export(store, { build, outDir, replace }) {
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
