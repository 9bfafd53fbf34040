import { cleanCell, foldText } from './text.js';

/** Forms of address: never a name, even alone. */
const ADDRESS_FORMS = new Set(['MR', 'MRS', 'MS', 'MISS', 'MX', 'DR', 'MASTER', 'REV', 'PROF', 'FR', 'REVD', 'CLLR', 'CAPT', 'SGT']);
/** Titles before a name that are surnames too ("Lord" is a Lancashire name): alone, the name. */
const TITLES = new Set([...ADDRESS_FORMS, 'SIR', 'LADY', 'DAME', 'LORD']);
const SUFFIXES = new Set(['JR', 'JNR', 'JUNIOR', 'SR', 'SNR', 'SENIOR', 'II', 'III', 'IV', 'OBE', 'MBE', 'CBE', 'QC', 'KC', 'PHD', 'MP']);
/** Lower-case particles that belong to the surname that follows them ("de la Cruz", "van Dyke"). */
const PARTICLES = new Set(['DE', 'DA', 'DI', 'DO', 'DOS', 'DAS', 'DEL', 'DELLA', 'DER', 'DEN', 'DU', 'LA', 'LE', 'VAN', 'VON', 'TEN', 'TER', 'BIN', 'BINT', 'IBN', 'AL', 'EL', 'AP', 'ST']);

const bare = (word: string): string => foldText(word).replace(/[.']/g, '');
export const isTitle = (word: string): boolean => TITLES.has(bare(word));
/**
 * A name's words without the titles in front of it ("Mr", "Dr", "Sir"). A title stands before the
 * name: a lone word, or one where the surname stands, is the name ("LORD, Roy", "Mark LORD"),
 * unless it is only a form of address ("Mrs").
 */
export function withoutTitles(words: readonly string[]): string[] {
  let k = 0;
  while (k < words.length - 1 && isTitle(words[k] ?? '')) k++;
  return k === words.length - 1 && ADDRESS_FORMS.has(bare(words[k] ?? '')) ? [] : words.slice(k);
}
const isSuffix = (word: string): boolean => SUFFIXES.has(bare(word).replace(/,$/, ''));

/** A name's match key: folded case, no punctuation, hyphens and apostrophes removed, titles dropped. */
const PLAIN_WORD = /^[A-Za-z]+$/;

export function nameKey(value: string | null | undefined): string | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  if (PLAIN_WORD.test(cleaned)) {
    const upper = cleaned.toUpperCase();
    return ADDRESS_FORMS.has(upper) ? null : upper;
  }
  const tokens = withoutTitles(
    foldText(cleaned)
      .replace(/['’`]/g, '')
      .replace(/[^A-Z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .filter(Boolean),
  );
  return tokens.length ? tokens.join(' ') : null;
}

export interface CleanName {
  /** The name as written, tidied: spaces collapsed, curly apostrophes straightened, spaces round hyphens dropped, stray punctuation trimmed, title taken off. */
  name: string | null;
  /** A title found at the front ("Mr", "Dr"), without its full stop. */
  title: string | null;
  /** The name is only initials ("J.", "J P"). */
  initialsOnly: boolean;
}

/** Initials of each word ("J P" for "J.P." or "John Paul"), folded. */
export function initialsOf(value: string | null | undefined): string | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const letters = withoutTitles(
    cleaned
      .replace(/\./g, ' ')
      .split(/[\s-]+/)
      .filter(Boolean),
  )
    .map((w) => /\p{L}/u.exec(w)?.[0] ?? '')
    .filter(Boolean);
  return letters.length ? foldText(letters.join(' ')) : null;
}

/**
 * Tidies one name cell without changing its case or letters (diacritics are folded only in the
 * key; the original stays in the record and the raw row).
 */
export function cleanName(value: string | null | undefined): CleanName {
  const cleaned = cleanCell(value);
  if (!cleaned) return { name: null, title: null, initialsOnly: false };
  // Most names are one plain word: nothing to tidy.
  if (PLAIN_WORD.test(cleaned)) return { name: cleaned, title: null, initialsOnly: cleaned.length === 1 };
  const none: CleanName = { name: null, title: null, initialsOnly: false };
  let text = cleaned
    .replace(/[’`´]/g, "'")
    .replace(/\s*-\s*/g, '-')
    .replace(/^[\s"'.,;:*()[\]_-]+|[\s"',;:*()[\]_-]+$/g, '')
    .replace(/\s*\.\s*(?=\S)/g, '. ')
    .trim();
  if (!text) return none;
  let title: string | null = null;
  const words = text.split(' ');
  while (words.length > 1 && isTitle(words[0] ?? '')) {
    title ??= (words[0] ?? '').replace(/\.$/, '');
    words.shift();
  }
  text = words.join(' ');
  const initialsOnly = words.every((w) => /^\p{L}\.?$/u.test(w));
  return { name: text, title, initialsOnly };
}

/**
 * Name case for display: "SMITH" → "Smith", "o'neil" → "O'Neil", "mcdonald" → "McDonald",
 * "smith-jones" → "Smith-Jones", "de la cruz" → "de la Cruz". Mixed-case input is left alone.
 */
export function nameCase(value: string): string {
  if (value !== value.toUpperCase() && value !== value.toLowerCase()) return value;
  const lower = value.toLowerCase();
  return lower.replace(/[\p{L}']+/gu, (word, offset: number) => {
    const particle = word !== 'st' && PARTICLES.has(word.toUpperCase()) && /\p{L}/u.test(lower.slice(offset + word.length));
    if (particle) return word;
    let w = word.charAt(0).toUpperCase() + word.slice(1);
    w = w.replace(/^(Mc|O')(\p{L})/u, (_m, p: string, c: string) => p + c.toUpperCase());
    if (/^Mac[bcdfgklmnpqrstvwz]\p{L}{2,}/u.test(w) && !/^Mac(k|e|hin|aw|ey|ro)/.test(w)) w = `Mac${w.charAt(3).toUpperCase()}${w.slice(4)}`;
    return w;
  });
}

export interface SplitName {
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
}

/** A word written in capitals ("SMITH"): how many systems mark the surname in a whole name. */
export const isUpperWord = (w: string): boolean => /\p{Lu}{2,}/u.test(w) && w === w.toUpperCase();

/** Joins lower-case particles to the surname that follows them. */
function withParticles(given: string[], surname: string[]): { given: string[]; surname: string[] } {
  const g = given.slice();
  const s = surname.slice();
  while (g.length > 1 && PARTICLES.has(bare(g[g.length - 1] ?? '')) && (g[g.length - 1] ?? '') === (g[g.length - 1] ?? '').toLowerCase()) s.unshift(g.pop() ?? '');
  return { given: g, surname: s };
}

/**
 * Splits one "full name" cell. Handles 'SURNAME, Forename Middle', 'Surname, Mr J.',
 * 'Forename Middle SURNAME' and 'SURNAME Forename' (a capitalised surname wins wherever it
 * stands), particles ('Maria de la Cruz'), titles and suffixes, and plain 'Forename Middle Surname'
 * — or 'Surname Forename Middle' when the column's `order` says its names are written that way.
 */
/** How a whole-name column writes names when a cell does not say (see import/name-order.ts). */
export type NameOrder = 'given-first' | 'surname-first';

export function splitFullName(value: string | null | undefined, order: NameOrder | null = null): SplitName {
  const cleaned = cleanCell(value);
  if (!cleaned) return { forename: null, middleNames: null, surname: null };
  const comma = cleaned.indexOf(',');
  if (comma >= 0) {
    const surnameWords = withoutTitles((cleanCell(cleaned.slice(0, comma)) ?? '').split(' ').filter(Boolean));
    const rest = (cleanCell(cleaned.slice(comma + 1).replace(/,/g, ' ')) ?? '')
      .replace(/\b(\p{L})\.(?=\p{L})/gu, '$1. ')
      .split(' ')
      .filter((w) => w && !isTitle(w) && !isSuffix(w))
      .map((w) => (/^\p{L}\.$/u.test(w) ? w.slice(0, 1) : w));
    const surname = surnameWords.join(' ') || null;
    return { surname, forename: rest[0] ?? null, middleNames: rest.length > 1 ? rest.slice(1).join(' ') : null };
  }
  const words = withoutTitles(cleaned.split(' '));
  while (words.length > 1 && isSuffix(words[words.length - 1] ?? '')) words.pop();
  if (words.length === 0) return { forename: null, middleNames: null, surname: null };
  if (words.length === 1) return { forename: null, middleNames: null, surname: words[0] ?? null };
  const upper = words.map(isUpperWord);
  const allUpper = upper.every(Boolean);
  if (!allUpper && upper.some(Boolean)) {
    const surnameWords = words.filter((_, i) => upper[i]);
    const givenWords = words.filter((_, i) => !upper[i]);
    // Particles standing just before a capitalised surname join it ("Ludwig van BEETHOVEN").
    const firstUpper = upper.indexOf(true);
    const split = firstUpper > 0 ? withParticles(words.slice(0, firstUpper), []) : null;
    const given = split ? [...split.given, ...givenWords.slice(firstUpper)] : givenWords;
    const surname = split ? [...split.surname, ...surnameWords] : surnameWords;
    return {
      surname: surname.join(' '),
      forename: given[0] ?? null,
      middleNames: given.length > 1 ? given.slice(1).join(' ') : null,
    };
  }
  if (order === 'surname-first') {
    // The column writes "Surname Forename Middle": the first word is the surname.
    const [surname, ...given] = words;
    return { surname: surname ?? null, forename: given[0] ?? null, middleNames: given.length > 1 ? given.slice(1).join(' ') : null };
  }
  const { given, surname } = withParticles(words.slice(0, -1), words.slice(-1));
  if (given.length === 0) return { forename: null, middleNames: null, surname: surname.join(' ') };
  return {
    forename: given[0] ?? null,
    middleNames: given.length > 1 ? given.slice(1).join(' ') : null,
    surname: surname.join(' '),
  };
}

/** A cell that reads like a person's whole name: two to five words of letters, or "SURNAME, Forename". */
export function looksLikeFullName(value: string): boolean {
  const v = value.trim();
  if (v.length < 3 || v.length > 60 || /[0-9@/\\]/.test(v)) return false;
  if (/^[\p{L}' -]+,\s*[\p{L}' .-]+$/u.test(v)) return true;
  const words = withoutTitles(v.split(/\s+/));
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^[\p{L}][\p{L}'.-]*$/u.test(w));
}
