import { describe, expect, it } from 'vitest';
import { personAddress, recordAddress } from '../../electron/engine/link/address.js';
import { blankLinkRecord } from '../helpers/link-record.js';
import { areNicknames, transliterationKey } from '../../electron/engine/link/names.js';
import { jaro, jaroWinkler, soundex, withinOneEdit } from '../../electron/engine/link/strings.js';
import { pairwiseScore } from '../helpers/pairwise-score.js';

describe('Jaro–Winkler', () => {
  it.each([
    { a: 'MARTHA', b: 'MARHTA', expected: 0.9611 },
    { a: 'DWAYNE', b: 'DUANE', expected: 0.84 },
    { a: 'DIXON', b: 'DICKSONX', expected: 0.8133 },
    { a: 'SAME', b: 'SAME', expected: 1 },
    { a: 'ABC', b: 'XYZ', expected: 0 },
    { a: '', b: 'A', expected: 0 },
  ])('$a / $b = $expected', ({ a, b, expected }) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 4);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 4);
  });
  it('Jaro of MARTHA / MARHTA is 0.944', () => expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4));
});

describe('one edit (Damerau–Levenshtein ≤ 1)', () => {
  it.each([
    { a: 'KITTEN', b: 'KITTEN', expected: true },
    { a: 'KITTEN', b: 'SITTEN', expected: true },
    { a: 'KITTEN', b: 'IKTTEN', expected: true },
    { a: 'KITTEN', b: 'KITTENS', expected: true },
    { a: 'KITTEN', b: 'KITEN', expected: true },
    { a: 'KITTEN', b: 'SITTING', expected: false },
    { a: 'AB', b: 'BA', expected: true },
    { a: 'ABC', b: 'CBA', expected: false },
  ])('$a / $b → $expected', ({ a, b, expected }) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describe('Soundex', () => {
  it.each([
    ['ROBERT', 'R163'],
    ['RUPERT', 'R163'],
    ['ASHCRAFT', 'A261'],
    ['TYMCZAK', 'T522'],
    ['PFISTER', 'P236'],
    ['LEE', 'L000'],
    ['', ''],
  ])('%s → %s', (name, code) => expect(soundex(name)).toBe(code));
});

describe('names', () => {
  it.each([
    ['BILL', 'WILLIAM', true],
    ['PEGGY', 'MARGARET', true],
    ['CHRIS', 'CHRISTINE', true],
    ['CHRIS', 'CHRISTOPHER', true],
    ['CHRISTINE', 'CHRISTOPHER', false],
    ['JOHN', 'JOHN', false],
    ['JOHN', 'MARY', false],
  ])('nicknames %s / %s → %s', (a, b, expected) => expect(areNicknames(a, b)).toBe(expected));

  it.each([
    ['MOHAMMED', 'MUHAMMAD', true],
    ['MOHAMED', 'MUHAMMAD', true],
    ['HUSSAIN', 'HUSSEIN', true],
    ['YUSUF', 'YOUSEF', true],
    ['FATIMA', 'FATIMAH', true],
    ['AHMED', 'AHMAD', true],
    ['MOHAMMED', 'MAHMOOD', false],
    ['OSMAN', 'OTHMAN', false],
  ])('transliteration %s / %s → %s', (a, b, same) => expect(transliterationKey(a) === transliterationKey(b)).toBe(same));
});

describe('address parsing', () => {
  it.each([
    { address: '17 Glover Street, Wexthorpe', flat: null, number: '17', street: 'GLOVER STREET' },
    { address: 'Flat 2, 14 Acacia Rd, Wexthorpe, S60 1AB', flat: '2', number: '14', street: 'ACACIA ROAD' },
    { address: 'FLAT 4 9 CHESTNUTBROOK CRESCENT, THRAWMOOR, S62 3BN', flat: '4', number: '9', street: 'CHESTNUTBROOK CRESCENT' },
    { address: '8, stanley street, miami', flat: null, number: '8', street: 'STANLEY STREET' },
    { address: 'Rose Cottage, Mill Lane', flat: null, number: null, street: 'MILL LANE' },
  ])('$address', ({ address, flat, number, street }) => {
    const stored = recordAddress({ ...blankLinkRecord(1), address });
    const parsed = stored ? personAddress(stored.parts) : null;
    expect(parsed).toMatchObject({ flat, number, street });
    expect(parsed?.tokens).not.toContain('S60');
    expect(parsed?.tokens).not.toContain('1AB');
  });
});

describe('pairwise score', () => {
  it('counts pairs from the contingency table', () => {
    // truth: {0,1,2} {3,4}; predicted: {0,1} {2,3,4}
    const s = pairwiseScore([1, 1, 2, 2, 2], ['a', 'a', 'a', 'b', 'b']);
    expect(s.truePairs).toBe(4);
    expect(s.predictedPairs).toBe(4);
    expect(s.truePositives).toBe(2);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBe(0.5);
  });
  it('perfect and empty clusterings', () => {
    expect(pairwiseScore(['x', 'x', 'y'], [7, 7, 8]).f1).toBe(1);
    const none = pairwiseScore([1, 2, 3], [4, 5, 6]);
    expect(none.precision).toBe(1);
    expect(none.recall).toBe(1);
  });
  it('counts only pairs across groups for a two-source link', () => {
    // A = items 0,1; B = items 2,3. Truth: 0~2, 1~3, plus 0~1 within A (ignored)
    const truth = ['p', 'p', 'p', 'q'];
    const predicted = [1, 2, 1, 2];
    const s = pairwiseScore(predicted, truth, [0, 0, 1, 1]);
    expect(s.truePairs).toBe(2); // 0-2, 1-2 (truth p: items 0,1,2 → cross pairs 0-2, 1-2)
    expect(s.predictedPairs).toBe(2); // 0-2, 1-3
    expect(s.truePositives).toBe(1); // 0-2
  });
});
