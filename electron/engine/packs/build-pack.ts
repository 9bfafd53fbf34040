// Builds a pack from a template: each section reads aggregates through the providers, every
// table and figure passes disclosure control, and the one controlled document is rendered to the
// PDF and the workbook. Nothing else reaches the renderers.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packFileNames, type Block, type PackDocument, type PackSection, type PackTemplate } from '../../../shared/ipc/channels/packs.js';
import { checkExportTarget } from '../governance/export-path.js';
import type { JobContext } from '../jobs/job-context.js';
import { withSharedBaselineRead } from '../snapshot/baseline-read.js';
import type { Db } from '../store/database.js';
import { controlBlock, disclosureFootnotes } from './disclosure.js';
import { stateFingerprint } from './fingerprint.js';
import type { PackProviders } from './providers.js';
import { SECTIONS } from './sections/index.js';

export interface PackFiles {
  document: PackDocument;
  pdf: Buffer;
  xlsx: Buffer;
  pages: number;
}

const withheldIn = (block: Block): number =>
  block.type === 'table' ? block.rows.reduce((n, r) => n + r.cells.filter((c) => c.c).length, 0) : block.type === 'figures' ? block.items.filter((i) => i.value.c).length : 0;

/** The controlled document: what the pack shows, and the record that makes it reproducible. */
export function buildPackDocument(db: Db, providers: PackProviders, template: PackTemplate, options: { synthetic: boolean; version: string }): PackDocument {
  // The cohort facts and the outcomes frame each need every record and event: one read serves both.
  return withSharedBaselineRead(db, () => controlledDocument(db, providers, template, options));
}

function controlledDocument(db: Db, providers: PackProviders, template: PackTemplate, options: { synthetic: boolean; version: string }): PackDocument {
  const settings = template.disclosure;
  const sections: PackSection[] = template.sections.map((id) => {
    const draft = SECTIONS[id].build({ providers, settings, synthetic: options.synthetic });
    return { id: draft.id, title: draft.title, blocks: draft.blocks.map((b) => controlBlock(b, settings)) };
  });
  const suppressedCells = sections.reduce((n, s) => n + s.blocks.reduce((m, b) => m + withheldIn(b), 0), 0);
  const state = stateFingerprint(db, { template: template.sections, disclosure: settings, version: options.version });
  const asOf = providers.baseline.sources().map((s) => ({ source: `${s.partner} (${s.kind})`, asOf: s.asOf }));
  const footnotes = [
    ...disclosureFootnotes(settings, suppressedCells > 0),
    'A dash (–) means no figure: nothing to count, or no data for that release.',
    ...(options.synthetic ? ['This pack was built from synthetic demonstration data: none of the people or households counted exist.'] : []),
  ];
  return {
    record: {
      template: template.name,
      title: template.title,
      sections: [...template.sections],
      disclosure: settings,
      programmeVersion: options.version,
      fingerprint: state.fingerprint,
      stateDate: state.stateDate,
      linkRun: state.linkRun,
      asOf,
      synthetic: options.synthetic,
      suppressedCells,
    },
    sections,
    footnotes,
  };
}

export async function renderPack(document: PackDocument, job: JobContext): Promise<PackFiles> {
  job.progress('Writing the PDF', 1, 3);
  await job.yield();
  // The writers (pdfkit with its fonts, ExcelJS) are loaded on the first build, not when the
  // engine starts: most sessions never build a pack, and they are the engine's heaviest modules.
  const [{ renderPdf }, { renderXlsx }] = await Promise.all([import('./pdf.js'), import('./xlsx.js')]);
  const pdf = await renderPdf(document);
  job.throwIfCancelled();
  job.progress('Writing the workbook', 2, 3);
  await job.yield();
  const xlsx = await renderXlsx(document);
  job.progress('Done', 3, 3);
  return { document, pdf: pdf.bytes, xlsx, pages: pdf.pages };
}

export { packFileNames };

/**
 * Where the pack's two files go in `dir`, checked before anything is built or written: a file of
 * the same name that is not an earlier board pack (or a store's own file) is refused, naming it,
 * unless the user said to replace it.
 */
export function packTargets(dir: string, template: string, guard: { storePath: string; replace: boolean }): { pdf: string; xlsx: string } {
  const names = packFileNames(template);
  const out = { pdf: join(dir, names.pdf), xlsx: join(dir, names.xlsx) };
  checkExportTarget(out.pdf, { storePath: guard.storePath, kind: 'board-pack', force: guard.replace });
  return out;
}

/** Writes both files into `dir` through temporary names, so a failure leaves no half file. */
export function writePackFiles(dir: string, files: PackFiles, guard: { storePath: string; replace: boolean }): { pdf: string; xlsx: string } {
  mkdirSync(dir, { recursive: true });
  const out = packTargets(dir, files.document.record.template, guard);
  for (const [path, bytes] of [[out.pdf, files.pdf], [out.xlsx, files.xlsx]] as const) {
    writeFileSync(`${path}.partial`, bytes);
    renameSync(`${path}.partial`, path);
  }
  return out;
}
