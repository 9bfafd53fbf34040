// A pupil's national curriculum year as schools write it: "7", "07", "Y7", "Yr 7", "Year 7",
// "R" or "Rec" for Reception, "N1"/"N2" for nursery. One reader for the importer and the mapping
// screen's column check, so what the screen says is what the import keeps.

/**
 * A national curriculum year from a cell: 1–14 (also "Y7", "Year 7", "07"), 0 for Reception ("R",
 * "Rec", "YR"), -1 and -2 for nursery ("N2", "N1"); null for anything else (a date, a school year
 * "2024/25", a name).
 */
export function yearGroupOf(cell: string | null | undefined): number | null {
  const v = (cell ?? '').trim().toLowerCase();
  if (!v) return null;
  if (/^(r|rec|reception|yr|y r|year r)$/.test(v)) return 0;
  const nursery = /^n ?([12])$/.exec(v);
  if (nursery) return Number(nursery[1]) - 3;
  const m = /^(?:y|yr|year|nc|ncy)? ?0?(\d{1,2})$/.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 14 ? n : null;
}

/**
 * A year group written the way only year groups are: Reception, nursery or a "Y"/"Year" prefix
 * ("R", "N2", "Y7", "Year 10"). An age or a count is never written so; a bare "7" could be either.
 */
export function markedYearGroup(cell: string | null | undefined): boolean {
  const v = (cell ?? '').trim();
  return v !== '' && !/^\d+$/.test(v) && yearGroupOf(v) !== null;
}
