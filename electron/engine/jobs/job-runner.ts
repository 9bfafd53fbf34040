import { randomBytes } from 'node:crypto';
import type { EngineEvent, JobChannel } from '../../../shared/ipc/contract.js';
import type { Result } from '../../../shared/ipc/result.js';
import { createJobContext, type JobContext } from './job-context.js';

type Work = (job: JobContext) => Promise<unknown>;

/**
 * Runs jobs one at a time (they share the store's single writer) and reports progress and the
 * finished Result as events. Starting returns the job id at once; the UI never waits on a job.
 */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly emit: (event: EngineEvent) => void,
    private readonly toResult: (work: () => Promise<unknown>) => Promise<Result<unknown>>,
  ) {}

  start(channel: JobChannel, work: Work): string {
    const id = `job_${randomBytes(6).toString('hex')}`;
    const controller = new AbortController();
    this.running.set(id, controller);
    const job = createJobContext(controller.signal, (phase, done, total) =>
      this.emit({ type: 'job:progress', job: id, phase, done, total }),
    );
    this.queue = this.queue.then(async () => {
      // Let the caller receive the job id before the first event.
      await new Promise((resolve) => setImmediate(resolve));
      const result = await this.toResult(async () => {
        job.throwIfCancelled();
        return work(job);
      });
      this.running.delete(id);
      this.emit({ type: 'job:finished', job: id, channel, result });
    });
    return id;
  }

  /** A job is queued or running. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  cancel(id: string): boolean {
    const controller = this.running.get(id);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Resolves when every queued job has finished, including jobs queued as others finished. */
  async idle(): Promise<void> {
    for (let queue = this.queue; ; queue = this.queue) {
      await queue;
      if (queue === this.queue) return;
    }
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
