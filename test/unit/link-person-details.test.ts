// An occupation and a father's forename (a register's baptism or burial entry, a census, a list
// of historical people) as compared fields: what tells one undated John Smith of a parish from
// another, and nothing at all where no record holds them.
import { describe, expect, it } from 'vitest';
import { roleFromHeader } from '../../electron/engine/import/roles.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { compilePlan } from '../../electron/engine/link/compare.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import { detailLevel, fatherForenameKey, occupationKey, prepareDetails, withDetailsHeld } from '../../electron/engine/link/person-details.js';
import { degenerateReason } from '../../electron/engine/link/model-guard.js';
import { defaultMatchSpec } from '../../electron/engine/link/spec.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

describe('an occupation and a father\'s forename', () => {
  it('are read as words: stand-ins are missing, a contraction is the name it stands for', () => {
    expect(occupationKey(' Ag. Lab. ')).toBe('AG LAB');
    expect(occupationKey('not known')).toBeNull();
    expect(occupationKey('-')).toBeNull();
    expect(fatherForenameKey('Wm Smith')).toBe('WILLIAM');
    expect(fatherForenameKey('Smith, Jno.')).toBe('JOHN');
    expect(fatherForenameKey('unknown')).toBeNull();
    expect(fatherForenameKey('  ')).toBeNull();
  });

  it('take the levels their values call for', () => {
    const rec = (id: number, occupation: string, fatherForename: string): LinkRecord => ({ ...blankLinkRecord(id), occupation, fatherForename });
    const records = [rec(1, 'Agricultural Labourer', 'Edward'), rec(2, 'labourer', 'Ned'), rec(3, 'Labouer', 'E'), rec(4, 'weaver', 'Ralph'), rec(5, 'WEAVER', 'Edwards')];
    const details = prepareDetails(records);
    const spec = defaultMatchSpec();
    const plan = compilePlan(spec);
    const occupation = plan.comparisons.find((c) => c.field === 'occupation')!;
    const father = plan.comparisons.find((c) => c.field === 'fatherForename')!;
    const kindOf = (c: typeof occupation, i: number, j: number): string => spec.comparisons.find((x) => x.name === c.name)!.levels[detailLevel(details, c, i, j)]!.kind;
    expect(kindOf(occupation, 3, 4)).toBe('exact');
    expect(kindOf(occupation, 0, 1)).toBe('tokenOverlap');
    expect(kindOf(occupation, 1, 2)).toBe('jaroWinkler');
    expect(kindOf(occupation, 0, 3)).toBe('else');
    expect(kindOf(father, 0, 1)).toBe('nickname');
    expect(kindOf(father, 0, 2)).toBe('initial');
    expect(kindOf(father, 0, 4)).toBe('jaroWinkler');
    expect(kindOf(father, 0, 3)).toBe('else');
    // a record without the field is missing, never disagreement
    expect(detailLevel(prepareDetails([blankLinkRecord(1), records[0]!]), father, 0, 1)).toBe(0);
  });

  it("a father's forename trained with exact below different is refused; an occupation may change, so its is not", () => {
    const spec = defaultMatchSpec();
    const at = (field: string): number => spec.comparisons.findIndex((c) => c.field === field);
    // levels: missing, exact, …, different (an EM class that found namesakes, not one person)
    const father = at('fatherForename');
    expect(degenerateReason(spec, father, [0, 0.3, 0.05, 0.04, 0.01, 0.6], [0, 0.04, 0.002, 0.005, 0.01, 0.943])).not.toBeNull();
    expect(degenerateReason(spec, father, [0, 0.8, 0.05, 0.04, 0.01, 0.1], [0, 0.04, 0.002, 0.005, 0.01, 0.943])).toBeNull();
    expect(degenerateReason(spec, at('occupation'), [0, 0.4, 0.05, 0.05, 0.5], [0, 0.05, 0.02, 0.005, 0.925])).toBeNull();
  });

  it('are not compared at all where no record holds them, so partner data pays nothing for them', async () => {
    const spec = defaultMatchSpec();
    expect(withDetailsHeld(spec, prepareDetails([blankLinkRecord(1)])).comparisons.map((c) => c.field)).not.toContain('occupation');
    const held = withDetailsHeld(spec, prepareDetails([{ ...blankLinkRecord(1), fatherForename: 'John' }])).comparisons.map((c) => c.field);
    expect(held).toContain('fatherForename');
    expect(held).not.toContain('occupation');
  });

  it("tell an undated record which of two namesakes of one parish it belongs to (it joined neither on names alone)", async () => {
    // 1 and 2: John Smith born 1800, son of William; 3: John Smith born 1820, son of Thomas; 4: an
    // undated John Smith of the parish whose father is written "Wm". Others fill the parish, so
    // the names' term frequencies are a register's, not three records'.
    const john = (id: number, dob: string | null, father: string | null): LinkRecord => ({ ...blankLinkRecord(id), forename: 'JOHN', surname: 'SMITH', sex: 'M', dob, address: 'Halifax', fatherForename: father });
    const others = 'ANN MARY JANE SARAH HANNAH ELIZABETH MARTHA ALICE GRACE ESTHER'.split(' ').flatMap((f, k) =>
      ['BROOK', 'FIRTH', 'HAIGH', 'SYKES'].map((s, q): LinkRecord => ({ ...blankLinkRecord(100 + k * 4 + q), forename: f, surname: s, sex: 'F', dob: `18${10 + k}-0${1 + q}-1${q}`, address: 'Halifax', fatherForename: q % 2 ? 'Joseph' : 'Richard' })),
    );
    const records = [john(1, '1800-03-04', 'William'), john(2, '1800-03-04', 'William'), john(3, '1820-07-08', 'Thomas'), john(4, null, 'Wm'), ...others];
    const spec = fixedSpec(undefined, 0.1);
    const withFathers = await linkPersons(records, { spec, threads: 1 }, silentJob());
    const p = withFathers.clusters.personOf;
    expect(p[0]).toBe(p[1]);
    expect(p[3]).toBe(p[0]);
    expect(p[2]).not.toBe(p[0]);
    // the same records without their fathers: the undated one fits both people equally, joins neither
    const without = await linkPersons(records.map((r) => ({ ...r, fatherForename: null })), { spec, threads: 1 }, silentJob());
    const q = without.clusters.personOf;
    expect(q[0]).toBe(q[1]);
    expect(q[3]).not.toBe(q[0]);
    expect(q[3]).not.toBe(q[2]);
  });
});

describe("occupation and father's forename columns", () => {
  it.each([
    ['Occupation', 'occupation'],
    ['Rank or profession', 'occupation'],
    ['Trade', 'occupation'],
    ["Father's name", 'father_forename'],
    ["Father's forename", 'father_forename'],
    ['Father', 'father_forename'],
    // someone else's details, or a past one, are kept, not used as the person's
    ["Father's occupation", 'ignore'],
    ['Previous occupation', 'ignore'],
    ["Mother's name", 'ignore'],
    ["Father's surname", 'ignore'],
  ])('"%s" is read as %s', (heading, role) => {
    expect(roleFromHeader(heading)?.role).toBe(role);
  });
});
