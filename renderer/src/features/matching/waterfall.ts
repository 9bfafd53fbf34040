// The waterfall of a pair: the prior, then each comparison's weight added in turn, ending at the
// pair's match weight. Each step keeps where it starts and ends, for the chart's floating bars.

export interface WaterfallStep {
  label: string;
  detail: string;
  weight: number;
  start: number;
  end: number;
  kind: 'prior' | 'comparison' | 'total';
}

export function waterfallSteps(priorWeight: number, comparisons: ReadonlyArray<{ name: string; level: string; weight: number }>): WaterfallStep[] {
  const steps: WaterfallStep[] = [{ label: 'Starting point', detail: 'how likely any two records are to match', weight: priorWeight, start: 0, end: priorWeight, kind: 'prior' }];
  let at = priorWeight;
  for (const c of comparisons) {
    steps.push({ label: c.name, detail: c.level, weight: c.weight, start: at, end: at + c.weight, kind: 'comparison' });
    at += c.weight;
  }
  steps.push({ label: 'Match weight', detail: 'the total', weight: at, start: 0, end: at, kind: 'total' });
  return steps;
}

/** The span the chart must show: every step's start and end, and zero. */
export function waterfallExtent(steps: readonly WaterfallStep[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const s of steps) {
    min = Math.min(min, s.start, s.end);
    max = Math.max(max, s.start, s.end);
  }
  return { min: Math.floor(min), max: Math.ceil(max) };
}
