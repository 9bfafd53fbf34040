// Worker entry: parses one untrusted file away from the engine's thread, under memory limits,
// so a hostile or huge file can kill this worker but never the engine. Batches go back as they
// fill, held back while the store is behind.
import { post, reportFailure, workerInput } from '../workers/worker-side.js';
import { runPipeline, type PipelineOptions } from './pipeline.js';

try {
  runPipeline(workerInput<PipelineOptions>(), (message) => post(message, message.type === 'rows'));
} catch (error) {
  reportFailure(error);
}
