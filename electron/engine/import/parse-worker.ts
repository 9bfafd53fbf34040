// Worker entry: parses one untrusted file away from the engine's thread, under memory limits,
// so a hostile or huge file can kill this worker but never the engine. Batches go back as they
// fill, held back while the store is behind; each goes as a few flat arrays (row-batch.ts).
import { post, reportFailure, workerInput } from '../workers/worker-side.js';
import type { ParseMessage } from './parse-in-worker.js';
import { runPipeline, type PipelineOptions } from './pipeline.js';

try {
  // Row batches come packed from the pipeline; only they count against the batches in flight.
  runPipeline(workerInput<PipelineOptions>(), (message) => post(message satisfies ParseMessage, message.type === 'rows'));
} catch (error) {
  reportFailure(error);
}
