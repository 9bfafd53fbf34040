// A partner's number for the person joins that person's rows; a placeholder written in the column
// ("N/A", "0000", "unknown") or one number keyed for two people must not join anyone.
import { describe, expect, it } from 'vitest';
import { normalisePersonNumber } from '../../electron/engine/import/person-number.js';
import { personNumberLinks } from '../../electron/engine/link/person-numbers.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord } from '../helpers/link-record.js';

let id = 1;
const rec = (r: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(id++), partner: 'Met Police', sourceKind: 'police', ...r });

describe('normalisePersonNumber', () => {
  it.each([
    ['n0120 0000', 'N01200000'],
    [' N01200058 ', 'N01200058'],
    ['N/A', null],
    ['UNKNOWN', null],
    ['0000', null],
    ['', null],
    [null, null],
  ])('%j → %j', (value, expected) => expect(normalisePersonNumber(value)).toBe(expected));
});

describe('personNumberLinks', () => {
  it('joins an alias row to its person, within one partner and kind only', () => {
    const records = [
      rec({ personRef: 'N1', forename: 'George', surname: 'SMITH', dob: '1995-01-20', sex: 'M' }),
      rec({ personRef: 'N1', forename: 'Mark', surname: 'SMITH', dob: '1995-01-20', sex: 'M' }),
      // the same number in another partner's system is another person
      rec({ personRef: 'N1', forename: 'Lily', surname: 'WOOD', dob: '2010-04-01', sex: 'F', partner: 'Hospital' }),
    ];
    const links = personNumberLinks(records);
    expect(links.pairs).toEqual([[0, 1]]);
  });

  it('keeps apart rows of one number a generation or a sex apart, or with dates more than a slip apart', () => {
    const records = [
      rec({ personRef: 'N2', forename: 'Simon', surname: 'SMITH', dob: '1968-05-02', sex: 'M' }),
      rec({ personRef: 'N2', forename: 'Simon', surname: 'SMITH', dob: '2010-05-02', sex: 'M' }),
      rec({ personRef: 'N2', forename: 'Sarah', surname: 'SMITH', dob: '1968-05-02', sex: 'F' }),
      // one digit mis-keyed: the same person
      rec({ personRef: 'N2', forename: 'Simon', surname: 'SMITH', dob: '1968-05-03', sex: 'M' }),
    ];
    const links = personNumberLinks(records);
    expect(links.pairs).toEqual([[0, 3]]);
    expect(links.keptApart).toBe(2);
  });

  it('a number on more than 500 rows is a placeholder and joins no one', () => {
    const records = Array.from({ length: 501 }, (_, i) => rec({ personRef: '99999', forename: `P${i}`, surname: 'X', sex: 'M' }));
    expect(personNumberLinks(records).pairs).toEqual([]);
  });
});
