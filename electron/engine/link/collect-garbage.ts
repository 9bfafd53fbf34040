// A full garbage collection, on request. Between the person stage and the household stage a
// million-record Run leaves some 200 MB of dead typed arrays (the candidate pairs, their levels
// and weights) in the old generation, where V8 would only find them at its next major
// collection, well into the household stage. With the Run's write on a worker beside that stage
// (run-write-thread.ts), that garbage sat under the worker's memory and the Run's peak passed
// 2 GB (2,058 MB; 1,788 MB with this collection first: test/bench/RESULTS.md). V8 offers no call
// for it without --expose-gc, which can be set once the process runs; `gc` is then taken from a
// fresh context, so the engine's own global never gains it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/** Collects garbage now (all generations); does nothing where the runtime refuses. */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
