// Events: the dated facts each partner sends beside the person (school attendance per term,
// exclusions, alternative provision, ASB incidents, offences and outcomes, benefit spells,
// tenancies and their ASB cases, A&E attendances). Worked out per sheet from the column roles and
// header words, then read per row; every extract, the demo borough's included, goes this way.
import type { ColumnRole, EventKind, SourceKind } from '../../../shared/domain/record-fields.js';
import { dateOrderOf, parseDate } from '../../../shared/domain/normalise/date.js';
import { cleanCell } from '../../../shared/domain/normalise/text.js';
import { yearGroupOf } from '../../../shared/domain/normalise/year-group.js';
import { unknownHeading, unnamedEventRoles } from './event-cells.js';
import { headerKey, type RoleSuggestion } from './roles.js';
import { YEAR_GROUP_HEADING } from './year-group.js';

export { yearGroupOf };

/** One event ready for the store: [kind, category, start date, end date, value, detail JSON]. */
export type EventTuple = [kind: EventKind, category: string | null, start: string | null, end: string | null, value: number | null, detailJson: string];

const EVENT_ROLES: ReadonlySet<ColumnRole> = new Set(['event_date', 'event_end_date', 'event_category', 'event_value', 'event']);

const END_DATE = /\b(end|ended|until|to|closed?|closure|finish(ed)?|expiry|expires?|left|leaving|discharged?|termination|terminated|vacated)\b/;
const CATEGORY = /\b(type|category|offence|provision|complaint|disposal|benefit|incident)\b/;
const NOT_CATEGORY = /\b(date|dt|ref|reference|id|no|number|outcome|start|end)\b/;
const VALUE = /\b(sessions?|count|amount|arrears|balance|days|total|value|hours|weekly|award)\b/;

const POSSIBLE = /\b(possible|sessions?)\b/;
const UNAUTHORISED = /\bunauthori[sz]ed\b/;
const AUTHORISED = /\bauthori[sz]ed\b/;
const TERM_WORDS = /\b(sessions?|possible|unauthori[sz]ed|authori[sz]ed|absences?|absence|sum of|count)\b/g;

const share = (values: readonly string[], test: (v: string) => boolean): number => (values.length ? values.filter(test).length / values.length : 0);
const numeric = (v: string): number | null => {
  const n = Number(v.replace(/[£,\s]/g, ''));
  return v.trim() !== '' && Number.isFinite(n) ? n : null;
};

/**
 * Sharpens the generic "event detail" role where the header says more: an end date, the event's
 * type, a count or amount. Columns with no heading at all are read from their cells and their
 * place beside the event's date (unnamedEventRoles). Columns the user gave a role are left alone.
 * `rows` are the sampled data rows, cell by column (for relationships between columns).
 */
export function refineEventRoles(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined> = [], pivotYear?: number, rows: ReadonlyArray<ReadonlyArray<string | null>> = []): RoleSuggestion[] {
  const named = refineNamedEventRoles(headers, suggestions, samples, given, pivotYear);
  return unnamedEventRoles(headers, named, samples, rows, given, pivotYear);
}

function refineNamedEventRoles(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined>, pivotYear?: number): RoleSuggestion[] {
  let category = suggestions.some((s) => s.role === 'event_category');
  const refined = suggestions.map((s, i): RoleSuggestion => {
    if (given[i] || s.role !== 'event') return s;
    const key = headerKey(headers[i] ?? '');
    const values = samples[i] ?? [];
    const dates = share(values, (v) => parseDate(v, { pivotYear, allowSerial: true }) !== null);
    if (END_DATE.test(key) && (values.length === 0 || dates >= 0.5)) return { role: 'event_end_date', confidence: 0.7, reason: 'the heading names an end date and the cells are dates' };
    if (!category && CATEGORY.test(key) && !NOT_CATEGORY.test(key) && dates < 0.5) {
      category = true;
      return { role: 'event_category', confidence: 0.65, reason: 'the heading names a type or category and the cells are not dates' };
    }
    if (VALUE.test(key) && (values.length === 0 || share(values, (v) => numeric(v) !== null) >= 0.8)) return { role: 'event_value', confidence: 0.65, reason: 'the heading names a count or amount and the cells are numbers' };
    return s;
  });
  return onlyDateIsTheEvents(headers, refined, samples, given, pivotYear);
}

/**
 * A sheet whose one column of dates (other than births) is headed as a later date ("Outcome
 * Date", "Disposal Date") has no other date for its event: that column dates it.
 */
function onlyDateIsTheEvents(headers: readonly string[], suggestions: RoleSuggestion[], samples: ReadonlyArray<readonly string[]>, given: ReadonlyArray<ColumnRole | undefined>, pivotYear?: number): RoleSuggestion[] {
  if (suggestions.some((s) => s.role === 'event_date' || s.role === 'event_end_date')) return suggestions;
  const dated = suggestions.flatMap((s, i) => {
    const values = samples[i] ?? [];
    // bare numbers (counts) read as day numbers too: only a heading that says date opens them
    if (given[i] || s.role !== 'event' || values.length < 3 || !/\b(date|dt)\b/.test(headerKey(headers[i] ?? ''))) return [];
    const order = dateOrderOf(values) ?? undefined;
    return share(values, (v) => parseDate(v, { pivotYear, allowSerial: true, order }) !== null) >= 0.8 ? [i] : [];
  });
  if (dated.length !== 1) return suggestions;
  const out = suggestions.slice();
  out[dated[0] as number] = { role: 'event_date', confidence: 0.6, reason: "the cells are dates and no other column dates the row's event" };
  return out;
}

interface TermColumns {
  label: string;
  possible: number | null;
  unauthorised: number | null;
  authorised: number | null;
  /**
   * A term read from unheaded cells: which of the pair is sessions possible is the larger in each
   * row, and the term is dated later from the extract's date (this many terms before its last).
   */
  termsBeforeLast?: number;
}

export interface EventPlan {
  /** The kind of the row's dated event, or null when the sheet has none. */
  kind: EventKind | null;
  start: number[];
  end: number | null;
  category: number | null;
  value: number | null;
  detail: Array<[column: number, header: string]>;
  terms: TermColumns[];
  /** A tenancy's ASB-case flag column. */
  asbCase: number | null;
  /**
   * A tenancy with no heading that names its ASB flag: its columns with no heading at all, among
   * which a row's one yes/no cell is read as the ASB case (the one tenancy flag the programmes'
   * criteria use). Two yes/no cells in a row say nothing of which is which: neither is read.
   */
  unheadedFlags: number[];
  /**
   * A pupil's national curriculum year (school census "NC Year", "Year Group"), kept on each term's
   * attendance: the school's own record of the child's stage, which says "of school age" when
   * the date of birth is missing or wrong. The column given the year-group role (found by its
   * cells, year-group.ts), else event detail headed as a year group (a preset saved before the
   * role existed); one the user marked "keep, not used" stays unused.
   */
  yearGroup: number | null;
  dateOrders: ReadonlyArray<'dmy' | 'mdy' | null>;
  pivotYear: number;
}

const KIND_BY_SOURCE: Record<SourceKind, EventKind> = {
  school: 'exclusion',
  police: 'asb-incident',
  'youth-justice': 'offence',
  benefits: 'benefit-spell',
  housing: 'tenancy',
  health: 'ae-attendance',
  other: 'event',
};

/** What the sheet's dated event is, from its name and its event headers, else from the source kind. */
export function eventKindOf(text: string, sourceKind: SourceKind): EventKind {
  if (/\bexclu/.test(text)) return 'exclusion';
  if (/\b(pru|pupil referral|alternative provision|ap placement)\b/.test(text)) return 'alternative-provision';
  if (/\boffen[cs]e/.test(text)) return 'offence';
  if (/\btenanc/.test(text)) return 'tenancy';
  if (/\b(benefit|claim|award)\b/.test(text)) return 'benefit-spell';
  if (/\b(asb|anti social|antisocial|incident|occurrence|crime)\b/.test(text)) return 'asb-incident';
  if (/\b(a and e|a e|ae|emergency|attendance|arrival)\b/.test(text)) return sourceKind === 'school' ? 'attendance' : 'ae-attendance';
  return KIND_BY_SOURCE[sourceKind];
}

function titleCase(label: string): string {
  return label.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** A school term's dates from its label ("Aut 2024", "Spring 2025"); null when it names none. */
export function termDates(label: string): { start: string; end: string } | null {
  const year = /\b(20\d\d|19\d\d)\b/.exec(label)?.[1];
  if (!year) return null;
  if (/\baut(umn)?\b/.test(label)) return { start: `${year}-09-01`, end: `${year}-12-31` };
  if (/\bspr(ing)?\b/.test(label)) return { start: `${year}-01-01`, end: `${year}-04-14` };
  if (/\bsum(mer)?\b/.test(label)) return { start: `${year}-04-15`, end: `${year}-07-31` };
  return null;
}

function termColumns(headers: readonly string[], roles: readonly ColumnRole[]): TermColumns[] {
  const byLabel = new Map<string, TermColumns>();
  headers.forEach((header, i) => {
    if (!EVENT_ROLES.has(roles[i] ?? 'ignore')) return;
    const key = headerKey(header);
    const which = UNAUTHORISED.test(key) ? 'unauthorised' : AUTHORISED.test(key) && /\babsences?\b/.test(key) ? 'authorised' : POSSIBLE.test(key) ? 'possible' : null;
    if (!which) return;
    const label = key.replace(TERM_WORDS, ' ').replace(/\s+/g, ' ').trim();
    if (!termDates(label) && !/\b(term|aut|spr|sum|autumn|spring|summer|20\d\d)\b/.test(label)) return;
    const term = byLabel.get(label) ?? { label: titleCase(label), possible: null, unauthorised: null, authorised: null };
    term[which] = i;
    byLabel.set(label, term);
  });
  return [...byLabel.values()].filter((t) => t.unauthorised !== null || t.possible !== null);
}

/**
 * Terms of a table with no heading: the count columns read from their cells as term pairs
 * (event-cells.ts) stand side by side, oldest term first, in runs of two or more pairs.
 */
function unheadedTerms(headers: readonly string[], roles: readonly ColumnRole[]): TermColumns[] {
  const runs: number[][] = [];
  roles.forEach((role, i) => {
    if (role !== 'event_value' || !unknownHeading(headers[i])) return;
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === i - 1) run.push(i);
    else runs.push([i]);
  });
  const pairs = runs.filter((r) => r.length >= 4 && r.length % 2 === 0).flatMap((r) => r.flatMap((c, k) => (k % 2 === 0 ? [[c, r[k + 1] ?? c] as const] : [])));
  return pairs.map(([a, b], k) => ({ label: `Term ${k + 1} of ${pairs.length}`, possible: a, unauthorised: b, authorised: null, termsBeforeLast: pairs.length - 1 - k }));
}

/** The sheet's event plan: null when no column carries an event. */
export function planEvents(input: { sheet: string; headers: readonly string[]; roles: readonly ColumnRole[]; sourceKind: SourceKind; dateOrders?: ReadonlyArray<'dmy' | 'mdy' | null>; pivotYear: number }): EventPlan | null {
  const { headers, roles } = input;
  const terms = [...termColumns(headers, roles), ...unheadedTerms(headers, roles)];
  const inTerm = new Set(terms.flatMap((t) => [t.possible, t.unauthorised, t.authorised]).filter((i): i is number => i !== null));
  const of = (role: ColumnRole): number[] => roles.flatMap((r, i) => (r === role && !inTerm.has(i) ? [i] : []));
  const start = of('event_date');
  const end = of('event_end_date')[0] ?? null;
  const category = of('event_category')[0] ?? null;
  const value = of('event_value')[0] ?? null;
  const eventText = [input.sheet, ...[...start, end, category].flatMap((i) => (i === null ? [] : [headers[i] ?? '']))].map(headerKey).join(' ');
  const hasDated = start.length > 0 || end !== null || category !== null;
  const kind = hasDated ? eventKindOf(eventText, input.sourceKind) : null;
  const details = of('event');
  const asbCase = kind === 'tenancy' ? (details.find((i) => /\b(asb|anti social|antisocial)\b/.test(headerKey(headers[i] ?? ''))) ?? null) : null;
  // The year group stays in an event's detail too, as it was before it had a role of its own.
  const detail = roles.flatMap((r, i) => ((r === 'event' || r === 'year_group') && i !== asbCase && !inTerm.has(i) ? [[i, headers[i] || `column ${i + 1}`] as [number, string]] : []));
  const unheadedFlags = kind === 'tenancy' && asbCase === null ? details.filter((i) => unknownHeading(headers[i])) : [];
  if (!hasDated && terms.length === 0) return null;
  const byRole = roles.findIndex((r, i) => r === 'year_group' && !inTerm.has(i));
  const yearGroup = terms.length === 0 ? -1 : byRole >= 0 ? byRole : roles.findIndex((r, i) => r === 'event' && !inTerm.has(i) && YEAR_GROUP_HEADING.test(headerKey(headers[i] ?? '')));
  return { kind, start, end, category, value, detail, terms, asbCase, unheadedFlags, yearGroup: yearGroup >= 0 ? yearGroup : null, dateOrders: input.dateOrders ?? [], pivotYear: input.pivotYear };
}

const YES = /^(y|yes|true|1|open|current|active)$/i;
const NO = /^(n|no|false|0|none|closed|-)$/i;

function dateAt(cells: ReadonlyArray<string | null>, i: number | null, plan: EventPlan): string | null {
  if (i === null) return null;
  const value = cleanCell(cells[i]);
  if (!value) return null;
  const order = plan.dateOrders[i] ?? undefined;
  return parseDate(value, order ? { pivotYear: plan.pivotYear, allowSerial: true, order } : { pivotYear: plan.pivotYear, allowSerial: true })?.iso ?? null;
}

const YES_NO = /^(y|yes|n|no|true|false)$/i;

/** The row's one yes/no cell among `columns`, or null when there is none or more than one. */
function unheadedFlag(cells: ReadonlyArray<string | null>, columns: readonly number[]): number | null {
  let found: number | null = null;
  for (const i of columns) {
    if (!YES_NO.test(cleanCell(cells[i]) ?? '')) continue;
    if (found !== null) return null;
    found = i;
  }
  return found;
}

const numberAt = (cells: ReadonlyArray<string | null>, i: number | null): number | null => {
  if (i === null) return null;
  const v = cleanCell(cells[i]);
  return v ? numeric(v) : null;
};

/**
 * The events one data row holds. `recordDate` is the record's own event date (the latest of its
 * event-date columns): with one such column it is this event's start, already read.
 */
export function eventsOf(cells: ReadonlyArray<string | null>, plan: EventPlan, recordDate?: string | null): EventTuple[] {
  const out: EventTuple[] = [];
  const yearGroup = plan.yearGroup === null ? null : yearGroupOf(cells[plan.yearGroup]);
  for (const term of plan.terms) {
    let unauthorised = numberAt(cells, term.unauthorised);
    let possible = numberAt(cells, term.possible);
    if (unauthorised === null && possible === null) continue;
    const unheaded = term.termsBeforeLast !== undefined;
    if (unheaded && unauthorised !== null && possible !== null && unauthorised > possible) [possible, unauthorised] = [unauthorised, possible];
    const dates = termDates(term.label.toLowerCase());
    const detail: Record<string, number> = {};
    if (unheaded) detail.termsBeforeLast = term.termsBeforeLast ?? 0;
    if (possible !== null) detail.sessionsPossible = possible;
    if (unauthorised !== null) detail.unauthorisedAbsences = unauthorised;
    const authorised = numberAt(cells, term.authorised);
    if (authorised !== null) detail.authorisedAbsences = authorised;
    if (yearGroup !== null) detail.ncYear = yearGroup;
    out.push(['attendance', term.label, dates?.start ?? null, dates?.end ?? null, unauthorised, JSON.stringify(detail)]);
  }
  if (plan.kind) {
    let start: string | null = plan.start.length === 1 && recordDate !== undefined ? recordDate : null;
    if (start === null) {
      for (const i of plan.start) {
        start = dateAt(cells, i, plan);
        if (start) break;
      }
    }
    const end = dateAt(cells, plan.end, plan);
    const category = plan.category === null ? null : cleanCell(cells[plan.category]) || null;
    const detail: Record<string, string> = {};
    for (const [i, header] of plan.detail) {
      const v = cleanCell(cells[i]);
      // Headers are the partner's text: defineProperty, so a "__proto__" header is just a key.
      if (v && !Object.prototype.hasOwnProperty.call(detail, header)) Object.defineProperty(detail, header, { value: v, enumerable: true, writable: true, configurable: true });
    }
    if (start || end || category) out.push([plan.kind, category, start, end, numberAt(cells, plan.value), JSON.stringify(detail)]);
    const asbCase = plan.asbCase ?? unheadedFlag(cells, plan.unheadedFlags);
    if (asbCase !== null) {
      const flag = cleanCell(cells[asbCase]);
      if (flag && !NO.test(flag)) out.push(['asb-case', YES.test(flag) ? null : flag, null, null, null, '{}']);
    }
  }
  return out;
}
