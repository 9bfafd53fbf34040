// Term frequencies counted among other people (tf-people.ts): a name one person holds in many
// records is rare evidence, not common; a name many people hold once each stays common.
import { describe, expect, it } from 'vitest';
import { compareInto, compilePlan } from '../../electron/engine/link/compare.js';
import { buildModel, explainInto, TF_MAX_BOOST_BITS } from '../../electron/engine/link/model.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import { levelWeight } from '../../electron/engine/link/spec.js';
import { countsAmongOthers, tfCountsAmongOthers } from '../../electron/engine/link/tf-people.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

describe('counts among other people', () => {
  it('sets aside each holder\'s own records', () => {
    // value 0: three records of one person; value 1: three people once each; value 2: unused
    const values = Int32Array.from([0, 0, 0, 1, 1, 1, -1]);
    const personOf = Int32Array.from([0, 0, 0, 1, 2, 3, 4]);
    expect([...countsAmongOthers(values, [3, 3, 0], personOf, 5)]).toEqual([0, 2, 0]);
  });

  it('weighs a name one person holds in many records as rare, and a name held by many as before', () => {
    // 6 records of Giles Ashworth (one person), 6 Johns (six people), and 28 others
    const records: LinkRecord[] = [];
    const add = (forename: string, surname: string): number => records.push({ ...blankLinkRecord(records.length + 1), forename, surname }) - 1;
    for (let k = 0; k < 6; k++) add('Giles', 'Ashworth');
    for (let k = 0; k < 6; k++) add('John', `Other${String.fromCharCode(65 + k)}`);
    for (let k = 0; k < 28; k++) add(`Name${String.fromCharCode(65 + (k % 26))}${k}`, `Family${k}`);
    const spec = fixedSpec();
    const plan = compilePlan(spec);
    const p = prepare(records);
    const personOf = Int32Array.from(records, (_, i) => (i < 6 ? 0 : i));
    const forename = spec.comparisons.findIndex((c) => c.field === 'forename');
    const exactWeight = levelWeight(spec.comparisons[forename]!.levels.find((l) => l.kind === 'exact')!);
    const forenameWeight = (i: number, j: number, counted: boolean): number => {
      const model = buildModel(spec, plan, p, 0.0001, counted ? tfCountsAmongOthers(p, personOf, records.length) : {});
      const gammas = new Uint8Array(plan.comparisons.length);
      compareInto(p, plan, i, j, gammas, 0);
      const out = new Float32Array(plan.comparisons.length);
      explainInto(model, gammas, 0, i, out, 0, j);
      return out[forename] as number;
    };
    // counted over records, Giles (6 of 40) is as common as John (6 of 40)
    expect(forenameWeight(0, 1, false)).toBeCloseTo(forenameWeight(6, 7, false), 5);
    // among other people, Giles is held by no one else: the rarest a name can weigh
    expect(forenameWeight(0, 1, true)).toBeCloseTo(exactWeight + TF_MAX_BOOST_BITS, 3);
    // John, held by six people once each: the other five of six records, a little rarer than before
    expect(forenameWeight(6, 7, true)).toBeCloseTo(forenameWeight(6, 7, false) + Math.log2(6 / 5), 3);
  });
});
