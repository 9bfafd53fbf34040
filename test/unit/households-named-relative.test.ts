// A record that names a relative (A&E's next of kin, youth justice's parent or carer) places the
// person so named in the family's household: a mother seen only by postcode, whose surname is not
// her children's, joins their home when exactly one person at the postcode fits the name.
import { describe, expect, it } from 'vitest';
import { Evidence, buildHouseholdsDetailed } from '../../electron/engine/link/households/index.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { relationKind, sexOfRelation } from '../../shared/domain/relationship.js';
import { blankLinkRecord } from '../helpers/link-record.js';

type Rec = Partial<LinkRecord> & { who: string };
let nextId = 1;

/** Households (sorted groups of `who`) and the rule that placed each person, with perfect persons. */
function place(recs: Rec[]): { groups: string[][]; rule: Map<string, number> } {
  const records = recs.map((r): LinkRecord => ({ ...blankLinkRecord(nextId++), forename: r.who, ...r }));
  const index = new Map<string, number>();
  const personOf = Int32Array.from(recs.map((r) => {
    if (!index.has(r.who)) index.set(r.who, index.size);
    return index.get(r.who)!;
  }));
  const placed = buildHouseholdsDetailed(records, { personOf, personCount: index.size });
  const groups = new Map<number, string[]>();
  const rule = new Map<string, number>();
  for (const [who, p] of index) {
    const h = placed.householdOfPerson[p]!;
    groups.set(h, [...(groups.get(h) ?? []), who]);
    rule.set(who, placed.evidence[p]!);
  }
  return { groups: [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!)), rule };
}

const SCHOOL = { sourceId: 1, sourceKind: 'school', address: 'Flat 1, 14 Kilnfield Road, Wexthorpe', postcode: 'S65 2RB' } as const;
const HOUSING = { sourceId: 2, sourceKind: 'housing', address: 'Flat 1, 14 Kilnfield Road, Wexthorpe', postcode: 'S65 2RB' } as const;
const BENEFITS = { sourceId: 3, sourceKind: 'benefits', postcode: 'S65 2RB' } as const;
const AE = { sourceId: 4, sourceKind: 'health', postcode: 'S65 2RB', eventDate: '2025-02-01' } as const;

/** The Khans at flat 1 (father and two children), and the children's mother Shazia Begum known to benefits by her postcode only. */
const family = (kin: Partial<LinkRecord>): Rec[] => [
  { who: 'Imran', ...HOUSING, surname: 'Khan', dob: '1984-03-02', sex: 'M' },
  { who: 'Ahmed', ...SCHOOL, surname: 'Khan', dob: '2014-05-06', sex: 'M' },
  { who: 'Aisha', ...SCHOOL, surname: 'Khan', dob: '2017-07-08', sex: 'F' },
  { who: 'Shazia', ...BENEFITS, surname: 'Begum', dob: '1988-09-10', sex: 'F' },
  { who: 'Ahmed', ...AE, surname: 'KHAN', dob: '2014-05-06', ...kin },
];

describe('NAMED_RELATIVE: a record names the relative the person lives with', () => {
  it('joins a postcode-only mother with another surname to her child’s household by the child’s next of kin', () => {
    const { groups, rule } = place(family({ relativeForename: 'Shazia', relativeSurname: 'BEGUM', relativeRelationship: 'Mother' }));
    expect(groups).toEqual([['Ahmed', 'Aisha', 'Imran', 'Shazia']]);
    expect(rule.get('Shazia')).toBe(Evidence.NAMED_RELATIVE);
  });

  it('reads an initial, and a parent or carer column with no relationship given', () => {
    const { groups } = place(family({ relativeForename: 'S', relativeSurname: 'Begum', relativeRelationship: 'Parent/Carer' }));
    expect(groups).toEqual([['Ahmed', 'Aisha', 'Imran', 'Shazia']]);
  });

  it('joins no one when two people at the postcode fit the name', () => {
    const { groups } = place([
      ...family({ relativeForename: 'S', relativeSurname: 'Begum', relativeRelationship: 'Mother' }),
      { who: 'Sabina', ...BENEFITS, surname: 'Begum', dob: '1979-01-01', sex: 'F' },
    ]);
    expect(groups).toContainEqual(['Shazia']);
    expect(groups).toContainEqual(['Ahmed', 'Aisha', 'Imran']);
  });

  it('joins no one named as a neighbour or a friend', () => {
    for (const relationship of ['Neighbour', 'Friend', 'Social worker']) {
      const { groups } = place(family({ relativeForename: 'Shazia', relativeSurname: 'Begum', relativeRelationship: relationship }));
      expect(groups).toContainEqual(['Shazia']);
    }
  });

  it('does not join two households at two different known addresses', () => {
    const { groups } = place([
      ...family({ relativeForename: 'Shazia', relativeSurname: 'Begum', relativeRelationship: 'Mother' }).filter((r) => r.who !== 'Shazia'),
      { who: 'Shazia', sourceId: 2, sourceKind: 'housing', address: 'Flat 3, 14 Kilnfield Road, Wexthorpe', postcode: 'S65 2RB', surname: 'Begum', dob: '1988-09-10', sex: 'F' },
    ]);
    expect(groups).toContainEqual(['Shazia']);
  });

  it('does not take a child of the family for the parent a record names (the ages say who is the parent)', () => {
    const { groups, rule } = place([
      ...family({ relativeForename: 'S', relativeSurname: 'Begum', relativeRelationship: 'Mother' }),
      { who: 'Sadia', ...BENEFITS, surname: 'Begum', dob: '2013-01-01', sex: 'F' },
    ]);
    expect(groups.find((g) => g.includes('Imran'))).toContain('Shazia');
    expect(rule.get('Shazia')).toBe(Evidence.NAMED_RELATIVE);
  });
});

describe('NAMED_RELATIVE: the other holder of a joint tenancy or claim on the row', () => {
  // the lead tenant's row names "Tenant 2" (a couple across one row): a lodger-aged co-tenant
  // with another surname, seen by benefits at the postcode only, neither a parent nor a child
  const lead = { who: 'Imran', ...HOUSING, surname: 'Khan', dob: '1984-03-02', sex: 'M', relativeForename: 'Zain', relativeSurname: 'MALIK', relativeRelationship: 'Tenant 2' } as const;
  const zain = { who: 'Zain', ...BENEFITS, surname: 'Malik', dob: '1990-01-01', sex: 'M' } as const;

  it('joins the fitting person whatever their age or sex: only the name must fit', () => {
    const { groups, rule } = place([lead, zain]);
    expect(groups).toEqual([['Imran', 'Zain']]);
    expect(rule.get('Zain')).toBe(Evidence.NAMED_RELATIVE);
  });

  it('joins no one when two people fit, or the name fits no one', () => {
    expect(place([lead, zain, { who: 'Zainab', ...BENEFITS, forename: 'Zain', surname: 'Malik', dob: '1962-05-05', sex: 'F' }]).groups).toContainEqual(['Imran']);
    expect(place([{ ...lead, relativeForename: 'Yasir' }, zain]).groups).toEqual([['Imran'], ['Zain']]);
  });
});

describe('relationKind: what a relationship cell says', () => {
  it('tells the family one lives with from everyone else', () => {
    expect(['Mother', 'FATHER', 'Step-father', 'Grand mother', 'Parent/Carer', 'Foster carer', 'Legal guardian'].map(relationKind)).toEqual(Array(7).fill('parent'));
    expect(['Wife', 'husband', 'Partner', 'Civil partner', 'Spouse'].map(relationKind)).toEqual(Array(5).fill('partner'));
    expect(['Son', 'Daughter'].map(relationKind)).toEqual(['child', 'child']);
    expect(['Friend', 'Neighbour', 'GP', 'Social worker', 'Aunt', 'Mother-in-law', 'Ex-partner'].map(relationKind)).toEqual(Array(7).fill('other'));
    expect(['Fall', '', null, 'NOK Name'].map(relationKind)).toEqual([null, null, null, null]);
    expect(['Mother', 'Husband', 'Parent'].map(sexOfRelation)).toEqual([2, 1, 0]);
    // the heading of a couple's second person says they live together, how related unsaid
    expect(['Joint tenant', 'Tenant 2', 'Co-tenant', 'Joint claimant', 'Second Claimant', 'Joint'].map(relationKind)).toEqual(Array(6).fill('coresident'));
    expect(['PTNR', 'Joint tenant (wife)', 'Lead tenant', 'Other adult'].map(relationKind)).toEqual(['partner', 'partner', null, 'other']);
  });
});
