// Columns that describe the person, not an event: a register's place of birth, abode or other
// detail (occupation and father's forename have roles of their own, found by their headings). Left alone they fall to "event detail", which a sheet without a dated event
// never turns into an Event, so they were neither events nor anything the linker could read.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { parseDate } from '../../../shared/domain/normalise/date.js';
import { planEvents } from './events.js';
import { headerKey, type RoleSuggestion } from './roles.js';

/** Roles that give a row a dated event (or its parts): with any of them, detail columns are the event's. */
const EVENT_ROLES: ReadonlySet<ColumnRole> = new Set(['event_date', 'event_end_date', 'event_category', 'event_value']);
/** Roles that already place the person: with one of them a place column is not their home. */
const PLACE_ROLES: ReadonlySet<ColumnRole> = new Set(['address', 'address_line', 'town']);
/** A heading that names where someone was born or lived (one signal; the cells must be place-like too). */
const PLACE_HEADING = /\b(place|birthplace|born|town|city|village|parish|abode|residence|resident|hometown|county|origin)\b/;
/** A place name: words of letters (St. Mary's, Ashton-under-Lyne, Bury St Edmunds), no digits. */
const PLACE_CELL = /^[\p{L}][\p{L}'’.\- ]{0,59}$/u;

const share = (values: readonly string[], test: (v: string) => boolean): number => (values.length ? values.filter(test).length / values.length : 0);

/**
 * A sheet with no dated event (no event date, end date, type or count column, no termly columns) is a list of people:
 * its "event detail" columns describe each person. A column among them whose heading names a place
 * and whose cells are place names becomes the town when nothing else places the person (so the
 * linker compares it and it counts as an address); the rest are kept as they are, not used.
 * Columns the user gave a role are left alone.
 */
export function settlePersonAttributes(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined> = [], pivotYear?: number): RoleSuggestion[] {
  if (suggestions.some((s) => EVENT_ROLES.has(s.role))) return suggestions;
  // Termly attendance columns date their own events (by the term in the heading).
  if (planEvents({ sheet: '', headers, roles: suggestions.map((s) => s.role), sourceKind: 'other', pivotYear: pivotYear ?? new Date().getUTCFullYear() })) return suggestions;
  let placed = suggestions.some((s) => PLACE_ROLES.has(s.role));
  return suggestions.map((s, i) => {
    if (given[i] || s.role !== 'event') return s;
    const values = samples[i] ?? [];
    const placeLike = values.length > 0 && share(values, (v) => PLACE_CELL.test(v.trim()) && parseDate(v, { pivotYear, allowSerial: true }) === null) >= 0.9;
    if (!placed && placeLike && PLACE_HEADING.test(headerKey(headers[i] ?? ''))) {
      placed = true;
      return { role: 'town', confidence: 0.5, reason: 'no column of the sheet dates an event, the heading names a place and the cells are place names: where the person was born or lived, compared in linkage as their town' };
    }
    return { role: 'ignore', confidence: 0.4, reason: 'no column of the sheet dates an event, so this describes the person (an occupation, a relation, a place): kept, not used' };
  });
}
