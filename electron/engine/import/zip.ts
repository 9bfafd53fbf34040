// A small zip reader for xlsx/ods: reads the central directory through a file descriptor and
// inflates one entry at a time in bounded chunks, so a workbook is never held uncompressed in
// memory. A large entry (a sheet) is inflated by node:zlib in a worker (inflate-in-worker.ts),
// about three times cheaper than fflate and beside the reader's own work; small parts by fflate
// here, where a worker's start would cost more than it saves. Every inflated byte is counted against the import limits: a zip bomb
// is refused as soon as it passes them, before it can fill memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Inflate } from 'fflate';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { InflateFailed, WorkerInflater } from './inflate-in-worker.js';

export interface ZipLimits {
  /** Most bytes the reader will inflate from one file, across all entries it reads. */
  maxUncompressedBytes: number;
  /** Largest uncompressed:compressed ratio allowed for an entry once it is past `ratioFloorBytes`. */
  maxCompressionRatio: number;
  /** Entries smaller than this are not ratio-checked (small XML parts compress very well). */
  ratioFloorBytes: number;
  /** Entries of at least this many compressed bytes are inflated in a worker (default 1 MB). */
  inflateInWorkerFrom?: number;
}

const INFLATE_IN_WORKER_FROM = 1024 ** 2;

// A 1M-row × 13-column sheet written by SheetJS is ~530 MB of XML; Excel's own (shared strings)
// about half that. Spreadsheet XML compresses 3–30×; deflate tops out near 1032×, so a ratio
// past 250 on a large entry is a bomb, not a spreadsheet.
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 2 * 1024 ** 3,
  maxCompressionRatio: 250,
  ratioFloorBytes: 16 * 1024 ** 2,
};

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** The zip itself is damaged (not its XML): `detail` says where, for a reader that can name the sheet. */
export class ZipDamaged extends WorkbenchError {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super('bad-input', message);
  }
}

const EOCD = 0x06054b50;
const ZIP64_EOCD_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const READ_CHUNK = 16 * 1024;

export class ZipFile {
  private readonly fd: number;
  readonly size: number;
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;
  /** Entries whose worker was started ahead of reading them (`prefetch`). */
  private readonly started = new Map<string, WorkerInflater>();

  private constructor(
    private readonly path: string,
    readonly displayName: string,
    fd: number,
    private readonly limits: ZipLimits,
  ) {
    this.fd = fd;
    this.size = fstatSync(fd).size;
    this.entries = this.readCentralDirectory();
    for (const e of this.entries) if (!this.byName.has(e.name)) this.byName.set(e.name, e);
  }

  static open(path: string, displayName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipFile {
    const fd = openSync(path, 'r');
    try {
      return new ZipFile(path, displayName, fd, limits);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  close(): void {
    for (const early of this.started.values()) early.stop();
    this.started.clear();
    closeSync(this.fd);
  }

  /** Where an entry's compressed bytes start. */
  private dataStart(entry: ZipEntry): number {
    const local = this.read(entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw this.damaged(`bad local header for ${entry.name}`);
    return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  }

  private inWorker(entry: ZipEntry): boolean {
    return entry.method === 8 && !entry.encrypted && entry.compressedSize >= (this.limits.inflateInWorkerFrom ?? INFLATE_IN_WORKER_FROM);
  }

  /**
   * Starts inflating a large entry in its worker now, so the worker is up and a few chunks ahead
   * by the time `inflate` asks for it. Nothing is counted until then; `close` stops it if unread.
   */
  prefetch(name: string): void {
    const entry = this.byName.get(name);
    if (!entry || !this.inWorker(entry) || this.started.has(name)) return;
    const start = this.dataStart(entry);
    if (start + entry.compressedSize > this.size) return;
    this.started.set(name, new WorkerInflater(this.path, start, entry.compressedSize));
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  private damaged(detail: string): ZipDamaged {
    return new ZipDamaged(`${this.displayName}: the file could not be read as a spreadsheet (it may be damaged or truncated: ${detail}).`, detail);
  }

  private read(position: number, length: number): Buffer {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(this.fd, buf, got, length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got === length ? buf : buf.subarray(0, got);
  }

  private readCentralDirectory(): ZipEntry[] {
    const tailLength = Math.min(this.size, 22 + 65535 + 20);
    const tail = this.read(this.size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw this.damaged('no zip directory');
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = at - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_EOCD_LOCATOR) throw this.damaged('bad zip64 directory');
      const z64 = Number(tail.readBigUInt64LE(loc + 8));
      const rec = this.read(z64, 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw this.damaged('bad zip64 directory');
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > this.size || count > 100_000) throw this.damaged('zip directory out of range');
    const cd = this.read(cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw this.damaged('bad zip directory entry');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localHeaderOffset = cd.readUInt32LE(p + 42);
      const name = cd.subarray(p + 46, p + 46 + nameLength).toString('utf8');
      // Zip64 extra field: only the values that overflowed are present, in this order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      while (e + 4 <= extraEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (uncompressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
            uncompressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localHeaderOffset === 0xffffffff && q + 8 <= e + 4 + len) localHeaderOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      entries.push({ name, method, encrypted: (flags & 1) === 1, compressedSize, uncompressedSize, localHeaderOffset });
      p = extraEnd + commentLength;
    }
    return entries;
  }

  /** Sum of the sizes the directory declares; a first, cheap bomb check before inflating anything. */
  checkDeclaredSizes(names: string[]): void {
    let total = 0;
    for (const name of names) {
      const e = this.byName.get(name);
      if (e) total += e.uncompressedSize;
    }
    if (total > this.limits.maxUncompressedBytes) throw this.tooBig(name0(names), total);
  }

  private tooBig(entry: string, bytes: number): WorkbenchError {
    const mb = (n: number): string => `${Math.round(n / 1024 ** 2).toLocaleString('en-GB')} MB`;
    return new WorkbenchError(
      'bad-input',
      `${this.displayName}: refused — ${entry} expands to more than ${mb(this.limits.maxUncompressedBytes)} (at least ${mb(bytes)}); this looks like a zip bomb or is larger than the import limit.`,
    );
  }

  /**
   * Inflates one entry, handing each decompressed chunk to `onData`, and reports compressed
   * bytes consumed to `onProgress`. Throws `bad-input` past the limits or on damage.
   */
  inflate(name: string, onData: (chunk: Uint8Array) => void, onProgress?: (compressedDone: number) => void): void {
    const entry = this.byName.get(name);
    if (!entry) throw this.damaged(`${name} is missing`);
    if (entry.encrypted) {
      throw new WorkbenchError('bad-input', `${this.displayName}: the workbook is password-protected (encrypted zip). Save an unprotected copy and import that.`);
    }
    const start = this.dataStart(entry);
    const end = start + entry.compressedSize;
    if (end > this.size) throw this.damaged(`${name} is cut short`);
    let produced = 0;
    // Compressed bytes handed to the inflater so far: the ratio is checked against these as the
    // bytes come out, not against the entry's whole size, so a bomb that hides a small, hugely
    // expanding stream in front of a large incompressible tail is refused within megabytes.
    let consumed = 0;
    const count = (n: number): void => {
      produced += n;
      this.inflated += n;
      if (this.inflated > this.limits.maxUncompressedBytes) throw this.tooBig(name, this.inflated);
      if (produced > this.limits.ratioFloorBytes && produced > this.limits.maxCompressionRatio * Math.max(1, consumed)) {
        throw new WorkbenchError(
          'bad-input',
          `${this.displayName}: refused — ${name} expands more than ${this.limits.maxCompressionRatio} times its compressed size; this looks like a zip bomb.`,
        );
      }
    };
    if (entry.method === 0) {
      for (let pos = start; pos < end; pos += READ_CHUNK * 4) {
        const chunk = this.read(pos, Math.min(READ_CHUNK * 4, end - pos));
        consumed += chunk.length;
        count(chunk.length);
        onData(chunk);
        onProgress?.(pos + chunk.length - start);
      }
      return;
    }
    if (entry.method !== 8) throw this.damaged(`${name} uses an unsupported compression method (${entry.method})`);
    if (this.inWorker(entry)) {
      const inflater = this.started.get(name) ?? new WorkerInflater(this.path, start, entry.compressedSize);
      this.started.delete(name);
      try {
        inflater.run((chunk, compressedDone) => {
          consumed = compressedDone;
          count(chunk.length);
          onData(chunk);
          onProgress?.(compressedDone);
        });
      } catch (error) {
        if (!(error instanceof InflateFailed)) throw error;
        throw this.damaged(error.failure === 'damaged' ? `${name} does not decompress` : `${name} could not be inflated (${error.failure})`);
      }
      return;
    }
    let finished = false;
    // Errors from the consumer (a damaged sheet's XML) pass through as they are; errors from
    // the inflater mean the compressed data is damaged.
    let consumerError: unknown = null;
    const inflater = new Inflate((chunk, final) => {
      count(chunk.length);
      try {
        if (chunk.length) onData(chunk);
      } catch (error) {
        consumerError = error;
        throw error;
      }
      if (final) finished = true;
    });
    for (let pos = start; pos < end; pos += READ_CHUNK) {
      const chunk = this.read(pos, Math.min(READ_CHUNK, end - pos));
      consumed += chunk.length;
      try {
        inflater.push(chunk, pos + chunk.length >= end);
      } catch (error) {
        if (consumerError !== null || error instanceof WorkbenchError) throw error;
        throw this.damaged(`${name} does not decompress`);
      }
      onProgress?.(pos + chunk.length - start);
    }
    if (entry.compressedSize === 0) inflater.push(new Uint8Array(0), true);
    if (!finished && entry.uncompressedSize > 0) throw this.damaged(`${name} is cut short`);
  }

  /** A whole (small) entry as text, e.g. workbook.xml; still counted against the limits. */
  text(name: string): string {
    const decoder = new TextDecoder('utf-8');
    let out = '';
    this.inflate(name, (chunk) => {
      out += decoder.decode(chunk, { stream: true });
    });
    return out + decoder.decode();
  }
}

const name0 = (names: string[]): string => (names.length === 1 ? (names[0] ?? 'the workbook') : 'the workbook');
