// Worker entry: parses one untrusted file away from the engine's thread, under memory limits,
// so a hostile or huge file can kill this worker but never the engine. Batches go back as they
// fill; a shared counter of batches in flight holds the reader back when the store falls
// behind, so memory stays bounded however large the file.
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { runPipeline, type PipelineMessage, type PipelineOptions } from './pipeline.js';

const { options, flow, maxInFlight } = workerData as { options: PipelineOptions; flow: SharedArrayBuffer; maxInFlight: number };
/** [0] batches posted and not yet stored; [1] set to 1 by the engine to stop. */
const state = new Int32Array(flow);

class Stopped extends Error {}

function post(message: PipelineMessage): void {
  if (message.type === 'rows') {
    for (;;) {
      if (Atomics.load(state, 1) !== 0) throw new Stopped();
      const inFlight = Atomics.load(state, 0);
      if (inFlight < maxInFlight) break;
      Atomics.wait(state, 0, inFlight, 1000);
    }
    Atomics.add(state, 0, 1);
  }
  parentPort?.postMessage(message);
}

try {
  runPipeline(options, post);
} catch (error) {
  if (error instanceof Stopped) {
    // The engine cancelled: nothing to report.
  } else if (error instanceof WorkbenchError) {
    parentPort?.postMessage({ type: 'error', error: { kind: error.kind, message: error.message } });
  } else {
    parentPort?.postMessage({ type: 'error', error: { kind: 'bad-input', message: '' } });
  }
}
