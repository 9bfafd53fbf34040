// The threshold the next linkage run uses, and where the review band starts, as chosen on the
// Matching page. Kept in the store's meta table so they survive restarts and apply to every user.
import type { MatchingSettings } from '../../../shared/ipc/channels/matching.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { defaultMatchSpec } from '../link/spec.js';
import type { Store } from '../store/store.js';

const THRESHOLD_KEY = 'matching.threshold';
const REVIEW_FROM_KEY = 'matching.review_from';

/** Below the default threshold, pairs from an even chance of a match upwards are worth a look. */
const DEFAULT_REVIEW_FROM = 0.5;

const asProbability = (value: string | null): number | null => {
  if (value === null) return null;
  const p = Number(value);
  return p > 0 && p < 1 ? p : null;
};

export function matchingSettings(store: Store): MatchingSettings {
  const saved = asProbability(store.meta(THRESHOLD_KEY));
  const threshold = saved ?? defaultMatchSpec().threshold;
  const reviewFrom = asProbability(store.meta(REVIEW_FROM_KEY)) ?? Math.min(DEFAULT_REVIEW_FROM, threshold);
  return { threshold, reviewFrom: Math.min(reviewFrom, threshold), saved: saved !== null };
}

/** Saves the band; the next run links at `threshold`. Audited with the two numbers only. */
export function saveMatchingSettings(store: Store, user: string, band: { threshold: number; reviewFrom: number }): MatchingSettings {
  if (!(band.reviewFrom <= band.threshold)) throw new WorkbenchError('bad-input', 'Review must start at or below the threshold for linking.');
  store.writer.transaction(() => {
    store.setMeta(THRESHOLD_KEY, String(band.threshold));
    store.setMeta(REVIEW_FROM_KEY, String(band.reviewFrom));
    store.audit(user, 'matching-threshold', { threshold: band.threshold, reviewFrom: band.reviewFrom });
  })();
  return matchingSettings(store);
}

/** The threshold a run started from the page uses: the one asked for, else the saved one. */
export function runThreshold(store: Store, requested: number | undefined): number | undefined {
  if (requested !== undefined) return requested;
  const settings = matchingSettings(store);
  return settings.saved ? settings.threshold : undefined;
}
