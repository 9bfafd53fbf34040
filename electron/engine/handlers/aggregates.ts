// Handlers for the aggregates feature's channels (shared/ipc/channels/aggregates.ts).
import type { AGGREGATES_CHANNELS } from '../../../shared/ipc/channels/aggregates.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { aggregatesExist, openAggregates } from '../aggregates/db.js';
import { lastRefresh, refreshJob } from '../aggregates/upkeep.js';
import { hasCoordinators } from '../aggregates/refresh.js';
import { readKeyFile } from '../store/keyslots.js';
import type { EngineContext, HandlersFor } from './context.js';

export function aggregatesHandlers(context: EngineContext): HandlersFor<keyof typeof AGGREGATES_CHANNELS> {
  return {
    'aggregates:refresh': ({ force }) => {
      const store = context.requireStore();
      if (!store.aggregatesKey) throw new WorkbenchError('forbidden', 'Only an analyst signed in with their own passphrase can prepare co-ordinators’ figures.');
      if (!hasCoordinators(store)) {
        throw new WorkbenchError('conflict', 'There is no co-ordinator, so there is nothing to prepare: their figures are prepared when one is added.');
      }
      return { job: context.jobs.start('aggregates:refresh', (job) => refreshJob(store, job, force ? { force } : {})) };
    },
    'aggregates:status': () => {
      const store = context.requireStore();
      const coordinators = readKeyFile(store.keyPath).slots.filter((s) => s.kind === 'passphrase' && s.role === 'co-ordinator').length;
      let waiting = 0;
      if (coordinators > 0 && store.aggregatesKey && aggregatesExist(store.path)) {
        try {
          const db = openAggregates(store.path, store.aggregatesKey);
          try {
            waiting = (db.prepare('SELECT count(*) AS n FROM agg_request WHERE wanted = 1').get() as { n: number }).n;
          } finally {
            db.close();
          }
        } catch {
          // a damaged aggregates store: `last` says why the preparation failed
        }
      }
      return { coordinators, last: lastRefresh(store), waiting };
    },
  };
}
