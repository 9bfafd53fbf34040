// Roles settled by how a sheet's columns relate row by row, for columns read from their cells
// alone (no heading to go by; a heading the analyst or a synonym gave is never touched):
// - a reference code that rows of different people share is an incident's or an occurrence's
//   reference (everyone involved carries it), not the person's own, when those people mostly live
//   apart or another code column is one that each person repeats: event detail. Shared by people
//   at one address it stays: a tenancy's or a claim's reference joins a household;
// - of date columns none of which reads as a birth date, the one that comes years before the
//   others in nearly every row is the date of birth: a person's events follow their birth;
// - beside a forename and a surname, a column of given names that differ from the forename row by
//   row is the middle names (not a second forename, nor whole names under a heading saying "name");
// - of two columns headed as references, one whose cells are UPRNs is the property's UPRN;
// - columns before the postcode whose cells read as parts of an address are its lines, and a
//   column of numbers before them the house number where the first line lacks one.
// - without a heading, of two columns of single names the one people at one postcode share is the
//   surname and the other the forenames, where the name list found no forename.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { isPlaceholderDate, parseDate } from '../../../shared/domain/normalise/date.js';
import { wholeYearsBetween } from '../../../shared/domain/calendar.js';
import { nameKey } from '../../../shared/domain/normalise/name.js';
import { nicknameGroupsOf } from '../link/names.js';
import { NAME_WORD, headingNamesOtherField, looksLikeAddressPart, looksLikePlace, roleFromCells, roleFromHeader, type RoleSuggestion } from './roles.js';

type Rows = ReadonlyArray<ReadonlyArray<string | null>>;

/** The column's role came from its cells: not given by the analyst, and its heading names no role. */
const cellOnly = (headers: readonly string[], i: number, given: ReadonlyArray<ColumnRole | undefined>): boolean => !given[i] && roleFromHeader(headers[i] || null) === null;
const key = (v: string | null | undefined): string => (v ?? '').trim().toUpperCase().replace(/\s+/g, '');

const PERSON: ReadonlySet<ColumnRole> = new Set(['dob', 'forename', 'surname', 'full_name', 'nhs_number', 'nino', 'upn']);
const PLACE: ReadonlySet<ColumnRole> = new Set(['postcode', 'address', 'uprn', 'address_line']);

interface Sharing {
  /** codes that rows of different people share */
  shared: number;
  /** of those, codes held by people living apart */
  apart: number;
  /** codes one person repeats from row to row */
  same: number;
}

const NAME: ReadonlySet<ColumnRole> = new Set(['forename', 'surname', 'full_name']);

/**
 * How a sheet's reference columns' codes repeat in the sample: per column, or null without person
 * and place columns. Two rows are one person when they agree on a date of birth, an identifier or
 * the whole name (a clerk's typo in a name or a date does not make one person's rows two people's),
 * and at one place when they agree on a postcode, a UPRN or the whole address.
 */
function referenceSharing(suggestions: readonly RoleSuggestion[], rows: Rows): ((c: number) => Sharing) | null {
  const person = suggestions.flatMap((s, i) => (PERSON.has(s.role) ? [i] : []));
  const place = suggestions.flatMap((s, i) => (PLACE.has(s.role) ? [i] : []));
  if (person.length === 0 || place.length === 0) return null;
  const names = person.filter((i) => NAME.has(suggestions[i]!.role));
  const singles = person.filter((i) => !NAME.has(suggestions[i]!.role));
  const name = (r: ReadonlyArray<string | null>): string => names.map((i) => key(r[i])).join('|');
  const onePerson = (a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): boolean =>
    (names.length > 0 && name(a) === name(b) && name(a) !== names.map(() => '').join('|')) || singles.some((i) => key(a[i]) !== '' && key(a[i]) === key(b[i]));
  // one place when the postcode, the UPRN or the whole address agrees (one flat is written several
  // ways); not a line of it alone, which may be the town
  const locators = place.filter((i) => suggestions[i]!.role === 'postcode' || suggestions[i]!.role === 'uprn');
  const lines = place.filter((i) => !locators.includes(i));
  const address = (r: ReadonlyArray<string | null>): string => lines.map((i) => key(r[i])).join('|');
  const onePlace = (a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): boolean =>
    locators.some((i) => key(a[i]) !== '' && key(a[i]) === key(b[i])) || (lines.length > 0 && address(a) === address(b) && address(a) !== lines.map(() => '').join('|'));
  return (c) => {
    const groups = new Map<string, Array<ReadonlyArray<string | null>>>();
    for (const r of rows) {
      const v = key(r[c]);
      if (!v) continue;
      const g = groups.get(v);
      if (g) g.push(r);
      else groups.set(v, [r]);
    }
    let shared = 0;
    let apart = 0;
    let same = 0;
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      if (g.every((r) => onePerson(g[0]!, r))) {
        same++;
        continue;
      }
      shared++;
      if (!g.every((r) => onePlace(g[0]!, r))) apart++;
    }
    return { shared, apart, same };
  };
}

export function settleReferences(headers: readonly string[], suggestions: RoleSuggestion[], rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  const refs = suggestions.flatMap((s, i) => (s.role === 'agency_ref' && cellOnly(headers, i, given) ? [i] : []));
  if (refs.length === 0) return suggestions;
  const sharing = referenceSharing(suggestions, rows);
  if (!sharing) return suggestions;
  const stats = refs.map(sharing);
  // A code that one person repeats from row to row is the person's own reference.
  const ownRef = (k: number): boolean => (stats[k]?.same ?? 0) >= 3 && (stats[k]?.same ?? 0) > (stats[k]?.shared ?? 0);
  const out = suggestions.slice();
  refs.forEach((c, k) => {
    const { shared, apart, same } = stats[k]!;
    if (shared < 3 || shared <= same) return;
    const beside = refs.findIndex((_, j) => j !== k && ownRef(j));
    if (apart / shared >= 0.5 || beside >= 0) {
      const why = beside >= 0 ? `column ${(refs[beside] ?? 0) + 1} is the person's own reference (one person repeats it)` : `${apart} of ${shared} codes shared by different people are held by people living apart`;
      out[c] = { role: 'event', confidence: 0.5, reason: `the cells are reference codes that different people share, and ${why}: an incident's reference, kept as event detail` };
    }
  });
  return out;
}

/**
 * Of two references, whether headed or not, where one is each person's own number in the partner's
 * system (different people never share it, though one person may repeat it) and another is shared by
 * people who live together (a joint claim, a tenancy), the shared one is the record's reference:
 * it is what says who lives together, and a record keeps one reference. The person's own number
 * is kept as event detail. A "Person ID" column before "Claim Reference" had made every claimant
 * a household of their own. A shared code whose people mostly live apart (an incident's) is not a
 * household's, and a column the analyst set is left as set.
 */
export function settleHouseholdReference(suggestions: RoleSuggestion[], rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  const refs = suggestions.flatMap((s, i) => (s.role === 'agency_ref' && !given[i] ? [i] : []));
  if (refs.length < 2) return suggestions;
  const sharing = referenceSharing(suggestions, rows);
  if (!sharing) return suggestions;
  const stats = refs.map(sharing);
  // a number no two people share (one person's, or one row's); hardly ever, as a typo in both a
  // name and a date of birth makes one person's rows look like two people's now and then
  const own = refs.filter((_, k) => stats[k]!.shared * 10 <= stats[k]!.same);
  const together = refs
    .map((c, k) => ({ c, ...stats[k]! }))
    .filter((r) => r.shared >= 3 && r.shared > r.same && r.apart * 2 < r.shared)
    .sort((a, b) => b.shared - a.shared)[0];
  // a record takes the first reference column filled: only a person's number before the shared one is in its way
  const before = together ? own.filter((c) => c < together.c) : [];
  if (!together || before.length === 0) return suggestions;
  const out = suggestions.slice();
  for (const c of before) {
    out[c] = { role: 'event', confidence: 0.5, reason: `a number no two people share (each person's or each row's own); column ${together.c + 1} is shared by people living together (a claim, a tenancy), so it is the reference: kept as event detail` };
  }
  return out;
}

const YEAR = 365.25;

export function settleUnheadedBirthDate(headers: readonly string[], suggestions: RoleSuggestion[], rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = [], pivotYear?: number): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'dob')) return suggestions;
  const dates = suggestions.flatMap((s, i) => (s.role === 'event_date' ? [i] : []));
  if (dates.length < 2) return suggestions;
  const day = (v: string | null | undefined): number | null => {
    const iso = v ? parseDate(v, { pivotYear, allowSerial: true })?.iso : undefined;
    return iso ? Date.parse(iso) / 86_400_000 : null;
  };
  for (const c of dates) {
    if (!cellOnly(headers, c, given)) continue;
    let n = 0;
    let before = 0;
    let births = 0;
    const gaps: number[] = [];
    for (const r of rows) {
      const birth = day(r[c]);
      if (birth === null) continue;
      births++;
      for (const o of dates) {
        if (o === c) continue;
        const other = day(r[o]);
        if (other === null) continue;
        n++;
        if (other > birth) before++;
        gaps.push(other - birth);
      }
    }
    // The other dates are there in most rows: an end date left blank while a tenancy or a claim
    // runs would make its start look like a birth date.
    if (n < 3 || n < births * (dates.length - 1) * 0.8) continue;
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
    // Years before every other date in the row, and a person's age at them (under 120).
    if (before / n >= 0.95 && median >= 3 * YEAR && (gaps[gaps.length - 1] ?? 0) <= 120 * YEAR) {
      const out = suggestions.slice();
      out[c] = { role: 'dob', confidence: 0.6, reason: `the cells are dates, years before the row's other dates in ${Math.round((before / n) * 100)}% of rows: dates of birth` };
      return out;
    }
  }
  return suggestions;
}

/**
 * A column with no heading to go by whose whole numbers are, row by row, the years from the date
 * of birth to the row's event date is the person's age: evidence that names a person where the
 * date of birth itself is missing.
 */
export function settleUnheadedAge(headers: readonly string[], suggestions: RoleSuggestion[], rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = [], pivotYear?: number): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'age')) return suggestions;
  const dob = suggestions.findIndex((s) => s.role === 'dob');
  const dated = suggestions.findIndex((s) => s.role === 'event_date');
  if (dob < 0 || dated < 0) return suggestions;
  const iso = (v: string | null | undefined): string | null => (v ? (parseDate(v, { pivotYear, allowSerial: true })?.iso ?? null) : null);
  for (let c = 0; c < suggestions.length; c++) {
    const role = suggestions[c]?.role;
    if (role !== 'event' && role !== 'event_value' && role !== 'ignore') continue;
    if (!cellOnly(headers, c, given)) continue;
    let n = 0;
    let fits = 0;
    for (const r of rows) {
      const cell = r[c]?.trim();
      const birth = iso(r[dob]);
      const on = iso(r[dated]);
      if (!cell || !birth || !on || isPlaceholderDate(birth)) continue;
      n++;
      if (/^\d{1,3}$/.test(cell) && Math.abs(Number(cell) - wholeYearsBetween(birth, on)) <= 1) fits++;
    }
    if (n >= 5 && fits / n >= 0.9) {
      const out = suggestions.slice();
      out[c] = { role: 'age', confidence: 0.6, reason: `the cells are whole numbers, the years from the date of birth to the row's date in ${Math.round((fits / n) * 100)}% of rows: ages` };
      return out;
    }
  }
  return suggestions;
}

/** Roles a column's cells give when they say little: what an address line's may be read as. */
const WEAK: ReadonlySet<ColumnRole> = new Set(['event', 'event_value', 'event_category', 'ignore']);
/** Columns an address runs over before the postcode, at most. */
const MAX_LINES = 6;
const HOUSE_NUMBER = /^\d{1,4}[a-z]?$/i;

/**
 * Columns with no heading to go by that stand before the postcode (or before a town column there)
 * are the address's lines when their cells read as parts of one (a flat, a house number or
 * building, the street under a flat, a bare street, the locality, the town in whichever line the
 * address reached, a postcode typed into the last line) and one of them is
 * an address's by its cells or names streets: a town alone reads as no role by its cells; its
 * place in the run says what it is. Before the first line, a column of numbers is the house
 * number when the line it stands before lacks one in the rows it fills (an age or a count
 * stands before lines that have their own).
 */
export function settleAddressLines(headers: readonly string[], suggestions: RoleSuggestion[], columnSamples: ReadonlyArray<readonly string[]>, rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  let out = suggestions;
  const lineLike = (c: number): boolean => {
    const s = suggestions[c];
    // a town column is part of the run, not its end: the lines before it are the address's too
    if (s?.role === 'address_line' || s?.role === 'address' || s?.role === 'town') return true;
    if (!s || !WEAK.has(s.role) || !cellOnly(headers, c, given) || headingNamesOtherField(headers[c])) return false;
    const values = columnSamples[c] ?? [];
    const parts = values.filter((v) => looksLikeAddressPart(v)).length;
    // house numbers among building names ("23", "Kestrel House"): the door's column, a gazetteer's
    // PAON; numbers alone are judged below, as they may be an age or a count
    const numbers = values.filter((v) => HOUSE_NUMBER.test(v.trim())).length;
    return parts >= values.length * 0.9 || (parts > 0 && numbers > 0 && parts + numbers >= values.length * 0.9);
  };
  const addressLike = (c: number): boolean => {
    const role = suggestions[c]?.role;
    const values = columnSamples[c] ?? [];
    return role === 'address_line' || role === 'address' || (values.length > 0 && values.filter((v) => looksLikePlace(v)).length >= values.length * 0.5);
  };
  for (let p = 0; p < suggestions.length; p++) {
    if (suggestions[p]?.role !== 'postcode') continue;
    let start = p;
    while (start > 0 && p - start < MAX_LINES && lineLike(start - 1)) start--;
    const run: number[] = [];
    for (let c = start; c < p; c++) run.push(c);
    if (run.length === 0 || !run.some(addressLike)) continue;
    const h = start - 1;
    let filled = 0;
    let lacking = 0;
    const numbers = h >= 0 && WEAK.has(suggestions[h]?.role as ColumnRole) && cellOnly(headers, h, given) && (columnSamples[h] ?? []).every((v) => HOUSE_NUMBER.test(v.trim()));
    if (numbers)
      for (const r of rows) {
        if (!r[h]?.trim()) continue;
        filled++;
        if (!/^\d/.test(r[start]?.trim() ?? '')) lacking++;
      }
    if (numbers && filled >= 3 && lacking >= filled * 0.9) run.unshift(h);
    for (const c of run) {
      const s = suggestions[c];
      if (s?.role === 'address_line' || s?.role === 'address' || s?.role === 'town') continue;
      if (out === suggestions) out = suggestions.slice();
      out[c] = { role: 'address_line', confidence: 0.55, reason: c === h ? 'numbers before the first line of the address, which lacks one in those rows: the house number' : 'before the postcode, the cells are lines of the address (a street, a locality, a town)' };
    }
  }
  return out;
}

/**
 * A column a heading or an earlier step set aside, not one left unread: a heading naming someone
 * else's name or a past one ("PARTNER_FORENAME", "Mother Forename", "Maiden Name"), or a name
 * column kept, not used, as another person's on the row ("Tenant 2 Forename", "PTNR_FORENAME") or
 * as a preferred name beside the legal one. Its cells look like given names, and are someone
 * else's or another form of this person's forename, never their middle names.
 */
const setAside = (header: string | undefined, s: RoleSuggestion): boolean => {
  const byHeading = roleFromHeader(header || null)?.role;
  return byHeading === 'ignore' || (s.role === 'ignore' && byHeading !== undefined);
};

/** What a middle-names column's cells may have been read as, by its cells or a heading that only says "name". */
const NOT_MIDDLE_YET: ReadonlySet<ColumnRole> = new Set(['full_name', 'forename', 'event', 'event_value', 'event_category', 'ignore']);

/**
 * Beside a forename and a surname column, a column whose cells are given names (one or two words,
 * most of them first names the name list knows or the sheet's forename column holds, most rows
 * one word) that differ from the row's forename is the middle names: a whole name has two words or
 * more, and a second forename column repeats the first. Read as whole names (under "MName") or as nothing, the middle names were lost, and with
 * them what tells two children of one name apart.
 */
export function settleMiddleNames(headers: readonly string[], suggestions: RoleSuggestion[], columnSamples: ReadonlyArray<readonly string[]>, rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'middle_names')) return suggestions;
  const f = suggestions.findIndex((s) => s.role === 'forename');
  if (f < 0 || !suggestions.some((s) => s.role === 'surname')) return suggestions;
  // A given name is one the name list knows or one the sheet gives as someone's forename: a
  // borough's Kwame or Wojciech is in no list of ours, and a town is nobody's forename.
  const forenames = new Set<string>();
  for (const r of rows) {
    const key = nameKey(r[f]);
    if (key) forenames.add(key);
  }
  const givenName = (word: string): boolean => {
    const key = nameKey(word) ?? '';
    return forenames.has(key) || nicknameGroupsOf(key).length > 0;
  };
  for (let c = 0; c < suggestions.length; c++) {
    const s = suggestions[c];
    if (c === f || !s || given[c] || !NOT_MIDDLE_YET.has(s.role) || setAside(headers[c], s)) continue;
    // a third tenant's or a second contact's forename is never the row's person's middle names
    if (s.otherPerson) continue;
    const values = (columnSamples[c] ?? []).map((v) => v.trim()).filter(Boolean);
    if (values.length < 5) continue;
    const words = values.map((v) => v.split(/\s+/));
    const names = words.filter((w) => w.length <= 3 && w.every((x) => NAME_WORD.test(x))).length;
    const single = words.filter((w) => w.length === 1).length;
    const known = words.filter((w) => w.some(givenName)).length;
    if (names < values.length * 0.9 || single < values.length * 0.5 || known < values.length * 0.5) continue;
    let both = 0;
    let differ = 0;
    for (const r of rows) {
      const m = nameKey(r[c]);
      const fore = nameKey(r[f]);
      if (!m || !fore) continue;
      both++;
      if (m !== fore) differ++;
    }
    if (both < 5 || differ < both * 0.8) continue;
    const out = suggestions.slice();
    out[c] = { role: 'middle_names', confidence: 0.6, reason: `given names beside the forename and surname, different from the forename in ${Math.round((differ / both) * 100)}% of rows: middle names` };
    return out;
  }
  return suggestions;
}

/**
 * Of two or more columns headed as the partner's reference ("Tenancy Ref", "Property Ref"), one
 * whose cells read as UPRNs is the property's: the record keeps the other as its reference, and
 * the UPRN ties the people of a household to their home.
 */
export function settleUprn(suggestions: RoleSuggestion[], columnSamples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'uprn')) return suggestions;
  const refs = suggestions.flatMap((s, i) => (s.role === 'agency_ref' ? [i] : []));
  if (refs.length < 2) return suggestions;
  for (const c of refs) {
    if (given[c] || roleFromCells([...(columnSamples[c] ?? [])])?.role !== 'uprn') continue;
    const out = suggestions.slice();
    out[c] = { role: 'uprn', confidence: 0.6, reason: 'headed as a reference beside another, and the cells are UPRNs: the property\'s' };
    return out;
  }
  return suggestions;
}

/** Roles a column of single names may have been given by the name list, or none. */
const NAME_GUESS: ReadonlySet<ColumnRole> = new Set(['forename', 'surname', 'ignore', 'event', 'event_category', 'event_value']);

/**
 * Without a heading, which of two columns of single names holds the surnames is said by the rows
 * themselves: people at one postcode share a surname (a family) far more often than a forename.
 * The name list (first names with nicknames) knows too few of a borough's Aisha, Imran or
 * Agnieszka to tell a forename column from a surname column; where it found no forename, the
 * column most shared at a postcode is the surname and the one least shared the forenames.
 */
export function settleNamesByFamilies(headers: readonly string[], suggestions: RoleSuggestion[], columnSamples: ReadonlyArray<readonly string[]>, rows: Rows, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'forename' || s.role === 'full_name')) return suggestions;
  const postcode = suggestions.findIndex((s) => s.role === 'postcode');
  if (postcode < 0) return suggestions;
  const candidates = suggestions.flatMap((s, c) => {
    if (!NAME_GUESS.has(s.role) || !cellOnly(headers, c, given)) return [];
    const values = (columnSamples[c] ?? []).map((v) => v.trim()).filter(Boolean);
    if (values.length < 20) return [];
    const names = values.filter((v) => NAME_WORD.test(v)).length;
    const places = values.filter((v) => looksLikePlace(v)).length;
    return names >= values.length * 0.8 && places < values.length * 0.2 ? [c] : [];
  });
  if (candidates.length < 2) return suggestions;
  /** Of the rows with a postcode and a value here, the share whose value another row at that postcode also has. */
  const sharedAtPostcode = (c: number): number => {
    const seen = new Map<string, number>();
    let n = 0;
    for (const r of rows) {
      const pc = key(r[postcode]);
      const v = nameKey(r[c]);
      if (!pc || !v) continue;
      n++;
      seen.set(`${pc}\u0000${v}`, (seen.get(`${pc}\u0000${v}`) ?? 0) + 1);
    }
    let shared = 0;
    for (const count of seen.values()) if (count > 1) shared += count;
    return n === 0 ? 0 : shared / n;
  };
  const ranked = candidates.map((c) => ({ c, s: sharedAtPostcode(c) })).sort((a, b) => b.s - a.s);
  const top = ranked[0] as { c: number; s: number };
  const low = ranked[ranked.length - 1] as { c: number; s: number };
  // a family's surname is shared in most of its rows; a clear gap says which column is which
  if (top.s < 0.3 || top.s < low.s * 2 + 0.1) return suggestions;
  const out = suggestions.slice();
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  out[top.c] = { role: 'surname', confidence: 0.55, reason: `single names, the same as another row's at that postcode in ${pct(top.s)} of rows (a family's): last names` };
  out[low.c] = { role: 'forename', confidence: 0.55, reason: `single names, shared at a postcode in only ${pct(low.s)} of rows (against ${pct(top.s)} in column ${top.c + 1}): first names` };
  for (const { c } of ranked.slice(1, -1)) if (out[c]?.role === 'surname') out[c] = { role: 'ignore', confidence: 0.5 };
  return out;
}
