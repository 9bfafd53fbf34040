// Where an export for people goes: a path the user typed (browser host, CLI), checked before
// anything is written, or in Electron a dated file in an exports folder beside the store.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { WorkbenchError } from '../../../shared/ipc/result.js';

export function typedExportPath(typed: string, extension: string): string {
  const path = resolve(typed);
  if (!path.toLowerCase().endsWith(extension)) throw new WorkbenchError('bad-input', `The file name must end in ${extension}, for example record${extension}.`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new WorkbenchError('bad-input', `${path} is a folder: give a file name.`);
  if (!existsSync(dirname(path))) throw new WorkbenchError('bad-input', `The folder ${dirname(path)} does not exist.`);
  return path;
}

export function exportsFolderPath(storePath: string, stem: string, extension: string, now = new Date()): string {
  const folder = join(dirname(storePath), 'exports');
  mkdirSync(folder, { recursive: true });
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return join(folder, `${stem}-${stamp}${extension}`);
}
