import type { ImportSummary } from '../../shared/ipc/contract.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { writeDemoBorough } from './demo/index.js';
import { importFile } from './import/import-file.js';
import { runLink, type RunLinkSummary } from './link/run-link.js';
import { keepOutcomeBaseline } from './outcomes/series.js';
import type { JobContext } from './jobs/job-context.js';
import type { Store } from './store/store.js';

export interface DemoOptions {
  households: number;
  seed: number;
  outDir: string;
  user: string;
}

/** Writes a synthetic borough's extracts and truth, marks the store synthetic, imports and links them. */
export async function runDemo(store: Store, options: DemoOptions, job: JobContext): Promise<{ outDir: string; files: ImportSummary[]; link: RunLinkSummary | null }> {
  const realSources = store.reader.prepare('SELECT count(*) AS n FROM source').get() as { n: number };
  if (realSources.n > 0 && !store.synthetic) {
    throw new WorkbenchError('conflict', 'This store holds real extracts. Demo data goes in its own store (demo.db), so the two never mix.');
  }
  job.progress('Writing the demo extracts', 0, 1);
  const { files } = writeDemoBorough({ households: options.households, seed: options.seed, outDir: options.outDir });
  job.progress('Writing the demo extracts', 1, 1);
  store.setMeta('synthetic', 'true');
  const summaries: ImportSummary[] = [];
  for (const [i, file] of files.entries()) {
    job.throwIfCancelled();
    job.progress(`Importing ${i + 1} of ${files.length}`, i, files.length);
    summaries.push(await importFile(store, file, { user: options.user }, { ...job, progress: () => {} }));
  }
  job.progress('Linking people and households', 0, 1);
  const link = await runLink(store, { user: options.user }, { ...job, progress: () => {} });
  keepOutcomeBaseline(store.reader, store.writer);
  job.progress('Done', files.length, files.length);
  store.audit(options.user, 'demo-created', { households: options.households, seed: options.seed, files: files.length });
  return { outDir: options.outDir, files: summaries, link };
}
