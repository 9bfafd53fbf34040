// Worker entry: opens a reference table, finds its header and streams its rows back, so a
// national lookup or a deprivation workbook is parsed away from the engine's thread.
import { post, reportFailure, workerInput } from '../workers/worker-side.js';
import { HEADER_TESTS, type HeaderKind } from './header-kinds.js';
import type { TableMessage } from './table-in-worker.js';
import { openTableHere } from './table-reader.js';

const { path, kind } = workerInput<{ path: string; kind: HeaderKind }>();
const send = (message: TableMessage): void => post(message, message.type === 'rows');

try {
  const table = await openTableHere(path, HEADER_TESTS[kind]);
  send({ type: 'opened', fileName: table.fileName, format: table.format, sheet: table.sheet, sizeBytes: table.sizeBytes, header: table.header, headerRow: table.headerRow });
  try {
    for await (const rows of table.batches()) send({ type: 'rows', rows, bytes: table.bytesRead() });
  } finally {
    table.close();
  }
  send({ type: 'done', bytes: table.bytesRead() });
} catch (error) {
  reportFailure(error);
}
