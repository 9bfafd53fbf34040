// Where an export for people goes: a path the user typed (browser host, CLI), checked before
// anything is written, or in Electron a dated file in an exports folder beside the store.
// An export must never destroy: the store, its key file, WAL or SHM are refused outright, and any
// other existing file is replaced only when it is an earlier export of the same kind, or when
// the user says so (--force, or "replace" in the app).
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { aggregatesPath } from '../aggregates/db.js';

export const EXPORT_KINDS = ['clusters', 'pairs', 'audit', 'quarantine', 'dp-record', 'backup', 'subject-access', 'board-pack'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportGuard {
  /** The open store: its own files are never an export's target. */
  storePath: string;
  kind: ExportKind;
  /** Replace an existing file that is not an earlier export of this kind. */
  force?: boolean;
}

const LABEL: Record<ExportKind, string> = {
  clusters: 'clusters',
  pairs: 'pairs',
  audit: 'audit trail',
  quarantine: 'quarantine',
  'dp-record': 'data protection record',
  backup: 'backup',
  'subject-access': 'subject access',
  'board-pack': 'board pack',
};

function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const read = readSync(fd, buffer, 0, n, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

const csvStartsWith = (prefix: string) => (path: string): boolean => firstBytes(path, prefix.length).toString('utf8') === prefix;

function workbookTitled(prefix: string): (path: string) => boolean {
  return (path) => {
    try {
      if (!firstBytes(path, 2).equals(Buffer.from('PK'))) return false;
      // (The ESM build has no file access of its own: hand it the bytes.)
      if (statSync(path).size > 64 * 1024 ** 2) return false;
      const wb = XLSX.read(readFileSync(path), { type: 'buffer', bookProps: true, bookSheets: true });
      return (wb.Props?.Title ?? '').startsWith(prefix);
    } catch {
      return false;
    }
  };
}

/** A workbook whose document properties give this subject (or a pack's workbook from before packs said so: ours, opening on its About sheet). */
function workbookWithSubject(path: string, subject: string): boolean {
  try {
    if (!firstBytes(path, 2).equals(Buffer.from('PK'))) return false;
    if (statSync(path).size > 64 * 1024 ** 2) return false;
    const wb = XLSX.read(readFileSync(path), { type: 'buffer', bookProps: true, bookSheets: true });
    return wb.Props?.Subject === subject || (wb.Props?.Author === 'Baseline Workbench' && wb.SheetNames[0] === 'About' && wb.SheetNames.includes('Notes'));
  } catch {
    return false;
  }
}

/** A PDF whose document information says `/Subject (subject)` (written plainly near its end). */
function pdfWithSubject(path: string, subject: string): boolean {
  try {
    if (firstBytes(path, 5).toString('latin1') !== '%PDF-') return false;
    const size = statSync(path).size;
    const tail = Math.min(size, 64 * 1024);
    const fd = openSync(path, 'r');
    const buffer = Buffer.alloc(tail);
    try {
      readSync(fd, buffer, 0, tail, size - tail);
    } finally {
      closeSync(fd);
    }
    return buffer.toString('latin1').includes(`(${subject})`);
  } catch {
    return false;
  }
}

/** How an earlier export of each kind is recognised: by its header line, title or magic. */
const IS_EXPORT_OF: Record<ExportKind, (path: string) => boolean> = {
  clusters: csvStartsWith('file,sheet,row_number,person_id,household_id\r\n'),
  pairs: csvStartsWith('a_file,a_sheet,a_row_number,'),
  audit: csvStartsWith('id,at,actor,action,payload,prev_hash,hash\r\n'),
  quarantine: workbookTitled('Quarantine of '),
  'dp-record': workbookTitled('Data protection record'),
  backup: (path) => firstBytes(path, 8).toString('latin1') === 'BWBACKUP',
  'subject-access': workbookTitled('Subject access '),
  // A pack is a PDF and a workbook under one name, each marked "Board pack" in its document properties.
  'board-pack': (path) => (/\.pdf$/i.test(path) ? pdfWithSubject(path, 'Board pack') : workbookWithSubject(path, 'Board pack')),
};

/** The path with its folder's symlinks resolved, so `./x/../store.db` and a link both match. */
function canonical(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

const storeOwnFiles = (storePath: string): string[] =>
  [storePath, `${storePath}.keys`, `${storePath}-wal`, `${storePath}-shm`, `${storePath}-journal`, aggregatesPath(storePath), `${aggregatesPath(storePath)}-wal`, `${aggregatesPath(storePath)}-shm`].map(canonical);

/**
 * Refuses a target that is a store's own file (the open store's, or any store's: a file with a
 * key file beside it, or a key file) and an existing file that is not an earlier export of the
 * same kind, unless forced. Nothing is written here.
 */
export function checkExportTarget(path: string, guard: ExportGuard): void {
  // A board pack is written as two files under one name (its PDF and its workbook): both are checked.
  if (guard.kind === 'board-pack') {
    const stem = path.replace(/\.(pdf|xlsx)$/i, '');
    for (const file of [`${stem}.pdf`, `${stem}.xlsx`]) checkOneTarget(file, guard);
    return;
  }
  checkOneTarget(path, guard);
}

function checkOneTarget(path: string, guard: ExportGuard): void {
  const target = canonical(path);
  const name = basename(target);
  const isStoreFile =
    storeOwnFiles(guard.storePath).includes(target) ||
    /\.keys$|-wal$|-shm$|-journal$/i.test(name) ||
    existsSync(`${target}.keys`);
  if (isStoreFile) {
    throw new WorkbenchError('bad-input', `${path} is a store's own file (the store, its key file or its write-ahead log): an export never overwrites it. Nothing was written; choose another name.`);
  }
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) throw new WorkbenchError('bad-input', `${path} is a folder: give a file name.`);
  if (guard.force || IS_EXPORT_OF[guard.kind](target)) return;
  throw new WorkbenchError(
    'conflict',
    `${path} already exists and is not an earlier ${LABEL[guard.kind]} export. Nothing was written: choose another name, or say to replace it (--force on the command line).`,
  );
}

export function typedExportPath(typed: string, extension: string, guard?: ExportGuard): string {
  const path = resolve(typed);
  if (!path.toLowerCase().endsWith(extension)) throw new WorkbenchError('bad-input', `The file name must end in ${extension}, for example record${extension}.`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new WorkbenchError('bad-input', `${path} is a folder: give a file name.`);
  // A board pack is saved into a folder, made when the pack is written.
  if (!existsSync(dirname(path)) && guard?.kind !== 'board-pack') throw new WorkbenchError('bad-input', `The folder ${dirname(path)} does not exist.`);
  if (guard) checkExportTarget(path, guard);
  return path;
}

export function exportsFolderPath(storePath: string, stem: string, extension: string, now = new Date()): string {
  const folder = join(dirname(storePath), 'exports');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return join(folder, `${stem}-${stamp}${extension}`);
}
