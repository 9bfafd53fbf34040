import { basename } from 'node:path';
import type { PipelineMessage, PipelineOptions } from './pipeline.js';
import { workerStream, type WorkerStream } from '../workers/worker-stream.js';

/**
 * Heap limit for one parse. The streaming readers (csv, xlsx) stay near 100 MB at any size;
 * ods and xlsb still go through SheetJS's whole-workbook read, which needs ~1.5 GB at 300k rows.
 */
const PARSE_HEAP_MB = 3072;
/** Batches the worker may run ahead of the store (each ~2,000 rows). */
const MAX_IN_FLIGHT = 4;

/** What the worker posts: the pipeline's messages as they are (each batch of rows packed flat, row-batch.ts). */
export type ParseMessage = PipelineMessage;

/** Row batches, a summary per sheet, then `done`; `release()` after each batch is stored. */
export type ParseStream = WorkerStream<ParseMessage>;

/**
 * Parses a file in a worker with resource limits and yields its messages in order: row batches,
 * a summary per sheet, then `done`. A crash or an error in the worker ends the iteration with a
 * clear `bad-input` (or the worker's own error); an abort ends it with `cancelled`.
 */
export function parseInWorker(options: PipelineOptions, signal?: AbortSignal): ParseStream {
  return workerStream<ParseMessage>({
    module: new URL('./parse-worker.js', import.meta.url),
    input: options,
    name: basename(options.path),
    heapMb: PARSE_HEAP_MB,
    maxInFlight: MAX_IN_FLIGHT,
    isLast: (message) => message.type === 'done',
    ...(signal ? { signal } : {}),
    cancelled: 'The import was cancelled; nothing was changed.',
  });
}
