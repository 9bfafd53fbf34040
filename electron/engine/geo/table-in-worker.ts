// Opens a reference table in a worker thread (see table-worker.ts): the header is known when
// this resolves, and the rows arrive in batches as the engine asks for them.
import { basename } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { workerStream } from '../workers/worker-stream.js';
import type { HeaderKind } from './header-kinds.js';
import type { OpenedTable, TableRow } from './table-reader.js';

export type TableMessage =
  | { type: 'opened'; fileName: string; format: string; sheet: string; sizeBytes: number; header: string[]; headerRow: number }
  | { type: 'rows'; rows: TableRow[]; bytes: number }
  | { type: 'done'; bytes: number };

/** A workbook is read whole by the reader (SheetJS for xls/ods); the CSV path stays small. */
const TABLE_HEAP_MB = 3072;
const MAX_IN_FLIGHT = 4;

export async function openTable(path: string, kind: HeaderKind): Promise<OpenedTable> {
  const stream = workerStream<TableMessage>({
    module: new URL('./table-worker.js', import.meta.url),
    input: { path, kind },
    name: basename(path),
    heapMb: TABLE_HEAP_MB,
    maxInFlight: MAX_IN_FLIGHT,
    isLast: (message) => message.type === 'done',
  });
  const messages = stream[Symbol.asyncIterator]();
  const first = await messages.next();
  const opened = first.done ? null : first.value;
  if (!opened || opened.type !== 'opened') {
    stream.stop();
    throw new WorkbenchError('bad-input', `${basename(path)}: the file could not be read.`);
  }
  let bytes = 0;
  return {
    fileName: opened.fileName,
    format: opened.format,
    sheet: opened.sheet,
    sizeBytes: opened.sizeBytes,
    header: opened.header,
    headerRow: opened.headerRow,
    async *batches() {
      try {
        for (;;) {
          const next = await messages.next();
          if (next.done) return;
          const message = next.value;
          bytes = message.type === 'opened' ? bytes : message.bytes;
          if (message.type !== 'rows') continue;
          yield message.rows;
          stream.release();
        }
      } finally {
        stream.stop();
      }
    },
    bytesRead: () => bytes,
    close: () => stream.stop(),
  };
}
