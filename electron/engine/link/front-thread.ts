// The linker's front phases on a second thread. Preparing: the loader (load-records.ts) hands
// each record here as it builds it; past START records a worker starts and takes them in batches,
// so preparing (prepare.ts: names, dates, postcodes and addresses interned, one column each) runs
// on the second core during the load instead of after it. Fewer records stay on the calling
// thread (`end` returns null): a worker costs more to start than they take. Blocking: a second
// worker, started when the last records are sent (so its start overlaps the first one's last
// batches), groups and enumerates half the blocking rules (blocking-parallel.ts, `request`); the
// first stops once it has answered, so its dictionaries' memory is gone before blocking's peak.
//
// Only the values preparing reads cross to the worker (strings are copied; no record objects);
// the columns come back on SharedArrayBuffers, so nothing large is copied back. The worker's
// columns equal prepare()'s bit for bit (test/unit/link-front-thread.test.ts).
import { Worker } from 'node:worker_threads';
import { workerBootstrap } from '../workers/bootstrap.js';
import { completePrepared, type Prepared, type PreparedColumns } from './prepare.js';
import type { LinkRecord } from './types.js';
import { hasStoredParts } from './address.js';
import type { BlockingColumns, BlockingOptions, RuleKeys } from './blocking.js';
import type { BlockingRule } from './spec.js';

const bootstrap = workerBootstrap(new URL('./front-worker.js', import.meta.url));

/** Values sent per record (see front-worker.ts for their order). */
export const FIELDS = 18;
/** Records before a worker starts (below, preparing on the calling thread is quicker). */
export const START = 20_000;
/** Records per message. */
const BATCH = 8192;

/** Work for the worker that replies (`id`): see front-worker.ts. */
export type FrontRequest =
  | { kind: 'finish'; count: number }
  | { kind: 'group'; columns: BlockingColumns; rules: BlockingRule[]; maxBlockSize: number }
  | {
      kind: 'enumerate';
      columns: Pick<BlockingColumns, 'n' | 'source'>;
      grouped: RuleKeys[];
      keys: Int32Array;
      rules: number[];
      offsets: number[];
      out: { a: Int32Array; b: Int32Array; rule: Uint8Array };
      options: BlockingOptions;
    };

export type PrepareMessage =
  | { kind: 'rows'; rows: unknown[] }
  /** record index, raw postcode cell; … */
  | { kind: 'postcodes'; cells: Array<number | string | null> }
  | (FrontRequest & { id: number });

/** A reply to request `id`; a failure with id 0 came from a message that wants no reply (rows). */
export type FrontReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

export class FrontThread {
  private rows: unknown[] = [];
  private count = 0;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;

  constructor(private readonly start = START) {}

  /** Index (in order of first sight) of each stored-address parts object sent so far. */
  private readonly partsIndex = new Map<unknown, number>();

  /**
   * The next record, as the loader built it, with its stored address parts as one text (null:
   * none). A home's parts cross once, as text; its later members send the parts' index, so the
   * worker neither copies nor hashes the same long text again. The address text crosses only where
   * no parts are stored (preparing reads it only then), the raw postcode never (`end` sends it).
   */
  add(r: LinkRecord, joinedParts: string | null): void {
    let parts: number | string | null = null;
    if (joinedParts !== null) {
      const key = r.addressParts ?? joinedParts;
      const known = this.partsIndex.get(key);
      if (known === undefined) {
        this.partsIndex.set(key, this.partsIndex.size);
        parts = joinedParts;
      } else parts = known;
    }
    this.rows.push(
      r.sourceId,
      r.forename,
      r.middleNames,
      r.surname,
      r.previousSurname ?? null,
      r.dob,
      r.sex,
      r.postcode,
      hasStoredParts(r.addressParts) ? null : r.address,
      parts,
      r.uprn,
      r.nhsNumber,
      r.nino,
      r.upn,
      r.otherId ?? null,
      r.email ?? null,
      r.phone ?? null,
      r.title ?? null,
    );
    this.count++;
    if (this.count === this.start) this.startWorker();
    if (this.worker && this.rows.length >= BATCH * FIELDS) this.flush();
  }

  /** Whether a worker runs (more than START records came): blocking then shares it. */
  get running(): boolean {
    return this.worker !== null && this.failed === null;
  }

  /** The worker preparing records, while the blocking worker already runs. */
  private preparing: Worker | null = null;

  private startWorker(): void {
    const worker = new Worker(bootstrap, { eval: true });
    this.worker = worker;
    const fail = (error: Error): void => {
      this.failed ??= error;
      for (const p of this.pending.values()) p.reject(this.failed);
      this.pending.clear();
    };
    worker.on('message', (reply: FrontReply) => {
      if (!reply.ok) {
        const error = new Error(`the linker's worker thread failed (${reply.message})`);
        const p = this.pending.get(reply.id);
        if (p) {
          this.pending.delete(reply.id);
          p.reject(error);
        } else fail(error);
        return;
      }
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply.value);
    });
    worker.on('error', (error) => fail(new Error(`the linker's worker thread failed (${error.message})`)));
    worker.on('exit', (code) => {
      if (worker === this.worker || worker === this.preparing) fail(new Error(`the linker's worker thread stopped (code ${code})`));
    });
  }

  /** Sends work to the worker; its reply's value. Rejects with a clear error if the worker fails. */
  request<T>(message: FrontRequest): Promise<T> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('the linker\'s worker thread is not running'));
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    });
    // a failure must not count as unhandled before the caller awaits (a Run failing meanwhile)
    reply.catch(() => {});
    worker.postMessage({ ...message, id } satisfies PrepareMessage);
    return reply;
  }

  private flush(): void {
    if (!this.worker || this.rows.length === 0) return;
    this.worker.postMessage({ kind: 'rows', rows: this.rows } satisfies PrepareMessage);
    this.rows = [];
  }

  /**
   * Every record has loaded (in the order `add` saw them, raw postcodes filled): the prepared
   * columns, or null when too few records came to start a worker (prepare them here).
   */
  end(records: readonly LinkRecord[]): Promise<Prepared> | null {
    if (!this.worker) return null;
    if (records.length !== this.count) throw new Error(`prepare stream: ${this.count} records added, ${records.length} loaded`);
    this.flush();
    // no record comes after the last: the index of homes is garbage from here, not after blocking
    this.partsIndex.clear();
    const cells: Array<number | string | null> = [];
    for (let i = 0; i < records.length; i++) {
      const r = records[i] as LinkRecord;
      if (!r.postcode) cells.push(i, r.postcodeRaw);
    }
    this.worker.postMessage({ kind: 'postcodes', cells } satisfies PrepareMessage);
    const finished = this.request<PreparedColumns>({ kind: 'finish', count: this.count });
    const preparing = this.worker;
    this.preparing = preparing;
    this.startWorker();
    const prepared = finished.then((columns) => {
      this.preparing = null;
      void preparing.terminate();
      return completePrepared(columns, records);
    });
    // awaited by linkPersons; a Run that fails before then must not leave it unhandled
    prepared.catch(() => {});
    return prepared;
  }

  /** Stops the worker (after blocking, or when the Run failed or was cancelled first). */
  async close(): Promise<void> {
    const workers = [this.worker, this.preparing];
    this.worker = null;
    this.preparing = null;
    this.rows = [];
    this.partsIndex.clear();
    this.failed ??= new Error('the linker\'s worker thread was stopped');
    await Promise.all(workers.map((w) => w?.terminate()));
  }
}
