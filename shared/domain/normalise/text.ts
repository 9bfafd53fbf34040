/** Folds diacritics and case so "Zoë" and "ZOE" compare equal; the original stays in the raw row. */
export function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

/** Trims and collapses inner white space (incl. non-breaking spaces); empty becomes null. */
export function cleanCell(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = value.replace(/[\s\u00a0]+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}
