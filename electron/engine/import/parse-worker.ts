// Worker entry: parses one untrusted file away from the engine's thread, under memory limits,
// so a hostile or huge file can kill this worker but never the engine. Batches go back as they
// fill, held back while the store is behind; each goes as a few flat arrays (row-batch.ts).
import { post, reportFailure, workerInput } from '../workers/worker-side.js';
import type { ParseMessage } from './parse-in-worker.js';
import { runPipeline, type PipelineOptions } from './pipeline.js';
import { packRows } from './row-batch.js';

try {
  runPipeline(workerInput<PipelineOptions>(), (message) => {
    if (message.type !== 'rows') {
      post(message satisfies ParseMessage, false);
      return;
    }
    const packed: ParseMessage = { type: 'rows', ordinal: message.ordinal, count: message.rows.length, data: packRows(message.rows), done: message.done, total: message.total };
    post(packed, true);
  });
} catch (error) {
  reportFailure(error);
}
