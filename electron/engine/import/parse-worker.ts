// Worker entry: parses one untrusted file away from the engine's thread, under memory limits,
// so a hostile or huge file can kill this worker but never the engine.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { readWorkbook } from './read-file.js';

const { path } = workerData as { path: string };
try {
  const workbook = readWorkbook(path, readFileSync(path));
  parentPort?.postMessage({ ok: true, workbook });
} catch (error) {
  if (error instanceof WorkbenchError) parentPort?.postMessage({ ok: false, error: { kind: error.kind, message: error.message } });
  else parentPort?.postMessage({ ok: false, error: { kind: 'bad-input', message: '' } });
}
