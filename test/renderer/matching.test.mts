import { describe, expect, it } from 'vitest';
import { describeSecondsLeft, nextClock, phaseLabel, secondsLeft } from '../../renderer/src/features/matching/run-progress.js';
import { waterfallExtent, waterfallSteps } from '../../renderer/src/features/matching/waterfall.js';
import {
  formatProbability,
  formatWeight,
  niceTicks,
  probabilityOf,
  sliderRange,
  thresholdFromWeight,
  weightOf,
} from '../../renderer/src/features/matching/weight-scale.js';

describe('match weights and probabilities', () => {
  it.each([0.01, 0.5, 0.9, 0.99, 0.999])('weight and probability convert both ways (%s)', (p) => {
    expect(probabilityOf(weightOf(p))).toBeCloseTo(p, 12);
  });

  it('the default threshold 0.9 is about +3.2 bits, and even odds is 0', () => {
    expect(weightOf(0.9)).toBeCloseTo(3.17, 2);
    expect(weightOf(0.5)).toBe(0);
  });

  it.each([
    [0.9, '90%'],
    [0.5, '50%'],
    [0.955, '95.5%'],
    [0.9912, '99.12%'],
    [0.00321, '0.32%'],
    [0.999999, '>99.99%'],
    [0.00001, '<0.01%'],
  ])('formats probability %s as %s', (p, text) => {
    expect(formatProbability(p)).toBe(text);
  });

  it('formats weights with their sign', () => {
    expect(formatWeight(3.17)).toBe('+3.2');
    expect(formatWeight(-12.04)).toBe('−12.0');
    expect(formatWeight(0.02)).toBe('0');
  });

  it('a slider weight becomes a probability the engine accepts, however far out', () => {
    for (const w of [-60, -3, 0, 3.2, 25, 60]) {
      const p = thresholdFromWeight(w);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
    expect(thresholdFromWeight(weightOf(0.9))).toBe(0.9);
    // far up the scale, nearby weights are still different thresholds
    expect(thresholdFromWeight(25)).toBeLessThan(thresholdFromWeight(28));
  });

  it('ticks are round and cover the range', () => {
    expect(niceTicks(-12, 18, 6)).toEqual([-10, -5, 0, 5, 10, 15]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('the slider spans the histogram but never below the floor of stored pairs', () => {
    const bins = [{ from: -8 }, { from: -7 }, { from: 14 }];
    expect(sliderRange(bins, 1, -6.6)).toEqual({ min: -7, max: 15 });
    expect(sliderRange([], 1, -6.6)).toEqual({ min: -7, max: 20 });
  });
});

describe('run progress', () => {
  it('names every engine phase in plain words, and passes unknown ones through', () => {
    for (const phase of ['loading', 'preparing', 'blocking', 'comparing', 'training', 'scoring', 'clustering', 'households', 'saving']) {
      expect(phaseLabel(phase)).not.toBe(phase);
    }
    expect(phaseLabel('Something new')).toBe('Something new');
  });

  it('estimates time left from the rate within the current phase only', () => {
    let clock = nextClock(null, 'comparing', 0, 0);
    expect(secondsLeft(clock, 100, 1000, 1000)).toBeNull(); // too early to say
    expect(secondsLeft(clock, 250, 1000, 5000)).toBeCloseTo(15, 5); // 250 in 5 s → 750 left in 15 s
    clock = nextClock(clock, 'comparing', 300, 6000);
    expect(clock.startedAt).toBe(0);
    clock = nextClock(clock, 'scoring', 0, 7000);
    expect(clock).toEqual({ phase: 'scoring', startedAt: 7000, startDone: 0 });
    expect(secondsLeft(clock, 50, 0, 10000)).toBeNull(); // no total reported
  });

  it('describes time left in words', () => {
    expect(describeSecondsLeft(4)).toBe('A few seconds left in this step');
    expect(describeSecondsLeft(44)).toBe('About 40 seconds left in this step');
    expect(describeSecondsLeft(61)).toBe('About 1 minute left in this step');
    expect(describeSecondsLeft(200)).toBe('About 3 minutes left in this step');
  });
});

describe('waterfall', () => {
  it('steps start where the previous one ended and end at the match weight', () => {
    const steps = waterfallSteps(-10, [
      { name: 'forename', level: 'exact', weight: 6 },
      { name: 'date of birth', level: 'different', weight: -4 },
      { name: 'postcode', level: 'full postcode', weight: 9.5 },
    ]);
    expect(steps.map((s) => [s.start, s.end])).toEqual([
      [0, -10],
      [-10, -4],
      [-4, -8],
      [-8, 1.5],
      [0, 1.5],
    ]);
    expect(steps.at(-1)?.kind).toBe('total');
    expect(waterfallExtent(steps)).toEqual({ min: -10, max: 2 });
  });
});
