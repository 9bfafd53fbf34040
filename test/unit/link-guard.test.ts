// Training that cannot collapse (model-guard.ts) and blocking rules capped by their comparison
// count (blocking.ts capRule): a degenerate comparison falls back to its prior m values and the
// run says which; an agreement level never weighs less than disagreement; a rule dominated by a
// few huge blocks loses them and the analysis names it.
import { describe, expect, it } from 'vitest';
import { analyseBlocks, effectiveRules } from '../../electron/engine/link/blocking.js';
import { capYearOnly, degenerateReason, guardTrainedModel } from '../../electron/engine/link/model-guard.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import { defaultMatchSpec } from '../../electron/engine/link/spec.js';
import { parametersFromSpec } from '../../electron/engine/link/train.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord } from '../helpers/link-record.js';

const spec = defaultMatchSpec();
const at = (field: string): number => spec.comparisons.findIndex((c) => c.field === field);
const levelAt = (field: string, kind: string): number => spec.comparisons[at(field)]!.levels.findIndex((l) => l.kind === kind);
const w = (m: number, u: number): number => Math.log2(m / u);

describe('a degenerate comparison', () => {
  it('is found when exact agreement is rarer among "matches" than difference (exact DOB m 0.024 against "different" 0.82)', () => {
    const params = parametersFromSpec(spec);
    const dob = at('dob');
    const m = params.m[dob]!;
    m.fill(0.02);
    m[levelAt('dob', 'exact')] = 0.024;
    m[levelAt('dob', 'else')] = 0.82;
    expect(degenerateReason(spec, dob, m, params.u[dob]!)).toMatch(/exact.*below.*different/);
  });

  it('is found when a weaker level is commoner among matches than exact (double-barrelled above exact)', () => {
    const params = parametersFromSpec(spec);
    const surname = at('surname');
    const m = params.m[surname]!;
    m[levelAt('surname', 'exact')] = 0.2;
    m[levelAt('surname', 'hyphenPart')] = 0.6;
    expect(degenerateReason(spec, surname, m, params.u[surname]!)).toMatch(/part of a double-barrelled name.*above/);
  });

  it('is not found in the default model', () => {
    const params = parametersFromSpec(spec);
    spec.comparisons.forEach((_, k) => expect(degenerateReason(spec, k, params.m[k]!, params.u[k]!)).toBeNull());
  });

  it('falls back to its prior m values, and the warning names it', () => {
    const prior = parametersFromSpec(spec);
    const params = parametersFromSpec(spec);
    const dob = at('dob');
    params.m[dob]![levelAt('dob', 'exact')] = 0.024;
    params.m[dob]![levelAt('dob', 'else')] = 0.82;
    const result = guardTrainedModel(spec, params, prior, spec.comparisons.map(() => true));
    expect(result.fellBack).toEqual(['date of birth']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/"date of birth".*default m values/);
    expect(Array.from(params.m[dob]!)).toEqual(Array.from(prior.m[dob]!));
  });
});

describe('a year of birth alone', () => {
  it('weighs no more than the whole date agreeing, and no less than "different"', () => {
    const dob = at('dob');
    const yearOnly = levelAt('dob', 'yearOnly');
    const exact = levelAt('dob', 'exact');
    const last = spec.comparisons[dob]!.levels.length - 1;
    const wOf = (params: ReturnType<typeof parametersFromSpec>, l: number): number => w(params.m[dob]![l]!, params.u[dob]![l]!);
    const over = parametersFromSpec(spec);
    over.m[dob]![yearOnly] = 0.5;
    over.u[dob]![yearOnly] = 0.000001;
    expect(wOf(over, yearOnly)).toBeGreaterThan(wOf(over, exact));
    capYearOnly(spec, dob, over);
    expect(wOf(over, yearOnly)).toBeCloseTo(wOf(over, exact), 6);
    const starved = parametersFromSpec(spec);
    starved.m[dob]![yearOnly] = 0.00001;
    starved.u[dob]![yearOnly] = 0.2;
    guardTrainedModel(spec, starved, parametersFromSpec(spec), spec.comparisons.map(() => true));
    expect(wOf(starved, yearOnly)).toBeGreaterThanOrEqual(wOf(starved, last) - 1e-9);
  });

  it('is commoner among matches than exact where many records have only a year, and that is no degenerate model', () => {
    const dob = at('dob');
    const params = parametersFromSpec(spec);
    const m = params.m[dob]!;
    m[levelAt('dob', 'exact')] = 0.3;
    m[levelAt('dob', 'yearOnly')] = 0.5;
    expect(degenerateReason(spec, dob, m, params.u[dob]!)).toBeNull();
  });
});

describe('agreement never weighs less than disagreement', () => {
  it('raises a starved level ("within a month" at −11.6 bits) to the "different" level', () => {
    const params = parametersFromSpec(spec);
    const dob = at('dob');
    const within = levelAt('dob', 'withinDays');
    const different = levelAt('dob', 'else');
    params.m[dob]![within] = 1e-6;
    params.u[dob]![within] = 0.003;
    expect(w(params.m[dob]![within]!, params.u[dob]![within]!)).toBeLessThan(w(params.m[dob]![different]!, params.u[dob]![different]!));
    const result = guardTrainedModel(spec, params, parametersFromSpec(spec), spec.comparisons.map(() => true));
    expect(result.raised).toContainEqual({ comparison: 'date of birth', levels: ['within a month'] });
    expect(w(params.m[dob]![within]!, params.u[dob]![within]!)).toBeGreaterThanOrEqual(w(params.m[dob]![different]!, params.u[dob]![different]!) - 1e-9);
  });

  it('holds within a postcode too: "same UPRN" never below "different" when the postcodes agree', () => {
    const params = parametersFromSpec(spec);
    const address = at('address');
    const uprn = levelAt('address', 'uprn');
    const different = levelAt('address', 'else');
    const uPc = params.uPc[address]!;
    uPc[uprn] = 0.6; // families share a UPRN: common among non-matches within a postcode
    uPc[different] = 0.2;
    params.m[address]![uprn] = 0.02;
    params.m[address]![different] = 0.1;
    guardTrainedModel(spec, params, parametersFromSpec(spec), spec.comparisons.map(() => true));
    expect(w(params.m[address]![uprn]!, uPc[uprn]!)).toBeGreaterThanOrEqual(w(params.m[address]![different]!, uPc[different]!) - 1e-9);
    for (let l = 1; l < different; l++) expect(w(params.m[address]![l]!, params.u[address]![l]!)).toBeGreaterThanOrEqual(w(params.m[address]![different]!, params.u[address]![different]!) - 1e-9);
  });
});

describe('a blocking rule capped by its comparison count', () => {
  // a historical register: 700 John Smiths and 200 Mary Joneses without a date of birth, 300 others
  const records: LinkRecord[] = Array.from({ length: 1200 }, (_, k) => ({
    ...blankLinkRecord(k + 1),
    forename: k < 700 ? 'John' : k < 900 ? 'Mary' : `Zed${k}`,
    surname: k < 700 ? 'Smith' : k < 900 ? 'Jones' : `Other${k}`,
    dob: k < 900 ? null : `19${String(10 + (k % 80)).padStart(2, '0')}-0${1 + (k % 9)}-1${k % 10}`,
  }));
  const rules = [{ name: 'name sounds, a date of birth missing', keys: ['nameSounds' as const], onlyIfMissing: 'dob' as const }];
  const options = { linkType: 'link_and_dedupe' as const, maxBlockSize: 5000, noDuplicatesWithin: new Set<number>() };

  it('leaves out its largest blocks until under the cap, and the analysis names the rule and the block', () => {
    const p = prepare(records);
    const analysis = analyseBlocks(p, effectiveRules(p, rules, 5000).grouped, options);
    const rule = analysis.rules[0]!;
    expect(rule.capped).toEqual({ blocks: 1, records: 700, comparisonsBefore: (700 * 699) / 2 + (200 * 199) / 2, comparisonsAfter: (200 * 199) / 2, largest: 'JOHN… SMITH…' });
    expect(rule.comparisons).toBe((200 * 199) / 2);
    expect(analysis.capped).toHaveLength(1);
    expect(analysis.capped[0]).toMatch(/^name sounds, a date of birth missing: 264,550 comparisons, above its cap of 250,000/);
    expect(analysis.warnings.some((w) => w.startsWith('Blocking rule "name sounds, a date of birth missing" capped'))).toBe(true);
    // capped blocks are not "skipped as too large": no placeholder warning, no refusal
    expect(rule.skippedBlocks).toEqual([]);
  });

  it('leaves a rule under its cap alone', () => {
    const p = prepare(records.slice(600));
    const analysis = analyseBlocks(p, effectiveRules(p, rules, 5000).grouped, options);
    expect(analysis.rules[0]!.capped).toBeUndefined();
    expect(analysis.capped).toEqual([]);
  });
});
