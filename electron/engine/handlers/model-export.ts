// Handlers for the model export channels (shared/ipc/channels/model-export.ts).
import type { MODEL_EXPORT_CHANNELS } from '../../../shared/ipc/channels/model-export.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { BlockingAnalysis } from '../link/blocking.js';
import { latestRunId } from '../link/run-link.js';
import { toSplinkSettings } from '../link/splink-export.js';
import { defaultMatchSpec, type MatchSpec } from '../link/spec.js';
import type { EngineContext, HandlersFor } from './context.js';

export function modelExportHandlers(context: EngineContext): HandlersFor<keyof typeof MODEL_EXPORT_CHANNELS> {
  return {
    'model:exportSplink': ({ run }) => {
      const store = context.requireStore();
      const id = run ?? latestRunId(store.reader);
      let spec: MatchSpec = defaultMatchSpec();
      let analysis: BlockingAnalysis | null = null;
      if (id !== null) {
        const row = store.reader.prepare('SELECT spec_json, blocking_json FROM link_run WHERE id = ?').get(id) as { spec_json: string; blocking_json: string | null } | undefined;
        if (!row) throw new WorkbenchError('not-found', `There is no linkage run ${id}.`);
        spec = JSON.parse(row.spec_json) as MatchSpec;
        analysis = row.blocking_json ? (JSON.parse(row.blocking_json) as BlockingAnalysis) : null;
      }
      const exported = toSplinkSettings(spec, analysis);
      store.audit(context.user(), 'model-exported', { run: id, format: 'splink' });
      return { run: id, ...exported };
    },
  };
}
