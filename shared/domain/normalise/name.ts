import { cleanCell, foldText } from './text.js';

const TITLES = new Set(['MR', 'MRS', 'MS', 'MISS', 'MX', 'DR', 'MASTER', 'REV', 'SIR', 'LADY', 'PROF']);

/** A name's match key: folded case, no punctuation, hyphens and apostrophes removed, titles dropped. */
export function nameKey(value: string | null | undefined): string | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const tokens = foldText(cleaned)
    .replace(/['’`]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t && !TITLES.has(t));
  return tokens.length ? tokens.join(' ') : null;
}

export interface SplitName {
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
}

const isUpperWord = (w: string): boolean => /\p{Lu}{2,}/u.test(w) && w === w.toUpperCase();

/**
 * Splits one "full name" cell. Handles 'SURNAME, Forename Middle', 'Forename Middle SURNAME'
 * (a capitalised surname wins wherever it stands) and plain 'Forename Middle Surname'.
 */
export function splitFullName(value: string | null | undefined): SplitName {
  const cleaned = cleanCell(value);
  if (!cleaned) return { forename: null, middleNames: null, surname: null };
  const comma = cleaned.indexOf(',');
  if (comma >= 0) {
    const surname = cleanCell(cleaned.slice(0, comma));
    const rest = (cleanCell(cleaned.slice(comma + 1)) ?? '').split(' ').filter((w) => !TITLES.has(foldText(w).replace(/\./g, '')));
    return { surname, forename: rest[0] ?? null, middleNames: rest.length > 1 ? rest.slice(1).join(' ') : null };
  }
  const words = cleaned.split(' ').filter((w) => !TITLES.has(foldText(w).replace(/\./g, '')));
  if (words.length === 0) return { forename: null, middleNames: null, surname: null };
  if (words.length === 1) return { forename: null, middleNames: null, surname: words[0] ?? null };
  const upper = words.map(isUpperWord);
  const allUpper = upper.every(Boolean);
  if (!allUpper && upper.some(Boolean)) {
    const surnameWords = words.filter((_, i) => upper[i]);
    const given = words.filter((_, i) => !upper[i]);
    return {
      surname: surnameWords.join(' '),
      forename: given[0] ?? null,
      middleNames: given.length > 1 ? given.slice(1).join(' ') : null,
    };
  }
  return {
    forename: words[0] ?? null,
    middleNames: words.length > 2 ? words.slice(1, -1).join(' ') : null,
    surname: words[words.length - 1] ?? null,
  };
}
