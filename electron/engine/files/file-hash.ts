// The one file hasher: sha256 of a file read in 1 MiB chunks (never the whole file in memory).
// A partner's extract and a reference file are both recognised as "already imported" by it.
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/ipc/result.js';

const CHUNK = 1 << 20;

/** Hashes a file as a stream, reporting bytes read (a 1 GB national postcode file hashes in a second or two). */
export async function fileSha256(path: string, onBytes?: (read: number) => void): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    hash.update(chunk as Buffer);
    read += (chunk as Buffer).length;
    onBytes?.(read);
  }
  return hash.digest('hex');
}

/** The same hash, synchronously, with the file's size (an import hashes before it reads). */
export function fileSha256Sync(path: string): { hash: string; size: number } {
  const hash = createHash('sha256');
  let size = 0;
  readChunks(path, (chunk) => {
    hash.update(chunk);
    size += chunk.length;
  });
  return { hash: hash.digest('hex'), size };
}

function readChunks(path: string, onChunk: (chunk: Buffer) => void): void {
  const fd = open(path);
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const n = read(path, fd, buf);
      if (n === 0) break;
      onChunk(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

function open(path: string): number {
  try {
    if (!statSync(path).isFile()) throw new WorkbenchError('bad-input', `${path} is not a file.`);
    return openSync(path, 'r');
  } catch (error) {
    throw readError(path, error);
  }
}

function read(path: string, fd: number, buf: Buffer): number {
  try {
    return readSync(fd, buf, 0, buf.length, null);
  } catch (error) {
    throw readError(path, error);
  }
}

function readError(path: string, error: unknown): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new WorkbenchError('bad-input', `${path}: no such file.`);
  if (code === 'EACCES' || code === 'EPERM') return new WorkbenchError('bad-input', `${path}: permission denied.`);
  if (code === 'EISDIR') return new WorkbenchError('bad-input', `${path} is not a file.`);
  return new WorkbenchError('bad-input', `${path}: the file could not be read (${code ?? 'unknown error'}).`);
}
