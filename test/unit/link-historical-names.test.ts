// Names as clerks wrote them in registers before 1900 — contractions (Wm, Thos, Jas, Jno) and
// Latin forms (Gulielmus, Jacobus) — are the same name: compared as nicknames, and heard alike by
// the name-sound blocking key so such a pair is compared at all.
import { describe, expect, it } from 'vitest';
import { analyseBlocks, enumeratePairs, groupRules, type BlockingOptions } from '../../electron/engine/link/blocking.js';
import { compareInto, compilePlan } from '../../electron/engine/link/compare.js';
import { canonicalName } from '../../electron/engine/link/names.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import { defaultMatchSpec } from '../../electron/engine/link/spec.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord } from '../helpers/link-record.js';

const record = (id: number, forename: string, surname = 'Haigh'): LinkRecord => ({ ...blankLinkRecord(id), forename, surname });

const spec = defaultMatchSpec();
const plan = compilePlan(spec);
const forename = spec.comparisons.findIndex((c) => c.field === 'forename');

function forenameLevel(a: string, b: string): string {
  const p = prepare([record(1, a), record(2, b)]);
  const out = new Uint8Array(plan.comparisons.length);
  compareInto(p, plan, 0, 1, out, 0);
  return spec.comparisons[forename]!.levels[out[forename] as number]!.label;
}

const NICKNAME = 'nickname (Bill / William)';

describe('historical name forms', () => {
  it.each([
    ['Wm', 'William'],
    ['Gulielmus', 'William'],
    ['Thos', 'Thomas'],
    ['Jas', 'James'],
    ['Jacobus', 'James'],
    ['Jno', 'John'],
    ['Johannes', 'John'],
    ['Geo', 'George'],
    ['Chas', 'Charles'],
    ['Saml', 'Samuel'],
    ['Richd', 'Richard'],
    ['Maria', 'Mary'],
    ['Eliz', 'Elizabeth'],
    ['Margt', 'Margaret'],
    ['Hester', 'Esther'],
  ])('%s and %s are one name', (a, b) => {
    expect(forenameLevel(a, b)).toBe(NICKNAME);
    expect(forenameLevel(b, a)).toBe(NICKNAME);
  });

  it('keeps different names apart', () => {
    expect(forenameLevel('Jas', 'John')).toBe('different');
    expect(forenameLevel('Thos', 'Mary')).toBe('different');
  });

  it('hears a form by the one name it stands for, and an ambiguous one as itself', () => {
    expect(canonicalName('GULIELMUS')).toBe('WILLIAM');
    expect(canonicalName('WM')).toBe('WILLIAM');
    expect(canonicalName('BILL')).toBe('WILLIAM');
    expect(canonicalName('WILLIAM')).toBe('WILLIAM');
    // Ed is Edward, Edmund or Edwin
    expect(canonicalName('ED')).toBe('ED');
    expect(canonicalName('SZCZEPAN')).toBe('SZCZEPAN');
  });

  it('blocks a contraction or Latin form with the name on name sounds', () => {
    const records = [record(1, 'William'), record(2, 'Wm'), record(3, 'Gulielmus'), record(4, 'Walter')];
    const options: BlockingOptions = { linkType: 'link_and_dedupe', maxBlockSize: 1000, noDuplicatesWithin: new Set() };
    const p = prepare(records);
    const grouped = groupRules(p, [{ name: 'names', keys: ['nameSounds'] }], options.maxBlockSize);
    const pairs = enumeratePairs(p, grouped, analyseBlocks(p, grouped, options), options);
    const found = Array.from({ length: pairs.count }, (_, x) => [pairs.a[x], pairs.b[x]].map((i) => records[i as number]!.forename).sort().join('/')).sort();
    expect(found).toEqual(['Gulielmus/William', 'Gulielmus/Wm', 'William/Wm']);
  });
});
