// A column that names someone related to the row's person — A&E's next of kin, youth justice's
// parent or carer, a school's contact — and the relationship column beside it. The household
// stage reads them as evidence of who lives together (a mother whose children carry their
// father's surname); they are never the person's own name. Found by heading and cells together:
// a whole name in one column ("NOK Name", "Parent/Carer") or split over columns whose headings
// name the person and the part ("Parent Forename" + "Parent Surname", "CARER_FNAME", "NOK Last
// Name", "Contact1 Surname").
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { looksLikeFullName } from '../../../shared/domain/normalise/name.js';
import { partHeading, RELATED_PERSON, relationKind, whoseHeading } from '../../../shared/domain/relationship.js';
import { headerKey, looksLikePlace, PERSON_NAME_ROLES, rawRoleFromHeader, type RoleSuggestion } from './roles.js';

/** A heading that names the relationship itself. */
const RELATIONSHIP = /\b(relationship|relation|rel)\b/;
/** Heading roles under which a related person's column may still be a whole name ("NOK Name", "Parent/Carer", "Next of Kin"). */
const NAME_HEADINGS: ReadonlySet<ColumnRole> = new Set(['full_name', 'event']);
/** Share of filled cells that must read as names (or relationships) for the column to be one. */
const MOST = 0.7;
/** The roles a related person's name takes: whole, or its parts. */
export const RELATIVE_NAME_ROLES: ReadonlySet<ColumnRole> = new Set(['relative_name', 'relative_forename', 'relative_surname']);
/** What the part of a split name becomes when a sheet has no other name: the row's own person's. */
const OWN_ROLE: Partial<Record<ColumnRole, ColumnRole>> = { relative_forename: 'forename', relative_surname: 'surname' };
/** Cells a column headed "Parent Surname" may hold that are no one's name: answers, codes, sexes and titles. */
const NOT_A_NAME = /^(y|n|yes|no|true|false|unknown|not known|nk|none|n\/?a|tbc|refused|male|female|m|f|u|x|mr|mrs|ms|miss|mx|dr)\.?$/i;
/** A cell that is a name's part: words of letters (an initial too), not a street or an answer. */
const NAME_PART = /^\p{L}[\p{L}'’. -]{0,39}$/u;
/** Fewer distinct cells than this share, over enough of them, is a code list ("Y", "N", "Both"), not names (initials aside: 26 letters). */
const DISTINCT = 0.2;
const INITIAL = /^\p{L}\.?$/u;

const share = (values: readonly string[], test: (v: string) => boolean): number => (values.length ? values.filter(test).length / values.length : 0);
const pct = (s: number): string => `${Math.round(s * 100)}%`;
/** A heading's words with a number and a run-together word parted: "Contact1Surname" → "contact 1 surname". */
const keyOf = (header: string): string => headerKey(partHeading(header));

function namePartShare(values: readonly string[]): number {
  const s = share(values, (v) => NAME_PART.test(v) && !NOT_A_NAME.test(v) && v.split(/\s+/).length <= 4 && !looksLikePlace(v));
  if (values.length < 10 || share(values, (v) => INITIAL.test(v)) >= 0.5) return s;
  return new Set(values.map((v) => v.toUpperCase())).size / values.length < DISTINCT ? 0 : s;
}

/** The part of a name a related person's heading names, after the words for whom: forename (an initial too) or surname. */
function partOf(key: string): 'relative_forename' | 'relative_surname' | null {
  const field = key
    .split(' ')
    .filter((w) => !RELATED_PERSON.test(w) && !/^(\d+|s|of|next|the|1st|2nd|main|primary)$/.test(w))
    .join(' ');
  if (!field) return null;
  if (/^initials?$/.test(field)) return 'relative_forename';
  const role = rawRoleFromHeader(field)?.role;
  return role === 'forename' ? 'relative_forename' : role === 'surname' ? 'relative_surname' : null;
}

/** The role a column's heading and cells give it as a related person's field, or null. */
export function relativeRole(header: string | null, values: readonly string[]): RoleSuggestion | null {
  const key = keyOf(header ?? '');
  const filled = values.map((v) => v.trim()).filter(Boolean).slice(0, 500);
  if (!key || filled.length === 0) return null;
  if (RELATIONSHIP.test(key)) {
    const s = share(filled, (v) => relationKind(v) !== null);
    return s >= MOST ? { role: 'relative_relationship', confidence: 0.75, reason: `the heading "${header}" names a relationship and ${pct(s)} of the cells are relationships (mother, partner, friend, …)` } : null;
  }
  if (!RELATED_PERSON.test(key)) return null;
  const raw = rawRoleFromHeader(key);
  // a register's "Father's Forename" is the person's own evidence, read as such
  if (raw?.role === 'father_forename') return null;
  const part = partOf(key);
  if (part) {
    const s = namePartShare(filled);
    if (s < MOST) return null;
    const what = part === 'relative_forename' ? 'forename or initial' : 'surname';
    return { role: part, confidence: 0.75, reason: `the heading "${header}" names someone related to the person and ${pct(s)} of the cells are names: kept as that person's ${what} (for households), never as the person's own` };
  }
  if (raw && !NAME_HEADINGS.has(raw.role)) return null;
  const s = share(filled, (v) => looksLikeFullName(v) && !looksLikePlace(v));
  if (s < MOST) return null;
  return { role: 'relative_name', confidence: 0.75, reason: `the heading "${header}" names someone related to the person and ${pct(s)} of the cells are names: kept as that person's name (for households), never as the person's own` };
}

/**
 * Gives related-person roles to the columns that have them, then keeps them sensible for the
 * sheet: one related person per row (the first whose name or surname a column holds, with the
 * other parts of that person's name — the columns whose headings name the same person; the
 * others are kept, not read); a relationship column only beside a related person's name (a
 * tenancy's "Relationship" to the lead tenant is the row's own person's, kept as detail); and a
 * related person's name on a sheet with no other name is the row's own person's name after all
 * (a parents' contact list). Columns the user gave a role are left alone.
 */
export function settleRelatives(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  const out = suggestions.map((s, i) => (given[i] ? s : (relativeRole(headers[i] ?? null, samples[i] ?? []) ?? s)));
  const names = out.flatMap((s, i) => (RELATIVE_NAME_ROLES.has(s.role) && !given[i] ? [i] : []));
  if (names.length === 0 && !out.some((s, i) => s.role === 'relative_relationship' && !given[i])) return suggestions;
  const whose = (i: number): string => (out[i]?.role === 'relative_name' ? `\u0000${i}` : keyOf(whoseHeading(headers[i] ?? '') ?? ''));
  // the first related person whose name (or surname) is held, and every part of their name
  const lead = names.find((i) => out[i]?.role !== 'relative_forename') ?? -1;
  const person = lead < 0 ? [] : names.filter((i) => whose(i) === whose(lead) && (i === lead || out[i]?.role !== out[lead]?.role));
  const ownName = out.some((s) => PERSON_NAME_ROLES.has(s.role));
  const kept = ownName ? new Set(person) : new Set<number>();
  const first = ownName ? Math.min(...person, out.length) : -1;
  // of several relationship columns ("Contact 1 Relationship", "Contact 2 Relationship") the
  // one nearest the kept name, after it before before it, is its relationship
  const relations = out.flatMap((s, i) => (s.role === 'relative_relationship' && !given[i] ? [i] : []));
  const distance = (i: number): number => (i > first ? i - first : first - i + out.length);
  const relation = first < 0 || first >= out.length ? -1 : relations.reduce((best, i) => (best < 0 || distance(i) < distance(best) ? i : best), -1);
  return out.map((s, i) => {
    if (given[i]) return s;
    if (RELATIVE_NAME_ROLES.has(s.role) && !kept.has(i)) {
      if (ownName) return { role: 'ignore', confidence: 0.6, reason: `${s.reason ?? 'another related person'}; column ${first + 1} already names the related person: kept, not read`, otherPerson: true };
      // a sheet whose only names are a related person's: they are the row's own person
      const own = OWN_ROLE[s.role];
      return own && person.includes(i) ? { role: own, confidence: 0.75, reason: `the heading "${headers[i] ?? ''}" names someone related, but no other column holds a name: the row's own person's ${own === 'forename' ? 'forename' : 'surname'}` } : (suggestions[i] ?? s);
    }
    if (s.role === 'relative_relationship' && i !== relation) return suggestions[i] ?? s;
    return s;
  });
}
