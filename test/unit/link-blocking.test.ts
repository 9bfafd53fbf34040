import { describe, expect, it } from 'vitest';
import { analyseBlocks, effectiveRules, enumeratePairs, groupRules, guardBlocking, sampleRulePairs, type BlockingOptions } from '../../electron/engine/link/blocking.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import type { BlockingRule } from '../../electron/engine/link/spec.js';
import { rng } from '../../electron/engine/link/train.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord } from '../helpers/link-record.js';

const record = (id: number, f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(id), forename: 'Ann', surname: 'Lee', dob: '1990-01-02', ...f });

const options = (o: Partial<BlockingOptions> = {}): BlockingOptions => ({ linkType: 'link_and_dedupe', maxBlockSize: 1000, noDuplicatesWithin: new Set(), ...o });

const pairsOf = (records: LinkRecord[], rules: BlockingRule[], o = options()): Array<[number, number, string]> => {
  const p = prepare(records);
  const grouped = groupRules(p, rules, o.maxBlockSize);
  const analysis = analyseBlocks(p, grouped, o);
  const pairs = enumeratePairs(p, grouped, analysis, o);
  return Array.from({ length: pairs.count }, (_, x) => [records[pairs.a[x] as number]!.id, records[pairs.b[x] as number]!.id, rules[pairs.rule[x] as number]!.name]);
};

describe('blocking', () => {
  const people = [
    record(1, {}),
    record(2, { forename: 'ANN' }),
    record(3, { forename: 'Lee', surname: 'Ann', dob: null }),
    record(4, { forename: 'Bob', dob: '1990-01-02' }),
    record(5, { forename: 'Ann', dob: '1971-05-06', sourceId: 2 }),
  ];

  it('keys a birth year on a year given alone too, and never invents a month for it', () => {
    const registers = [record(1, { dob: '1843-05-02' }), record(2, { dob: null, dobYear: 1843 }), record(3, { dob: null, dobYear: 1870 }), record(4, { dob: '1843-05-30' })];
    expect(pairsOf(registers, [{ name: 'year', keys: ['surnamePhonetic', 'birthYear'] }]).map(([a, b]) => [a, b])).toEqual([
      [1, 2],
      [1, 4],
      [2, 4],
    ]);
    expect(pairsOf(registers, [{ name: 'month', keys: ['surnamePhonetic', 'birthMonth'] }]).map(([a, b]) => [a, b])).toEqual([[1, 4]]);
  });

  it('emits each pair once, by the first rule that finds it', () => {
    const pairs = pairsOf(people, [
      { name: 'dob', keys: ['dob'] },
      { name: 'names', keys: ['nameSounds'] },
    ]);
    expect(pairs).toEqual([
      [1, 2, 'dob'],
      [1, 4, 'dob'],
      [2, 4, 'dob'],
      [1, 3, 'names'],
      [1, 5, 'names'],
      [2, 3, 'names'],
      [2, 5, 'names'],
      [3, 5, 'names'],
    ]);
  });

  it('onlyIfMissing keeps pairs in which a record lacks the field', () => {
    const pairs = pairsOf(people, [{ name: 'names, no dob', keys: ['nameSounds'], onlyIfMissing: 'dob' }]);
    expect(pairs.map(([a, b]) => [a, b])).toEqual([
      [1, 3],
      [2, 3],
      [3, 5],
    ]);
  });

  it('link_only and "no duplicates within" drop pairs within a source', () => {
    const rules: BlockingRule[] = [{ name: 'names', keys: ['nameSounds'] }];
    expect(pairsOf(people, rules, options({ linkType: 'link_only' })).map(([a, b]) => [a, b])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    expect(pairsOf(people, rules, options({ noDuplicatesWithin: new Set([0]) })).length).toBe(3);
  });

  it('analyses comparisons per rule and names the largest block; skips and reports giant blocks', () => {
    const many = Array.from({ length: 30 }, (_, k) => record(k + 1, { forename: `N${String.fromCharCode(65 + (k % 26))}x`, dob: k < 25 ? '1900-02-03' : '1980-02-03' }));
    const p = prepare(many);
    const o = options({ maxBlockSize: 20 });
    const grouped = groupRules(p, [{ name: 'dob', keys: ['dob'] }], 20);
    const analysis = analyseBlocks(p, grouped, o);
    const rule = analysis.rules[0]!;
    expect(rule.skippedBlocks).toEqual([{ key: '1900-02-03', records: 25, comparisons: 300 }]);
    expect(rule.comparisons).toBe(10);
    expect(rule.largestBlocks[0]).toEqual({ key: '1980-02-03', records: 5, comparisons: 10 });
    expect(analysis.warnings[0]).toMatch(/"dob": 1 block larger than 20 records skipped \(largest: 25 records sharing "1900-02-03"/);
    expect(() => guardBlocking(analysis, 5)).toThrow(/Blocking would compare up to 10 pairs, more than the limit of 5/);
  });

  it('a broad rule gives way to its narrower rules above narrowAbove comparisons per record', () => {
    const many = Array.from({ length: 40 }, (_, k) => record(k + 1, { forename: k % 2 ? 'Ann' : 'Bea', surname: k % 4 < 2 ? 'Lee' : 'Cho' }));
    const p = prepare(many);
    const rule: BlockingRule = { name: 'dob', keys: ['dob'], narrowAbove: 5, narrowTo: [{ name: 'dob + initial', keys: ['dob', 'forenameInitial'] }] };
    const narrowed = effectiveRules(p, [rule], 1000);
    expect(narrowed.grouped.map((g) => g.rule.name)).toEqual(['dob + initial']);
    expect(narrowed.narrowed[0]).toMatch(/^dob \(780 comparisons, 19\.5 per record\) → dob \+ initial$/);
    const kept = effectiveRules(p, [{ ...rule, narrowAbove: 50 }], 1000);
    expect(kept.grouped.map((g) => g.rule.name)).toEqual(['dob']);
    const dropped = effectiveRules(p, [{ ...rule, narrowTo: [] }], 1000);
    expect(dropped.grouped).toEqual([]);
  });

  it('samples a rule for training: every pair when few, a sample when many', () => {
    const p = prepare(people);
    const [g] = groupRules(p, [{ name: 'names', keys: ['nameSounds'] }], 1000);
    const all = sampleRulePairs(p, g!, 100, options(), rng(1));
    expect(all.count).toBe(6);
    const some = sampleRulePairs(p, g!, 4, options(), rng(1));
    expect(some.count).toBe(4);
    for (let x = 0; x < some.count; x++) expect(some.a[x]!).toBeLessThan(some.b[x]!);
  });
});
