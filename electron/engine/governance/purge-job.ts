// Purging a source as one piece of work for the CLI and the UI: remove it (store/purge.ts), then
// link what remains again, so no person or household still rests on the purged rows.
import type { PurgeResult } from '../../../shared/ipc/channels/governance.js';
import type { JobContext } from '../jobs/job-context.js';
import { runLink } from '../link/run-link.js';
import { forgetResultsOfSource } from '../inbox/inbox.js';
import { keepOutcomeBaseline } from '../outcomes/series.js';
import { purgeSource } from '../store/purge.js';
import type { Store } from '../store/store.js';

export async function purgeAndRelink(store: Store, sourceId: number, job: JobContext): Promise<PurgeResult> {
  job.progress('Deleting the source and everything made from it', 0, 1);
  const summary = purgeSource(store, sourceId);
  // The partner's copy of what came of their submission lists the rows just deleted.
  forgetResultsOfSource(store, store.path, sourceId);
  job.progress('Deleting the source and everything made from it', 1, 1);
  await job.yield();
  const count = (sql: string): number => (store.reader.prepare(sql).get() as { n: number }).n;
  // Only a store that was linked before is linked again. The purge has happened by now, so the
  // re-link is not cancellable: "cancelled, nothing was changed" would no longer be true.
  const relink = count('SELECT count(*) AS n FROM link_run') > 0 && count('SELECT count(*) AS n FROM record') > 0;
  const uncancellable: JobContext = { ...job, signal: new AbortController().signal, throwIfCancelled: () => {} };
  const run = relink ? await runLink(store, { user: store.session.user }, uncancellable) : null;
  if (run) keepOutcomeBaseline(store.reader, store.writer);
  return { ...summary, relinkedRun: run?.run ?? null };
}
