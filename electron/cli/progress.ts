import { createJobContext, type JobContext } from '../engine/jobs/job-context.js';

/** A progress line on a terminal (percent when the total is known, else a count); silent otherwise. */
export function progressReporter(unit = ''): JobContext {
  const tty = process.stderr.isTTY;
  return createJobContext(new AbortController().signal, (phase, done, total) => {
    if (!tty) return;
    const amount = total > 0 ? `${Math.floor((done / total) * 100)}%` : `${done}${unit ? ` ${unit}` : ''}`;
    process.stderr.write(`\r${phase}: ${amount}   `);
    if (total > 0 && done >= total) process.stderr.write('\r\x1b[K');
  });
}
