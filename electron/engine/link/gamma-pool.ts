// Computes comparison levels — and then match weights and waterfalls — for many pairs across
// worker threads (one per core, at most the configured count). Small batches run inline: a
// worker costs more to start than they take.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { JobContext } from '../jobs/job-context.js';
import { workerBootstrap } from '../workers/bootstrap.js';
import { compareRange, type Plan } from './compare.js';
import { explainRange, rescoreRange, scoreRange, type Model, type ScoringModels, type SurnameLift, type TfChange } from './model.js';
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

/** Whether workers can write into the array (its memory is shared, not copied into the message). */
const isShared = (array: ArrayBufferView): boolean => array.buffer instanceof SharedArrayBuffer;

export class GammaPool {
  private workers: Worker[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: number) => void; reject: (e: Error) => void }>();
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
      worker.on('message', (reply: { id: number; ok: boolean; value?: number; message?: string }) => {
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        if (reply.ok) p.resolve(reply.value ?? 0);
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

  private send(worker: Worker, message: { kind: string } & Record<string, unknown>): Promise<number> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  }

  /**
   * Pairs [0, count) shared out among the workers in chunks, `task` making each chunk's message;
   * the sum of the workers' replies (a count, for tasks that return one).
   */
  private async spread(count: number, job: JobContext, phase: string, task: (from: number, to: number) => { kind: string } & Record<string, unknown>): Promise<number> {
    // at least a few chunks a worker, so a training sample is shared out evenly
    const chunk = Math.max(10_000, Math.min(CHUNK, Math.ceil(count / (this.workers.length * 4))));
    let next = 0;
    let done = 0;
    let sum = 0;
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
            // awaited first: `sum += await …` would read sum before the wait and lose the other workers' counts
            const value = await this.send(worker, task(from, to));
            sum += value;
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
    return sum;
  }

  /** Whether a batch of `count` pairs goes to the workers (else it runs on the calling thread). */
  private parallel(count: number): boolean {
    return this.threads >= 2 && count > (this.workers.length > 0 ? WARM_INLINE_LIMIT : INLINE_LIMIT);
  }

  /** Runs `range` over [0, count) in chunks on the calling thread, with progress; the sum of what it returns. */
  private async inline(count: number, job: JobContext, phase: string, range: (from: number, to: number) => number | void): Promise<number> {
    let sum = 0;
    for (let from = 0; from < count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK);
      sum += range(from, to) ?? 0;
      job.progress(phase, to, count);
      job.throwIfCancelled();
      if (to < count) await job.yield();
    }
    job.progress(phase, count, count);
    return sum;
  }

  /** Levels for pairs (a[x], b[x]), x < count: K bytes per pair in a shared buffer. */
  async compare(a: Int32Array, b: Int32Array, count: number, job: JobContext, phase: string): Promise<Uint8Array> {
    if (!this.data) throw new Error('GammaPool.compare before setData');
    const { prepared, plan } = this.data;
    const k = plan.comparisons.length;
    const out = sharedBytes(count * k);
    if (!this.parallel(count)) {
      await this.inline(count, job, phase, (from, to) => compareRange(prepared, plan, a, b, from, to, out.subarray(from * k, to * k)));
      return out;
    }
    this.warmUp();
    await this.spread(count, job, phase, (from, to) => ({ kind: 'compare', a, b, from, to, out: out.subarray(from * k, to * k) }));
    return out;
  }

  /** Sends a scoring model (or pair of models) to the workers, to be used by the scoring tasks after it. */
  private setModels(models: ScoringModels): void {
    for (const w of this.workers) w.postMessage({ models });
  }

  /**
   * Every pair's match weight under `model` into `weight` (pairWeight): on the workers when the
   * pairs are many, as the comparisons were.
   */
  async score(model: Model, gammas: Uint8Array, a: Int32Array, b: Int32Array, count: number, weight: Float32Array, job: JobContext): Promise<void> {
    if (!this.parallel(count) || !isShared(weight)) {
      await this.inline(count, job, 'scoring', (from, to) => scoreRange(model, gammas, a, b, from, to, weight));
      return;
    }
    this.warmUp();
    this.setModels({ score: model });
    await this.spread(count, job, 'scoring', (from, to) => ({ kind: 'score', gammas, a, b, from, to, weight }));
  }

  /** rescoreRange over every pair (see model.ts); returns how many pairs were scored again. */
  async rescore(change: TfChange, lift: SurnameLift, floor: number, gammas: Uint8Array, a: Int32Array, b: Int32Array, count: number, weight: Float32Array, job: JobContext): Promise<number> {
    if (!this.parallel(count) || !isShared(weight)) {
      return this.inline(count, job, 'scoring', (from, to) => rescoreRange(change, lift, floor, gammas, a, b, from, to, weight));
    }
    this.warmUp();
    this.setModels({ change });
    return this.spread(count, job, 'scoring', (from, to) => ({ kind: 'rescore', lift, floor, gammas, a, b, from, to, weight }));
  }

  /** explainRange for the kept pairs (pair indexes `kept`, ascending) into their levels and waterfalls. */
  async explain(model: Model, gammas: Uint8Array, a: Int32Array, b: Int32Array, kept: Int32Array, levels: Uint8Array, weights: Float32Array, job: JobContext): Promise<void> {
    const count = kept.length;
    if (!this.parallel(count) || !isShared(kept) || !isShared(levels) || !isShared(weights)) {
      await this.inline(count, job, 'scoring', (from, to) => explainRange(model, gammas, a, b, kept, from, to, levels, weights));
      return;
    }
    this.warmUp();
    this.setModels({ score: model });
    await this.spread(count, job, 'scoring', (from, to) => ({ kind: 'explain', gammas, a, b, kept, from, to, levels, weights }));
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
