// Which way round a whole-name column writes names, decided once per sheet from its cells.
// "Smith John" and "John Smith" look alike cell by cell; the column tells them apart:
//   - cells that say it outright: "SMITH, John", "SMITH John" / "John SMITH" (the capitalised word
//     is the surname), voted on across the column;
//   - else the families in it: people at one postcode or address share a surname, so the word
//     that repeats within a household is the surname, whichever end it stands at;
//   - else the sexes in it: a forename goes with one sex, a surname with both (brothers and
//     sisters, husbands and wives), so the end whose repeated words keep to one sex is the forename.
// No list of forenames or surnames is used: an unseen borough's names decide for themselves.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { isUpperWord, withoutTitles, type NameOrder } from '../../../shared/domain/normalise/name.js';

/** Cells that must say the order outright before it is taken from them. */
const MIN_EXPLICIT = 3;
/** Households that must share a word before the repeating end is taken as the surname. */
const MIN_SHARED = 3;
/** Repeated words at each end needed before their sexes are compared. */
const MIN_REPEATED = 5;
/** How much more one end's repeated words must keep to one sex to be taken as the forename. */
const PURITY_GAP = 0.2;


function explicitOrder(value: string): NameOrder | null {
  if (value.includes(',')) return 'surname-first';
  const words = withoutTitles(value.split(/\s+/).filter(Boolean));
  if (words.length < 2) return null;
  const upper = words.map(isUpperWord);
  if (upper.every(Boolean) || !upper.some(Boolean)) return null;
  if (upper[0]) return 'surname-first';
  return upper[upper.length - 1] ? 'given-first' : null;
}

/** Share of the words seen at least twice that were only ever seen with one sex (null: too few). */
function singleSexShare(words: ReadonlyMap<string, { n: number; sexes: Set<string> }>): number | null {
  let repeated = 0;
  let single = 0;
  for (const w of words.values()) {
    if (w.n < 2) continue;
    repeated++;
    if (w.sexes.size === 1) single++;
  }
  return repeated >= MIN_REPEATED ? single / repeated : null;
}

function orderOfColumn(values: ReadonlyArray<string | null>, households: ReadonlyArray<string | null>, sexes: ReadonlyArray<string | null>): NameOrder | null {
  const votes = { 'surname-first': 0, 'given-first': 0 };
  const groups = new Map<string, Array<{ first: string; last: string }>>();
  const ends = { first: new Map<string, { n: number; sexes: Set<string> }>(), last: new Map<string, { n: number; sexes: Set<string> }>() };
  const note = (end: Map<string, { n: number; sexes: Set<string> }>, word: string, sex: string): void => {
    const seen = end.get(word) ?? { n: 0, sexes: new Set<string>() };
    seen.n++;
    seen.sexes.add(sex);
    end.set(word, seen);
  };
  values.forEach((raw, row) => {
    const value = raw?.trim();
    if (!value) return;
    const explicit = explicitOrder(value);
    if (explicit) {
      votes[explicit]++;
      return;
    }
    const words = withoutTitles(value.toLowerCase().split(/\s+/).filter(Boolean));
    const sex = sexes[row]?.trim().toUpperCase();
    if (words.length >= 2 && sex) {
      note(ends.first, words[0] ?? '', sex);
      note(ends.last, words[words.length - 1] ?? '', sex);
    }
    const home = households[row]?.toUpperCase().replace(/\s+/g, '');
    if (words.length < 2 || !home) return;
    const group = groups.get(home) ?? [];
    group.push({ first: words[0] ?? '', last: words[words.length - 1] ?? '' });
    groups.set(home, group);
  });
  const explicit = votes['surname-first'] + votes['given-first'];
  if (explicit >= MIN_EXPLICIT) {
    if (votes['surname-first'] >= 2 * votes['given-first']) return 'surname-first';
    if (votes['given-first'] >= 2 * votes['surname-first']) return 'given-first';
  }
  // Households: how many share the first word, and how many the last, between two of their people.
  let firstShared = 0;
  let lastShared = 0;
  for (const rows of groups.values()) {
    // One person in several rows (each term, each tenancy) is one person: repeats say nothing.
    const people = [...new Map(rows.map((p) => [`${p.first}|${p.last}`, p])).values()];
    if (people.length < 2) continue;
    const firsts = new Set<string>();
    const lasts = new Set<string>();
    let first = false;
    let last = false;
    for (const p of people) {
      if (firsts.has(p.first)) first = true;
      if (lasts.has(p.last)) last = true;
      firsts.add(p.first);
      lasts.add(p.last);
    }
    if (first) firstShared++;
    if (last) lastShared++;
  }
  if (firstShared >= MIN_SHARED && firstShared >= 2 * lastShared) return 'surname-first';
  if (lastShared >= MIN_SHARED && lastShared >= 2 * firstShared) return 'given-first';
  const first = singleSexShare(ends.first);
  const last = singleSexShare(ends.last);
  if (first !== null && last !== null) {
    if (last - first >= PURITY_GAP) return 'surname-first';
    if (first - last >= PURITY_GAP) return 'given-first';
  }
  return null;
}

/** Per column: the order of names in a whole-name column when its cells show it (other columns null). */
export function nameOrdersOf(roles: readonly ColumnRole[], sample: ReadonlyArray<ReadonlyArray<string | null>>): Array<NameOrder | null> {
  // A home is its UPRN, else its address lines with the postcode: a postcode alone holds a dozen
  // homes or more, whose families' names would blur together.
  const uprn = roles.indexOf('uprn');
  const parts = uprn >= 0 ? [uprn] : roles.flatMap((r, i) => (r === 'address' || r === 'address_line' || r === 'postcode' ? [i] : []));
  const households = sample.map((cells) => {
    const key = parts.map((i) => cells[i] ?? '').join('|');
    return key.replace(/[|\s]/g, '') ? key : null;
  });
  const sex = roles.indexOf('sex');
  const sexes = sample.map((cells) => (sex >= 0 ? (cells[sex] ?? null) : null));
  return roles.map((role, i) => (role === 'full_name' ? orderOfColumn(sample.map((cells) => cells[i] ?? null), households, sexes) : null));
}
