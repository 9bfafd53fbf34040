// Stable IDs: a re-run keeps each person's (and household's) ID by overlap with the previous
// run — the new cluster holding most of an old ID's members keeps it; merges and splits are
// recorded so an analyst can follow an ID that disappeared.

export interface IdEvent {
  kind: 'merge' | 'split';
  /** merge: the ID kept; split: the ID that was split */
  id: string;
  /** merge: the IDs merged into `id`; split: the IDs the other parts received */
  others: string[];
}

export interface StableIds {
  /** ID per current cluster index */
  ids: string[];
  kept: number;
  created: number;
  /** previous IDs no current cluster carries (merged away or members gone) */
  retired: string[];
  events: IdEvent[];
}

/**
 * Assigns IDs to clusters 0..count−1. `memberKey[i]` identifies member i across runs (a record
 * id, or a person's stable ID for households), `clusterOf[i]` is its current cluster, and
 * `previous` maps member keys to last run's IDs. New IDs come from `mint()`.
 */
export function assignStableIds<K>(
  memberKeys: ArrayLike<K>,
  clusterOf: ArrayLike<number>,
  count: number,
  previous: ReadonlyMap<K, string>,
  mint: () => string,
): StableIds {
  // overlap[(cluster, oldId)] = members in common
  const overlap = new Map<number, Map<string, number>>();
  const oldSizes = new Map<string, number>();
  for (const id of previous.values()) oldSizes.set(id, (oldSizes.get(id) ?? 0) + 1);
  for (let i = 0; i < memberKeys.length; i++) {
    const old = previous.get(memberKeys[i] as K);
    if (old === undefined) continue;
    const c = clusterOf[i] as number;
    let row = overlap.get(c);
    if (!row) overlap.set(c, (row = new Map()));
    row.set(old, (row.get(old) ?? 0) + 1);
  }
  const candidates: Array<{ cluster: number; old: string; shared: number }> = [];
  for (const [cluster, row] of overlap) for (const [old, shared] of row) candidates.push({ cluster, old, shared });
  // most shared first; ties to the lower old ID, then the lower cluster, so runs are reproducible
  candidates.sort((a, b) => b.shared - a.shared || (a.old < b.old ? -1 : a.old > b.old ? 1 : 0) || a.cluster - b.cluster);
  const ids: Array<string | undefined> = new Array(count);
  const taken = new Set<string>();
  let kept = 0;
  for (const { cluster, old } of candidates) {
    if (ids[cluster] !== undefined || taken.has(old)) continue;
    ids[cluster] = old;
    taken.add(old);
    kept++;
  }
  let created = 0;
  for (let c = 0; c < count; c++) {
    if (ids[c] === undefined) {
      ids[c] = mint();
      created++;
    }
  }
  const events: IdEvent[] = [];
  for (const [cluster, row] of overlap) {
    if (row.size < 2) continue;
    const id = ids[cluster] as string;
    const others = [...row.keys()].filter((o) => o !== id).sort();
    if (others.length > 0) events.push({ kind: 'merge', id, others });
  }
  const partsOf = new Map<string, string[]>();
  for (const [cluster, row] of overlap) for (const old of row.keys()) (partsOf.get(old) ?? partsOf.set(old, []).get(old)!).push(ids[cluster] as string);
  for (const [old, parts] of partsOf) {
    if (parts.length < 2) continue;
    events.push({ kind: 'split', id: old, others: parts.filter((p) => p !== old).sort() });
  }
  events.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.kind < b.kind ? -1 : 1));
  const retired = [...oldSizes.keys()].filter((id) => !taken.has(id)).sort();
  return { ids: ids as string[], kept, created, retired, events };
}
