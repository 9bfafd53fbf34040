// Blocking: a union of rules, each joining records whose keys all agree. Before any scoring the
// analysis counts comparisons per rule and names the largest blocks; blocks above the size cap
// are skipped (a placeholder value is not evidence) and too many comparisons in all is refused.
// Pairs are emitted once, by the first rule that finds them (Splink's "not caught by an earlier
// rule" de-duplication), as parallel Int32Arrays with i < j.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { i32, type Prepared } from './prepare.js';

const sharedU8 = (n: number): Uint8Array => new Uint8Array(new SharedArrayBuffer(Math.max(1, n))).subarray(0, n);
import { birthYearKey } from './dob-year.js';
import type { BlockingKey, BlockingRule, MatchSpec } from './spec.js';

export interface BlockSummary {
  /** the block's key values, for people to read */
  key: string;
  records: number;
  comparisons: number;
}

export interface RuleAnalysis {
  rule: string;
  keys: BlockingKey[];
  /** records with every key present */
  records: number;
  blocks: number;
  /** pairs within this rule's blocks (before removing pairs an earlier rule found) */
  comparisons: number;
  /** pairs this rule adds to those of the rules before it (after linkType and source filters) */
  newComparisons: number;
  largestBlocks: BlockSummary[];
  /** blocks skipped for exceeding maxBlockSize */
  skippedBlocks: BlockSummary[];
  /** when the rule made more comparisons than its cap: its largest blocks left out (see capRule) */
  capped?: { blocks: number; records: number; comparisonsBefore: number; comparisonsAfter: number; largest: string };
}

export interface BlockingAnalysis {
  records: number;
  rules: RuleAnalysis[];
  /** candidate pairs after de-duplication and filters */
  totalComparisons: number;
  /** all possible pairs under the link type, for scale */
  possibleComparisons: number;
  /** broad rules that gave way to narrower ones on this data */
  narrowed: string[];
  /** rules whose largest blocks were left out to keep them under their comparison cap */
  capped: string[];
  warnings: string[];
}

/** One rule's records grouped by composite key id. */
export interface RuleKeys {
  rule: BlockingRule;
  /** composite key id per record, −1 when a key is missing */
  key: Int32Array;
  /** 1 when the key's block was skipped as too large, 2 when left out by the rule's comparison cap */
  skipped: Uint8Array;
  /** records sorted by key, and block start offsets */
  order: Int32Array;
  starts: Int32Array;
  /** for rules with onlyIfMissing: 1 where the record lacks that field (a pair needs one such record) */
  missing: Uint8Array | null;
  /** set by capRule when the rule's largest blocks were left out */
  cappedInfo?: { blocks: number; records: number; comparisonsBefore: number; comparisonsAfter: number; cap: number };
}

export interface CandidatePairs {
  a: Int32Array;
  b: Int32Array;
  /** index of the rule that found each pair */
  rule: Uint8Array;
  count: number;
}

/** Key values per record (≥ 0, or −1 when missing): one array, or two for nameSounds. */
function keyParts(p: BlockingColumns, key: BlockingKey): Int32Array[] {
  if (key !== 'nameSounds') return [keyValues(p, key)];
  const n = p.n;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = p.fn[i] as number;
    const s = p.sn[i] as number;
    const a = f >= 0 ? (p.nameSoundex[f] as number) : -1;
    const b = s >= 0 ? (p.nameSoundex[s] as number) : -1;
    if (a < 0 || b < 0) {
      lo[i] = -1;
      hi[i] = -1;
    } else {
      lo[i] = a < b ? a : b;
      hi[i] = a < b ? b : a;
    }
  }
  return [lo, hi];
}

/** Keys that are a prepared column as it stands (an interned id per record, −1 missing). */
const COLUMN_OF_KEY = {
  dob: 'dob',
  forename: 'fn',
  surname: 'sn',
  postcode: 'pc',
  postcodeSector: 'pcSector',
  place: 'place',
  uprn: 'uprn',
  nhsNumber: 'nhs',
  nino: 'nino',
  upn: 'upn',
  otherId: 'otherId',
  email: 'email',
  phone: 'phone',
} as const satisfies Partial<Record<BlockingKey, keyof BlockingColumns>>;

function keyValues(p: BlockingColumns, key: BlockingKey): Int32Array {
  // grouping only reads a key's values, so a column serves as it is
  if (key in COLUMN_OF_KEY) return p[COLUMN_OF_KEY[key as keyof typeof COLUMN_OF_KEY]];
  const n = p.n;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = derivedKey(p, key, i);
  return out;
}

/** A key computed from the prepared columns: parts of the date of birth, a name's sound or initial. */
function derivedKey(p: BlockingColumns, key: BlockingKey, i: number): number {
  switch (key) {
    case 'birthYear':
      return birthYearKey(p, i);
    case 'birthMonthDay':
      return (p.dob[i] as number) >= 0 ? (p.dobM[i] as number) * 32 + (p.dobD[i] as number) : -1;
    case 'birthMonth':
      return (p.dob[i] as number) >= 0 ? (p.dobM[i] as number) : -1;
    case 'forenamePhonetic':
      return nameIndexed(p.nameSoundex, p.fn[i] as number);
    case 'surnamePhonetic':
      return nameIndexed(p.nameSoundex, p.sn[i] as number);
    case 'forenameInitial':
      return initialOf(p.names, p.fn[i] as number);
    case 'surnameInitial':
      return initialOf(p.names, p.sn[i] as number);
    default:
      return -1;
  }
}

function nameIndexed(table: ArrayLike<number>, name: number): number {
  return name >= 0 ? (table[name] as number) : -1;
}

function initialOf(names: readonly string[], name: number): number {
  return name >= 0 ? (names[name] as string).charCodeAt(0) : -1;
}

function describeKey(p: Prepared, key: BlockingKey, i: number): string {
  switch (key) {
    case 'dob':
      return `${p.dobY[i]}-${String(p.dobM[i]).padStart(2, '0')}-${String(p.dobD[i]).padStart(2, '0')}`;
    case 'birthYear':
      return String(birthYearKey(p, i));
    case 'birthMonth':
      return `month ${p.dobM[i]}`;
    case 'birthMonthDay':
      return `--${String(p.dobM[i]).padStart(2, '0')}-${String(p.dobD[i]).padStart(2, '0')}`;
    case 'forename':
    case 'forenameInitial':
    case 'forenamePhonetic': {
      const name = p.names[p.fn[i] as number] as string;
      return key === 'forename' ? name : key === 'forenameInitial' ? name.charAt(0) : `${name}…`;
    }
    case 'surnameInitial':
      return (p.names[p.sn[i] as number] as string).charAt(0);
    case 'nameSounds':
      return `${p.names[p.fn[i] as number]}… ${p.names[p.sn[i] as number]}…`;
    case 'surname':
    case 'surnamePhonetic': {
      const name = p.names[p.sn[i] as number] as string;
      return key === 'surname' ? name : `${name}…`;
    }
    case 'postcode':
      return p.postcodes[p.pc[i] as number] as string;
    case 'postcodeSector':
      return p.postcodes[p.pcSector[i] as number] as string;
    case 'place':
      return '(an address)';
    case 'uprn':
      return p.uprns[p.uprn[i] as number] as string;
    case 'nhsNumber':
    case 'nino':
    case 'upn':
    case 'otherId':
      return '(an identifier)';
    case 'email':
    case 'phone':
      return '(a contact detail)';
  }
}

/**
 * Groups records by all of a rule's key parts with an LSD radix sort (one stable counting sort
 * per part, last part first): no hashing, no per-record objects. Returns dense block ids per
 * record (−1 when a part is missing), the records in block order, and block starts.
 */
function groupByParts(n: number, parts: Int32Array[]): { key: Int32Array; order: Int32Array; starts: Int32Array } {
  let count = 0;
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let ok = 1;
    for (const part of parts) if ((part[i] as number) < 0) ok = 0;
    valid[i] = ok;
    count += ok;
  }
  // on SharedArrayBuffers, as the other arrays a rule keeps: blocking runs on two threads (blocking-parallel.ts)
  let order = i32(count);
  for (let i = 0, c = 0; i < n; i++) if (valid[i]) order[c++] = i;
  let scratch = i32(count);
  for (let q = parts.length - 1; q >= 0; q--) {
    const part = parts[q] as Int32Array;
    let max = 0;
    for (let x = 0; x < count; x++) {
      const v = part[order[x] as number] as number;
      if (v > max) max = v;
    }
    const buckets = new Int32Array(max + 2);
    for (let x = 0; x < count; x++) buckets[(part[order[x] as number] as number) + 1]!++;
    for (let v = 0; v <= max; v++) buckets[v + 1]! += buckets[v] as number;
    for (let x = 0; x < count; x++) {
      const r = order[x] as number;
      scratch[buckets[part[r] as number]!++] = r;
    }
    [order, scratch] = [scratch, order];
  }
  const key = i32(n).fill(-1);
  const startList: number[] = [];
  let block = -1;
  for (let x = 0; x < count; x++) {
    const r = order[x] as number;
    let same = x > 0;
    if (same) {
      const prev = order[x - 1] as number;
      for (const part of parts) {
        if (part[r] !== part[prev]) {
          same = false;
          break;
        }
      }
    }
    if (!same) {
      block++;
      startList.push(x);
    }
    key[r] = block;
  }
  startList.push(count);
  const starts = i32(startList.length);
  starts.set(startList);
  return { key, order, starts };
}

export interface BlockingOptions {
  linkType: MatchSpec['linkType'];
  maxBlockSize: number;
  /** source indexes (into Prepared.sourceIds) whose records never pair within the source */
  noDuplicatesWithin: ReadonlySet<number>;
}

/** The rules a blocking actually used, after broad rules gave way to narrower ones. */
export interface EffectiveRules {
  grouped: RuleKeys[];
  /** e.g. 'date of birth (21,935,906 comparisons, 22.3 per record) → date of birth + forename initial; …' */
  narrowed: string[];
}

/**
 * Groups records for every rule, replacing a broad rule by its `narrowTo` rules when it would
 * make more than `narrowAbove` comparisons per record.
 */
export function effectiveRules(p: Prepared, rules: readonly BlockingRule[], maxBlockSize: number, capPerRecord = RULE_CAP_PER_RECORD): EffectiveRules {
  const out = uncappedRules(p, rules, maxBlockSize);
  const cap = Math.max(RULE_CAP_FLOOR, Math.round(capPerRecord * p.n));
  for (const g of out.grouped) capRule(g, cap);
  return out;
}

/**
 * Comparisons per record one rule may make before its largest blocks are left out. A rule that
 * passes this is dominated by a few huge blocks (a common name sound among records with no date
 * of birth: 4.8M of 5.1M comparisons on one historical set) whose pairs are mostly strangers.
 */
export const RULE_CAP_PER_RECORD = 25;
/** Under this many comparisons a rule is never capped (small data sets compare freely). */
export const RULE_CAP_FLOOR = 250_000;

/** Leaves out a rule's largest blocks, biggest first, until its comparisons are within `cap`. */
export function capRule(g: RuleKeys, cap: number): void {
  const blocks = g.starts.length - 1;
  let total = 0;
  const live: number[] = [];
  for (let k = 0; k < blocks; k++) {
    if (g.skipped[k]) continue;
    const pairs = blockPairs(g, k);
    total += pairs;
    if (pairs > 0) live.push(k);
  }
  if (total <= cap) return;
  const before = total;
  live.sort((x, y) => blockPairs(g, y) - blockPairs(g, x));
  let records = 0;
  let count = 0;
  for (const k of live) {
    if (total <= cap) break;
    total -= blockPairs(g, k);
    g.skipped[k] = 2;
    records += (g.starts[k + 1] as number) - (g.starts[k] as number);
    count++;
  }
  g.cappedInfo = { blocks: count, records, comparisonsBefore: before, comparisonsAfter: total, cap };
}

function uncappedRules(p: Prepared, rules: readonly BlockingRule[], maxBlockSize: number): EffectiveRules {
  const grouped: RuleKeys[] = [];
  const narrowed: string[] = [];
  for (const rule of rules) {
    const one = ruleGroups(p, rule, maxBlockSize);
    grouped.push(...one.grouped);
    if (one.narrowed) narrowed.push(one.narrowed);
  }
  return { grouped, narrowed };
}

/** The prepared columns blocking reads: what a blocking worker thread is sent (blocking-parallel.ts). */
export type BlockingColumns = Pick<
  Prepared,
  'n' | 'source' | 'names' | 'fn' | 'sn' | 'nameSoundex' | 'dob' | 'dobY' | 'dobM' | 'dobD' | 'birthYear' | 'pc' | 'pcSector' | 'place' | 'uprn' | 'nhs' | 'nino' | 'upn' | 'otherId' | 'email' | 'phone'
>;

export function blockingColumns(p: Prepared): BlockingColumns {
  const { n, source, names, fn, sn, nameSoundex, dob, dobY, dobM, dobD, birthYear, pc, pcSector, place, uprn, nhs, nino, upn, otherId, email, phone } = p;
  return { n, source, names, fn, sn, nameSoundex, dob, dobY, dobM, dobD, birthYear, pc, pcSector, place, uprn, nhs, nino, upn, otherId, email, phone };
}

/**
 * One rule grouped, or the rules it narrows to when it would make more than `narrowAbove`
 * comparisons per record (with the text saying so). Rules are independent: blocking-parallel.ts
 * groups some on a worker thread while this thread groups the others.
 */
export function ruleGroups(p: BlockingColumns, rule: BlockingRule, maxBlockSize: number): { grouped: RuleKeys[]; narrowed: string | null } {
  const [g] = groupRules(p, [rule], maxBlockSize);
  if (!g) return { grouped: [], narrowed: null };
  if (rule.narrowTo && rule.narrowAbove !== undefined && p.n > 0) {
    let comparisons = 0;
    for (let k = 0; k < g.starts.length - 1; k++) if (!g.skipped[k]) comparisons += blockPairs(g, k);
    if (comparisons > rule.narrowAbove * p.n) {
      return {
        grouped: groupRules(p, rule.narrowTo, maxBlockSize),
        narrowed: `${rule.name} (${comparisons.toLocaleString('en-GB')} comparisons, ${(comparisons / p.n).toFixed(1)} per record) → ${rule.narrowTo.length ? rule.narrowTo.map((r) => r.name).join('; ') : 'dropped'}`,
      };
    }
  }
  return { grouped: [g], narrowed: null };
}

/** Groups records per rule and analyses the blocks; no pairs yet. */
export function groupRules(p: BlockingColumns, rules: readonly BlockingRule[], maxBlockSize: number): RuleKeys[] {
  return rules.map((rule) => {
    const { key, order, starts } = groupByParts(
      p.n,
      rule.keys.flatMap((k) => keyParts(p, k)),
    );
    const count = starts.length - 1;
    const skipped = sharedU8(count);
    for (let k = 0; k < count; k++) if ((starts[k + 1] as number) - (starts[k] as number) > maxBlockSize) skipped[k] = 1;
    let missing: Uint8Array | null = null;
    if (rule.onlyIfMissing) {
      missing = sharedU8(p.n);
      const values = rule.onlyIfMissing === 'dob' ? p.dob : p.pc;
      for (let i = 0; i < p.n; i++) missing[i] = (values[i] as number) < 0 ? 1 : 0;
    }
    return { rule, key, skipped, order, starts, missing };
  });
}

const pairsOf = (s: number): number => (s * (s - 1)) / 2;

/** Pairs a block yields under its rule (with onlyIfMissing, only pairs holding a record that lacks the field). */
function blockPairs(g: RuleKeys, k: number): number {
  const start = g.starts[k] as number;
  const end = g.starts[k + 1] as number;
  const size = end - start;
  if (!g.missing) return pairsOf(size);
  let m = 0;
  for (let x = start; x < end; x++) m += g.missing[g.order[x] as number] as number;
  return pairsOf(size) - pairsOf(size - m);
}

/** Whether a pair may be compared at all under the link type and per-source options. */
function allowed(p: Pick<Prepared, 'source'>, i: number, j: number, o: BlockingOptions): boolean {
  const si = p.source[i] as number;
  const sj = p.source[j] as number;
  if (si === sj) {
    if (o.linkType === 'link_only') return false;
    if (o.noDuplicatesWithin.size > 0 && o.noDuplicatesWithin.has(si)) return false;
  } else if (o.linkType === 'dedupe_only') return false;
  return true;
}

/** Counts per rule and the largest blocks, before enumerating anything. */
export function analyseBlocks(p: Prepared, grouped: readonly RuleKeys[], o: BlockingOptions): BlockingAnalysis {
  const warnings: string[] = [];
  const cappedTexts: string[] = [];
  const rules = grouped.map((g): RuleAnalysis => {
    const blocks = g.starts.length - 1;
    let comparisons = 0;
    let records = 0;
    const largest: Array<{ k: number; size: number }> = [];
    const skippedBlocks: BlockSummary[] = [];
    let cappedLargest: { size: number; key: string } | null = null;
    for (let k = 0; k < blocks; k++) {
      const size = (g.starts[k + 1] as number) - (g.starts[k] as number);
      records += size;
      const first = g.order[g.starts[k] as number] as number;
      const pairs = blockPairs(g, k);
      if (g.skipped[k] === 2) {
        if (!cappedLargest || size > cappedLargest.size) cappedLargest = { size, key: g.rule.keys.map((key) => describeKey(p, key, first)).join(' + ') };
        continue;
      }
      if (g.skipped[k]) {
        skippedBlocks.push({ key: g.rule.keys.map((key) => describeKey(p, key, first)).join(' + '), records: size, comparisons: pairs });
        continue;
      }
      comparisons += pairs;
      if (pairs > 0) {
        largest.push({ k, size });
        if (largest.length > 64) {
          largest.sort((x, y) => y.size - x.size);
          largest.length = 5;
        }
      }
    }
    largest.sort((x, y) => y.size - x.size);
    const largestBlocks = largest.slice(0, 5).map(({ k, size }) => {
      const first = g.order[g.starts[k] as number] as number;
      return { key: g.rule.keys.map((key) => describeKey(p, key, first)).join(' + '), records: size, comparisons: blockPairs(g, k) };
    });
    if (skippedBlocks.length > 0) {
      const worst = skippedBlocks.reduce((a, b) => (b.records > a.records ? b : a));
      warnings.push(
        `Blocking rule "${g.rule.name}": ${skippedBlocks.length} block${skippedBlocks.length === 1 ? '' : 's'} larger than ${o.maxBlockSize} records skipped (largest: ${worst.records} records sharing "${worst.key}" — likely a placeholder value).`,
      );
    }
    const info = g.cappedInfo;
    let capped: RuleAnalysis['capped'];
    if (info) {
      capped = { blocks: info.blocks, records: info.records, comparisonsBefore: info.comparisonsBefore, comparisonsAfter: info.comparisonsAfter, largest: cappedLargest?.key ?? '' };
      const detail = `${info.comparisonsBefore.toLocaleString('en-GB')} comparisons, above its cap of ${info.cap.toLocaleString('en-GB')}; its ${info.blocks.toLocaleString('en-GB')} largest block${info.blocks === 1 ? '' : 's'} (${info.records.toLocaleString('en-GB')} records, largest "${capped.largest}") left out, keeping ${info.comparisonsAfter.toLocaleString('en-GB')}`;
      cappedTexts.push(`${g.rule.name}: ${detail}`);
      warnings.push(`Blocking rule "${g.rule.name}" capped: ${detail}. Pairs there are still found by the other rules.`);
    }
    return { rule: g.rule.name, keys: [...g.rule.keys], records, blocks, comparisons, newComparisons: 0, largestBlocks, skippedBlocks, ...(capped ? { capped } : {}) };
  });
  let possible = pairsOf(p.n);
  if (o.linkType !== 'link_and_dedupe' || o.noDuplicatesWithin.size > 0) {
    const perSource = new Map<number, number>();
    for (let i = 0; i < p.n; i++) perSource.set(p.source[i] as number, (perSource.get(p.source[i] as number) ?? 0) + 1);
    let within = 0;
    let excluded = 0;
    for (const [s, count] of perSource) {
      within += pairsOf(count);
      if (o.linkType === 'link_only' || o.noDuplicatesWithin.has(s)) excluded += pairsOf(count);
    }
    possible = o.linkType === 'dedupe_only' ? within : possible - excluded;
  }
  return { records: p.n, rules, totalComparisons: 0, possibleComparisons: possible, narrowed: [], capped: cappedTexts, warnings };
}

/**
 * Refuses runaway blocking before any pair is made: too many comparisons, or one giant block
 * holding most records (a column of placeholders or a mapping mistake).
 */
export function guardBlocking(analysis: BlockingAnalysis, maxComparisons: number): void {
  const upperBound = analysis.rules.reduce((s, r) => s + r.comparisons, 0);
  if (upperBound > maxComparisons) {
    const worst = [...analysis.rules].sort((a, b) => b.comparisons - a.comparisons)[0];
    const block = worst?.largestBlocks[0];
    throw new WorkbenchError(
      'bad-input',
      `Blocking would compare up to ${upperBound.toLocaleString('en-GB')} pairs, more than the limit of ${maxComparisons.toLocaleString('en-GB')}. ` +
        `Rule "${worst?.rule}" makes ${worst?.comparisons.toLocaleString('en-GB')}` +
        (block ? `; its largest block holds ${block.records.toLocaleString('en-GB')} records sharing "${block.key}"` : '') +
        '. Check for placeholder values in that field, or tighten the rule in the MatchSpec. Nothing was changed.',
    );
  }
  if (analysis.records >= 1000) {
    for (const r of analysis.rules) {
      for (const b of r.skippedBlocks) {
        if (b.records >= analysis.records * 0.5) {
          throw new WorkbenchError(
            'bad-input',
            `Blocking rule "${r.rule}" puts ${b.records.toLocaleString('en-GB')} of ${analysis.records.toLocaleString('en-GB')} records into one block ("${b.key}"): that field holds one value for most records, so it cannot tell people apart. Check the import mapping for that column, or remove the rule from the MatchSpec. Nothing was changed.`,
          );
        }
      }
    }
  }
}

/**
 * Every rule's block id per record side by side, so "found by an earlier rule?" reads one cache
 * line per record rather than one per rule (shared, for a second thread to read).
 */
export function interleavedKeys(n: number, grouped: readonly RuleKeys[]): Int32Array {
  const nr = grouped.length;
  const keys = i32(n * nr);
  for (let r = 0; r < nr; r++) {
    const key = (grouped[r] as RuleKeys).key;
    for (let i = 0; i < n; i++) keys[i * nr + r] = key[i] as number;
  }
  return keys;
}

/** Where each rule's pairs go in the output before compaction: after the comparisons of the rules before it. */
export function ruleOffsets(analysis: BlockingAnalysis): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const r of analysis.rules) {
    offsets.push(at);
    at += r.comparisons;
  }
  offsets.push(at);
  return offsets;
}

/** Shared output for enumerateRules: room for every rule's comparisons. */
export function pairBuffers(capacity: number): { a: Int32Array; b: Int32Array; rule: Uint8Array } {
  return { a: i32(Math.max(1, capacity)), b: i32(Math.max(1, capacity)), rule: sharedU8(Math.max(1, capacity)) };
}

/**
 * Enumerates the pairs of the rules in `rules`, each rule's at its offset (see ruleOffsets);
 * returns each one's count. A pair an earlier rule finds is left to that rule, so the rules can
 * be enumerated in any order, on any thread (blocking-parallel.ts).
 */
export function enumerateRules(
  p: Pick<Prepared, 'n' | 'source'>,
  grouped: readonly RuleKeys[],
  keys: Int32Array,
  rules: readonly number[],
  offsets: readonly number[],
  out: { a: Int32Array; b: Int32Array; rule: Uint8Array },
  o: BlockingOptions,
  onProgress?: (done: number) => void,
): number[] {
  const nr = grouped.length;
  const { a, b, rule: ruleOf } = out;
  const counts: number[] = [];
  let done = 0;
  for (const r of rules) {
    const g = grouped[r] as RuleKeys;
    let count = offsets[r] as number;
    const blocks = g.starts.length - 1;
    for (let k = 0; k < blocks; k++) {
      if (g.skipped[k]) continue;
      const start = g.starts[k] as number;
      const end = g.starts[k + 1] as number;
      if (end - start < 2) continue;
      const missing = g.missing;
      for (let x = start; x < end; x++) {
        const rx = g.order[x] as number;
        const rxMissing = missing ? missing[rx] === 1 : true;
        for (let y = x + 1; y < end; y++) {
          const ry = g.order[y] as number;
          if (!rxMissing && missing![ry] === 0) continue;
          const i = rx < ry ? rx : ry;
          const j = rx < ry ? ry : rx;
          if (!allowed(p, i, j, o)) continue;
          let seen = false;
          const bi = i * nr;
          const bj = j * nr;
          for (let e = 0; e < r; e++) {
            const ki = keys[bi + e] as number;
            if (ki >= 0 && ki === keys[bj + e] && pairInRule(grouped[e] as RuleKeys, i, j)) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          a[count] = i;
          b[count] = j;
          ruleOf[count] = r;
          count++;
        }
      }
      if (onProgress && (k & 4095) === 0) onProgress(done + count - (offsets[r] as number));
    }
    counts.push(count - (offsets[r] as number));
    done += count - (offsets[r] as number);
  }
  return counts;
}

/** Moves every rule's pairs down behind the rule before it's: the candidate pairs in rule order. */
export function compactPairs(out: { a: Int32Array; b: Int32Array; rule: Uint8Array }, offsets: readonly number[], counts: readonly number[], analysis: BlockingAnalysis): CandidatePairs {
  let count = 0;
  counts.forEach((c, r) => {
    const from = offsets[r] as number;
    if (from !== count) {
      out.a.copyWithin(count, from, from + c);
      out.b.copyWithin(count, from, from + c);
      out.rule.copyWithin(count, from, from + c);
    }
    (analysis.rules[r] as RuleAnalysis).newComparisons = c;
    count += c;
  });
  analysis.totalComparisons = count;
  return { a: out.a.subarray(0, count), b: out.b.subarray(0, count), rule: out.rule.subarray(0, count), count };
}

/** Enumerates the candidate pairs (each once, by the first rule that finds it). */
export function enumeratePairs(p: Prepared, grouped: readonly RuleKeys[], analysis: BlockingAnalysis, o: BlockingOptions, onProgress?: (done: number, total: number) => void): CandidatePairs {
  const offsets = ruleOffsets(analysis);
  const total = Math.max(1, offsets.at(-1) as number);
  const out = pairBuffers(total);
  const keys = interleavedKeys(p.n, grouped);
  const counts = enumerateRules(p, grouped, keys, grouped.map((_, r) => r), offsets, out, o, onProgress ? (done) => onProgress(done, total) : undefined);
  return compactPairs(out, offsets, counts, analysis);
}

/** Whether pair (i, j) satisfies a rule (its keys agree, in a block that was not skipped). */
export function pairInRule(g: RuleKeys, i: number, j: number): boolean {
  const k = g.key[i] as number;
  if (k < 0 || k !== g.key[j] || g.skipped[k] !== 0) return false;
  return !g.missing || g.missing[i] === 1 || g.missing[j] === 1;
}

/**
 * Up to `size` pairs of a rule, for training: all of them when there are fewer, else a random
 * sample (blocks chosen in proportion to their pairs, then two of their records).
 */
export function sampleRulePairs(
  p: Prepared,
  g: RuleKeys,
  size: number,
  o: BlockingOptions,
  random: () => number,
): { a: Int32Array; b: Int32Array; count: number; weight: Float32Array } {
  const blocks = g.starts.length - 1;
  const cumulative = new Float64Array(blocks + 1);
  for (let k = 0; k < blocks; k++) cumulative[k + 1] = (cumulative[k] as number) + (g.skipped[k] ? 0 : blockPairs(g, k));
  const total = cumulative[blocks] as number;
  const cap = Math.max(0, Math.min(size, Math.ceil(total)));
  const a = i32(cap);
  const b = i32(cap);
  // Each pair weighs 1 / (its block's size − 1), so every record's pairs weigh about as much
  // whatever its block's size: a block of n records holds n(n−1)/2 pairs but at most about n
  // matches, and unweighted, a register's John Smith block (thousands of pairs, nearly all of
  // different people) would be most of what EM sees, and its "match" class would be something
  // else (same sex in one parish). Small blocks, where a rule's pairs are mostly matches, count.
  const weight = new Float32Array(cap);
  let count = 0;
  let blockWeight = 1;
  const push = (rx: number, ry: number): void => {
    const i = rx < ry ? rx : ry;
    const j = rx < ry ? ry : rx;
    if (count >= cap || !allowed(p, i, j, o)) return;
    if (g.missing && g.missing[i] === 0 && g.missing[j] === 0) return;
    a[count] = i;
    b[count] = j;
    weight[count] = blockWeight;
    count++;
  };
  if (total <= size) {
    for (let k = 0; k < blocks; k++) {
      if (g.skipped[k]) continue;
      const start = g.starts[k] as number;
      const end = g.starts[k + 1] as number;
      blockWeight = 1 / Math.max(1, end - start - 1);
      for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) push(g.order[x] as number, g.order[y] as number);
    }
  } else {
    for (let attempts = 0; count < cap && attempts < cap * 20; attempts++) {
      const r = random() * total;
      let lo = 0;
      let hi = blocks - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid + 1] as number) <= r) lo = mid + 1;
        else hi = mid;
      }
      const start = g.starts[lo] as number;
      const len = (g.starts[lo + 1] as number) - start;
      const x = Math.floor(random() * len);
      const y = Math.floor(random() * len);
      blockWeight = 1 / Math.max(1, len - 1);
      if (x !== y) push(g.order[start + x] as number, g.order[start + y] as number);
    }
  }
  return { a: a.subarray(0, count), b: b.subarray(0, count), count, weight: weight.subarray(0, count) };
}
