// Pairwise precision / recall / F1 of a predicted clustering against a truth clustering of the
// same items, from contingency counts (never enumerating pairs): a pair is "predicted" when both
// items share a predicted label, "true" when they share a truth label.

export interface PairwiseScore {
  /** pairs in the same predicted cluster and the same true cluster */
  truePositives: number;
  /** pairs in the same predicted cluster */
  predictedPairs: number;
  /** pairs in the same true cluster */
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

function countPairs<T>(labels: ArrayLike<T>, keep?: (i: number) => boolean): number {
  const sizes = new Map<T, number>();
  for (let i = 0; i < labels.length; i++) {
    if (keep && !keep(i)) continue;
    const l = labels[i] as T;
    sizes.set(l, (sizes.get(l) ?? 0) + 1);
  }
  let total = 0;
  for (const n of sizes.values()) total += pairs(n);
  return total;
}

/**
 * Scores `predicted` against `truth` (parallel arrays of labels, one per item). Labels may be any
 * values comparable with `===` (numbers or strings). For a two-source link (e.g. FEBRL4, where
 * only A–B pairs count) pass `group`: `group[i]` names item i's side and only pairs across sides
 * are counted.
 * With no pairs in either labelling, precision and recall are 1 (nothing claimed, nothing missed).
 */
export function pairwiseScore<P, T>(predicted: ArrayLike<P>, truth: ArrayLike<T>, group?: ArrayLike<number>): PairwiseScore {
  if (predicted.length !== truth.length) throw new Error(`pairwiseScore: ${predicted.length} predicted labels for ${truth.length} truth labels`);
  let tp: number;
  let pp: number;
  let tt: number;
  if (!group) {
    const cells = new Map<P, Map<T, number>>();
    for (let i = 0; i < predicted.length; i++) {
      const p = predicted[i] as P;
      let row = cells.get(p);
      if (!row) cells.set(p, (row = new Map()));
      const t = truth[i] as T;
      row.set(t, (row.get(t) ?? 0) + 1);
    }
    tp = 0;
    for (const row of cells.values()) for (const n of row.values()) tp += pairs(n);
    pp = countPairs(predicted);
    tt = countPairs(truth);
  } else {
    if (group.length !== predicted.length) throw new Error('pairwiseScore: group must be parallel to the labels');
    // Cross-group pairs within a cluster = all pairs − Σ within-group pairs.
    const cross = <L>(labels: ArrayLike<L>): number => {
      const byLabel = new Map<L, Map<number, number>>();
      for (let i = 0; i < labels.length; i++) {
        const l = labels[i] as L;
        let row = byLabel.get(l);
        if (!row) byLabel.set(l, (row = new Map()));
        const g = group[i] as number;
        row.set(g, (row.get(g) ?? 0) + 1);
      }
      let total = 0;
      for (const row of byLabel.values()) {
        let n = 0;
        let within = 0;
        for (const k of row.values()) {
          n += k;
          within += pairs(k);
        }
        total += pairs(n) - within;
      }
      return total;
    };
    const joint: string[] = [];
    for (let i = 0; i < predicted.length; i++) joint.push(`${String(predicted[i])}\u0000${String(truth[i])}`);
    tp = cross(joint);
    pp = cross(predicted);
    tt = cross(truth);
  }
  const precision = pp === 0 ? 1 : tp / pp;
  const recall = tt === 0 ? 1 : tp / tt;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, predictedPairs: pp, truePairs: tt, precision, recall, f1 };
}
