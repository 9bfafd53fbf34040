// The demo borough holds the hard cases the linker must get right (scenarios.ts): sons named
// after their fathers at one home, twins, neighbours at one postcode who share a surname, and
// NINOs keyed wrongly in the benefits extract.
import { describe, expect, it } from 'vitest';
import { generateBorough, householdAddressAt, AS_OF, type Person } from '../../electron/engine/demo/borough.js';
import { generateExtract } from '../../electron/engine/demo/extracts.js';

describe('demo borough scenarios', () => {
  const b = generateBorough({ households: 1500, seed: 21 });
  const membersOf = (h: number): Person[] => b.households[h]!.members.map((m) => b.persons[m]!);

  it('has sons named after their fathers, and twins, at one home', () => {
    let named = 0;
    let twins = 0;
    for (const hh of b.households) {
      const members = membersOf(hh.index);
      const children = members.filter((p) => p.relationship === 'child');
      if (children.some((c) => c.sex === 'M' && members.some((f) => f !== c && f.relationship !== 'child' && f.sex === 'M' && f.forename === c.forename && f.dob < c.dob - 18 * 365))) named++;
      if (children.some((c, k) => children.some((d, l) => l > k && d.dob === c.dob && d.forename !== c.forename))) twins++;
    }
    expect(named).toBeGreaterThan(5);
    expect(twins).toBeGreaterThan(5);
  });

  it('has neighbours at one postcode who share a surname', () => {
    const byPostcodeSurname = new Map<string, Set<number>>();
    for (const hh of b.households) {
      if (hh.members.length === 0) continue;
      const head = b.persons[hh.members[0]!]!;
      const key = `${householdAddressAt(hh, AS_OF).postcode}|${head.surname}`;
      byPostcodeSurname.set(key, (byPostcodeSurname.get(key) ?? new Set()).add(hh.index));
    }
    expect([...byPostcodeSurname.values()].filter((s) => s.size >= 2).length).toBeGreaterThan(5);
  });

  it('keys some NINOs wrongly in the benefits extract: another valid NINO one digit off', () => {
    const extract = generateExtract(b, 'benefits');
    const ninos = new Set(b.persons.map((p) => p.nino).filter(Boolean));
    let typos = 0;
    for (const sheet of extract.sheets) {
      const col = sheet.header.indexOf('NI Number');
      if (col < 0) continue;
      for (const row of sheet.rows) {
        const v = String(row[col] ?? '');
        if (v && !ninos.has(v)) {
          expect(v).toMatch(/^[A-Z]{2}\d{6}[A-D]$/);
          typos++;
        }
      }
    }
    expect(typos).toBeGreaterThan(3);
  });
});
