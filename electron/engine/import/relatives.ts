// A column that names someone related to the row's person — A&E's next of kin, youth justice's
// parent or carer, a school's contact — and the relationship column beside it. The household
// stage reads them as evidence of who lives together (a mother whose children carry their
// father's surname); they are never the person's own name. Found by heading and cells together.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { looksLikeFullName } from '../../../shared/domain/normalise/name.js';
import { relationKind } from '../../../shared/domain/relationship.js';
import { headerKey, looksLikePlace, PERSON_NAME_ROLES, rawRoleFromHeader, type RoleSuggestion } from './roles.js';

/** A heading that names a person related to the row's person (not a body: "GP", "School"). */
const RELATED = /\b(parents?|mother s?|mothers|father s?|fathers|carers?|guardians?|kin|nok|contacts?|emergency|partner s?|spouse|husband|wife)\b/;
/** A heading that names the relationship itself. */
const RELATIONSHIP = /\b(relationship|relation|rel)\b/;
/** Heading roles under which a related person's column may still be a whole name ("NOK Name", "Parent/Carer", "Next of Kin"). */
const NAME_HEADINGS: ReadonlySet<ColumnRole> = new Set(['full_name', 'event']);
/** Share of filled cells that must read as names (or relationships) for the column to be one. */
const MOST = 0.7;

const share = (values: readonly string[], test: (v: string) => boolean): number => (values.length ? values.filter(test).length / values.length : 0);
const pct = (s: number): string => `${Math.round(s * 100)}%`;

/** The role a column's heading and cells give it as a related person's field, or null. */
export function relativeRole(header: string | null, values: readonly string[]): RoleSuggestion | null {
  const key = headerKey(header ?? '');
  const filled = values.map((v) => v.trim()).filter(Boolean).slice(0, 500);
  if (!key || filled.length === 0) return null;
  if (RELATIONSHIP.test(key)) {
    const s = share(filled, (v) => relationKind(v) !== null);
    return s >= MOST ? { role: 'relative_relationship', confidence: 0.75, reason: `the heading "${header}" names a relationship and ${pct(s)} of the cells are relationships (mother, partner, friend, …)` } : null;
  }
  if (!RELATED.test(key)) return null;
  const raw = rawRoleFromHeader(key);
  if (raw && !NAME_HEADINGS.has(raw.role)) return null;
  const s = share(filled, (v) => looksLikeFullName(v) && !looksLikePlace(v));
  if (s < MOST) return null;
  return { role: 'relative_name', confidence: 0.75, reason: `the heading "${header}" names someone related to the person and ${pct(s)} of the cells are names: kept as that person's name (for households), never as the person's own` };
}

/**
 * Gives related-person roles to the columns that have them, then keeps them sensible for the
 * sheet: one related person per row (the first such column; the others are kept, not read); a
 * relationship column only beside a related person's name (a tenancy's "Relationship" to the
 * lead tenant is the row's own person's, kept as detail); and a related person's column on a
 * sheet with no other name is the row's own person's name after all. Columns the user gave a role
 * are left alone.
 */
export function settleRelatives(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined> = []): RoleSuggestion[] {
  const out = suggestions.map((s, i) => (given[i] ? s : (relativeRole(headers[i] ?? null, samples[i] ?? []) ?? s)));
  const names = out.flatMap((s, i) => (s.role === 'relative_name' && !given[i] ? [i] : []));
  if (names.length === 0 && !out.some((s, i) => s.role === 'relative_relationship' && !given[i])) return suggestions;
  const ownName = out.some((s) => PERSON_NAME_ROLES.has(s.role));
  const kept = ownName ? (names[0] ?? -1) : -1;
  // of several relationship columns ("Contact 1 Relationship", "Contact 2 Relationship") the
  // one nearest the kept name, after it before before it, is its relationship
  const relations = out.flatMap((s, i) => (s.role === 'relative_relationship' && !given[i] ? [i] : []));
  const distance = (i: number): number => (i > kept ? i - kept : kept - i + out.length);
  const relation = relations.reduce((best, i) => (best < 0 || distance(i) < distance(best) ? i : best), -1);
  return out.map((s, i) => {
    if (given[i]) return s;
    if (s.role === 'relative_name' && i !== kept) {
      return ownName ? { role: 'ignore', confidence: 0.6, reason: `${s.reason ?? 'another related person'}; column ${kept + 1} already names the related person: kept, not read` } : (suggestions[i] ?? s);
    }
    if (s.role === 'relative_relationship' && (kept < 0 || i !== relation)) return suggestions[i] ?? s;
    return s;
  });
}
