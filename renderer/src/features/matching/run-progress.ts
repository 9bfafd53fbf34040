// What a linkage run is doing, in plain words, and roughly how long the current step has left.

const PHASES: Record<string, string> = {
  loading: 'Reading the records',
  preparing: 'Preparing names, dates and addresses',
  blocking: 'Finding pairs worth comparing',
  comparing: 'Comparing pairs of records',
  training: 'Learning what a match looks like',
  scoring: 'Scoring each pair',
  clustering: 'Grouping records into people',
  households: 'Placing people in households',
  saving: 'Saving the results',
  outcomes: 'Preparing the neighbourhood outcomes',
};

export function phaseLabel(phase: string): string {
  return PHASES[phase] ?? phase;
}

export interface PhaseClock {
  phase: string;
  /** when the phase was first reported, and its count then (ms) */
  startedAt: number;
  startDone: number;
}

/** Starts a new clock when the phase changes, keeps the old one otherwise. */
export function nextClock(clock: PhaseClock | null, phase: string, done: number, now: number): PhaseClock {
  return clock && clock.phase === phase ? clock : { phase, startedAt: now, startDone: done };
}

/**
 * Seconds left in the current phase at the rate seen so far, or null until the rate means
 * something (a total reported, two seconds gone and some of the work done).
 */
export function secondsLeft(clock: PhaseClock, done: number, total: number, now: number): number | null {
  const elapsed = (now - clock.startedAt) / 1000;
  const progressed = done - clock.startDone;
  if (total <= 0 || done >= total || elapsed < 2 || progressed <= 0 || done / total < 0.02) return null;
  return ((total - done) * elapsed) / progressed;
}

/** "About 40 seconds left in this step", "About 3 minutes left in this step". */
export function describeSecondsLeft(seconds: number): string {
  if (seconds < 10) return 'A few seconds left in this step';
  if (seconds < 55) return `About ${Math.round(seconds / 10) * 10} seconds left in this step`;
  const minutes = Math.round(seconds / 60);
  return `About ${minutes} minute${minutes === 1 ? '' : 's'} left in this step`;
}
