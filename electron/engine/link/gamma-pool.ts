// Computes comparison levels for many pairs across worker threads (one per core, at most the
// configured count). Small batches run inline: a worker costs more to start than they take.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import { workerBootstrap } from '../workers/bootstrap.js';
import { compareRange, type Plan } from './compare.js';
import type { Prepared } from './prepare.js';

const bootstrap = workerBootstrap(new URL('./gamma-worker.js', import.meta.url));

/** Below this many pairs a batch is compared on the calling thread. */
export const INLINE_LIMIT = 400_000;
/**
 * The same once the workers are running (warmUp): then a batch costs them only its messages, and
 * training's samples (a few hundred thousand pairs each) use every core instead of one.
 */
export const WARM_INLINE_LIMIT = 20_000;
const CHUNK = 250_000;

export function sharedBytes(n: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(1, n))).subarray(0, n);
}

export class GammaPool {
  private workers: Worker[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private failed: Error | null = null;
  private data: { prepared: Prepared; plan: Plan } | null = null;

  constructor(private readonly threads = Math.max(1, Math.min(availableParallelism(), 8))) {}

  /** The columns and plan to compare with (sent to workers already running, and to later ones). */
  setData(prepared: Prepared, plan: Plan): void {
    this.data = { prepared, plan };
    for (const w of this.workers) w.postMessage({ init: this.data });
  }

  /** Starts the workers now, so their start-up overlaps the caller's own work. */
  warmUp(): void {
    if (this.workers.length > 0 || this.threads < 2) return;
    for (let w = 0; w < this.threads; w++) {
      const worker = new Worker(bootstrap, { eval: true });
      worker.on('message', (reply: { id: number; ok: boolean; message?: string }) => {
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        if (reply.ok) p.resolve();
        else p.reject(new Error(`comparison worker failed (${reply.message ?? 'error'})`));
      });
      const fail = (error: Error): void => {
        this.failed = error;
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && this.workers.includes(worker)) fail(new Error(`comparison worker stopped (code ${code})`));
      });
      if (this.data) worker.postMessage({ init: this.data });
      this.workers.push(worker);
    }
  }

  private send(worker: Worker, a: Int32Array, b: Int32Array, from: number, to: number, out: Uint8Array): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    const k = this.data?.plan.comparisons.length ?? 0;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, a, b, from, to, out: out.subarray(from * k, to * k) });
    });
  }

  /** Levels for pairs (a[x], b[x]), x < count: K bytes per pair in a shared buffer. */
  async compare(a: Int32Array, b: Int32Array, count: number, job: JobContext, phase: string): Promise<Uint8Array> {
    if (!this.data) throw new Error('GammaPool.compare before setData');
    const { prepared, plan } = this.data;
    const k = plan.comparisons.length;
    const out = sharedBytes(count * k);
    if (count <= (this.workers.length > 0 ? WARM_INLINE_LIMIT : INLINE_LIMIT) || this.threads < 2) {
      for (let from = 0; from < count; from += CHUNK) {
        const to = Math.min(count, from + CHUNK);
        compareRange(prepared, plan, a, b, from, to, out.subarray(from * k, to * k));
        job.progress(phase, to, count);
        job.throwIfCancelled();
        if (to < count) await job.yield();
      }
      job.progress(phase, count, count);
      return out;
    }
    this.warmUp();
    // at least a few chunks a worker, so a training sample is shared out evenly
    const chunk = Math.max(10_000, Math.min(CHUNK, Math.ceil(count / (this.workers.length * 4))));
    let next = 0;
    let done = 0;
    let cancelled = false;
    const onAbort = (): void => {
      cancelled = true;
    };
    job.signal.addEventListener('abort', onAbort);
    try {
      await Promise.all(
        this.workers.map(async (worker) => {
          while (next < count && !cancelled) {
            const from = next;
            const to = Math.min(count, from + chunk);
            next = to;
            await this.send(worker, a, b, from, to, out);
            done += to - from;
            job.progress(phase, done, count);
          }
        }),
      );
    } finally {
      job.signal.removeEventListener('abort', onAbort);
    }
    job.throwIfCancelled();
    if (cancelled) throw new WorkbenchError('cancelled', 'The job was cancelled; nothing was changed.');
    return out;
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
