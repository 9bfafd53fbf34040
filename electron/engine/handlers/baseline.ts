// Handlers for the baseline feature's channels (shared/ipc/channels/baseline.ts).
import type { BASELINE_CHANNELS } from '../../../shared/ipc/channels/baseline.js';
import { clearDecision, decidePair, pairCluster, reviewQueue } from '../baseline/review-queue.js';
import type { EngineContext, HandlersFor } from './context.js';

export function baselineHandlers(context: EngineContext): HandlersFor<keyof typeof BASELINE_CHANNELS> {
  return {
    'review:queue': (request) => reviewQueue(context.requireStore(), request),
    'review:decide': ({ id, decision, note }) => decidePair(context.requireStore(), context.user(), id, decision, note),
    'review:clear': ({ id }) => clearDecision(context.requireStore(), context.user(), id),
    'review:cluster': ({ id }) => pairCluster(context.requireStore(), context.user(), id),
  };
}
