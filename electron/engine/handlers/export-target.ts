// Where a machine-readable export (CSV for another program) goes: a path the user typed, checked
// before anything is written. In Electron the renderer never names paths (as for files:fromPath).
// The store's own files are never a target, and another existing file is replaced only when it is
// an earlier export of the same kind or the request says `replace` (--force on the command line).
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { checkExportTarget, type ExportKind } from '../governance/export-path.js';
import type { EngineContext } from './context.js';

export function typedMachineExportPath(context: EngineContext, typed: string, kind: ExportKind, replace: boolean | undefined): string {
  if (context.options().host === 'electron') throw new WorkbenchError('forbidden', 'The workbench chooses where to save in this version.');
  const path = resolve(typed);
  if (existsSync(path) && statSync(path).isDirectory()) throw new WorkbenchError('bad-input', `${typed} is a folder; give a file name.`);
  if (!existsSync(dirname(path))) throw new WorkbenchError('bad-input', `The folder ${dirname(path)} does not exist.`);
  checkExportTarget(path, { storePath: context.options().storePath, kind, force: replace === true });
  return path;
}
