// School terms read from unheaded cells: a count column beside them (here an age) must not shift
// the pairing of sessions possible and absences by one column.
import { describe, expect, it } from 'vitest';
import { termPairsFromCells } from '../../electron/engine/import/event-cells.js';

/** Rows of: an age (5–15), then three terms of [sessions possible, absences]. */
function pupils(n: number): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const age = String(5 + (i % 11));
    const terms = [128, 120, 116].flatMap((possible, t) => [String(possible), String(i % 3 === 0 ? 0 : (i * (t + 3)) % 23)]);
    rows.push([age, ...terms]);
  }
  return rows;
}

describe('term pairs from cells', () => {
  it('pairs each term its own columns when an age column stands just before them', () => {
    const rows = pupils(40);
    expect(termPairsFromCells([0, 1, 2, 3, 4, 5, 6], rows)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('still pairs terms with no other column beside them', () => {
    const rows = pupils(40).map((r) => r.slice(1));
    expect(termPairsFromCells([0, 1, 2, 3, 4, 5], rows)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });
});
