// The baseline feature's channels: the review queue (one entry per pair of people), search,
// person and household pages, the people and households grids, splits, and subject rights.
//
// Roles: everything that names a person (records, names, dates of birth, addresses) is for
// analysts. Co-ordinators may see the street and area counts, disclosure-controlled in the
// engine. Partners see none of it: the baseline spans every partner's sources.
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import type { Role } from '../../domain/roles.js';
import { DECISION_KINDS } from './matching.js';

const recordId = z.number().int().positive();
/** A review entry's ID: the record pair it stands for, "lowId-highId" (stable across runs). */
export const pairId = z.string().regex(/^\d{1,15}-\d{1,15}$/, 'expected a pair ID such as 12-345');
export const personId = z.string().regex(/^P\d{1,15}$/, 'expected a person ID such as P000123');
export const householdId = z.string().regex(/^H\d{1,15}$/, 'expected a household ID such as H000123');

/** Where a record came from, and what it says about who it is (analysts only). */
export const RecordRef = z.object({
  recordId,
  file: z.string(),
  sheet: z.string(),
  /** the spreadsheet row as a spreadsheet program shows it */
  row: z.number().int(),
  forename: z.string().nullable(),
  surname: z.string().nullable(),
  dob: z.string().nullable(),
  postcode: z.string().nullable(),
  personId: z.string().nullable(),
});
export type RecordRef = z.infer<typeof RecordRef>;

export const QueueEntry = z.object({
  id: pairId,
  recordA: recordId,
  recordB: recordId,
  probability: z.number(),
  matchWeight: z.number(),
  a: RecordRef,
  b: RecordRef,
  /** record pairs in the band between the same two people (months of extracts): reviewed as one */
  pairs: z.number().int().positive(),
  decision: z.enum(DECISION_KINDS).nullable(),
  /** With `order: 'cohort-impact'`: whether a match would make a family qualify that does not now. */
  cohortImpact: z.boolean().optional(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

export const ReviewQueue = z.object({
  run: z.number().int(),
  reviewFrom: z.number(),
  threshold: z.number(),
  /** entries (pairs of people) in the band, after the filter */
  total: z.number().int(),
  entries: z.array(QueueEntry),
});
export type ReviewQueue = z.infer<typeof ReviewQueue>;

export const ClusterRecord = RecordRef.extend({
  side: z.enum(['a', 'b']),
  sex: z.string().nullable(),
  address: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  nino: z.string().nullable(),
  upn: z.string().nullable(),
});
export type ClusterRecord = z.infer<typeof ClusterRecord>;

export const PairCluster = z.object({
  id: pairId,
  run: z.number().int(),
  records: z.array(ClusterRecord),
  /** why the joined person would look wrong: plain-English warnings */
  flags: z.array(z.string()),
  /** links at or above the threshold among the joined records, of all possible pairs */
  density: z.number(),
});
export type PairCluster = z.infer<typeof PairCluster>;


/** What a person lookup and the people grid both show of a person, in one shape. */
const personSummary = {
  personId: z.string(),
  forename: z.string().nullable(),
  surname: z.string().nullable(),
  dob: z.string().nullable(),
  age: z.number().int().nullable(),
  sex: z.string().nullable(),
  householdId: z.string().nullable(),
  postcode: z.string().nullable(),
  lsoa: z.string().nullable(),
  records: z.number().int(),
};

export const SearchHit = z.object({
  ...personSummary,
  sources: z.array(z.string()),
  /** 1 = exact, lower = fuzzier */
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResponse = z.object({
  run: z.number().int().nullable(),
  hits: z.array(SearchHit),
  /** people the pre-filter passed to ranking */
  candidates: z.number().int(),
  /** milliseconds the engine took */
  ms: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

const IdentityFields = z.object({
  forename: z.string().nullable(),
  surname: z.string().nullable(),
  dob: z.string().nullable(),
  sex: z.string().nullable(),
  postcode: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  nino: z.string().nullable(),
  upn: z.string().nullable(),
});

export const PersonRecord = z.object({
  recordId,
  sourceId: z.number().int(),
  file: z.string(),
  partner: z.string(),
  kind: z.string(),
  asOf: z.string(),
  sheet: z.string(),
  row: z.number().int(),
  /** the row's cells as the partner sent them, by header */
  cells: z.array(z.object({ header: z.string(), value: z.string() })),
  fields: IdentityFields.extend({ middleNames: z.string().nullable(), address: z.string().nullable(), agencyRef: z.string().nullable() }),
  /** identity fields where this record says something else than the settled identity */
  disagrees: z.array(z.string()),
});
export type PersonRecord = z.infer<typeof PersonRecord>;

export const TimelineEvent = z.object({
  id: z.number().int(),
  recordId,
  personId: z.string().nullable(),
  kind: z.string(),
  category: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  value: z.number().nullable(),
  detail: z.record(z.string(), z.string()),
  file: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const PersonDecision = z.object({
  id: pairId,
  recordA: recordId,
  recordB: recordId,
  decision: z.enum(DECISION_KINDS),
  decidedBy: z.string(),
  decidedAt: z.string(),
  note: z.string().nullable(),
  personA: z.string().nullable(),
  personB: z.string().nullable(),
  /** applied: the latest run honours it; conflict: another decision overrode it (shown, never silent); pending: not linked yet */
  status: z.enum(['applied', 'conflict', 'pending']),
});
export type PersonDecision = z.infer<typeof PersonDecision>;

/**
 * Why a person is in a household: the household rule that placed them, or an analyst's decision
 * (null in a matching run made before reasons were kept), and the reason in plain English.
 */
export const HouseholdReason = z.object({
  rule: z.enum(['address', 'shared-reference', 'named-relative', 'surname-postcode', 'moved-together', 'postcode-only', 'alone', 'analyst']).nullable(),
  text: z.string(),
});
export type HouseholdReason = z.infer<typeof HouseholdReason>;

export const PersonPage = z.object({
  personId: z.string(),
  run: z.number().int(),
  asOf: z.string().nullable(),
  identity: IdentityFields,
  age: z.number().int().nullable(),
  householdId: z.string().nullable(),
  /** why they are in that household (null when they are in none) */
  householdReason: HouseholdReason.nullable(),
  lsoa: z.string().nullable(),
  flags: z.object({ possibleTwin: z.boolean(), inReview: z.boolean(), noDob: z.boolean() }),
  records: z.array(PersonRecord),
  events: z.array(TimelineEvent),
  /** where they lived Run by Run, with why they were there in the span's last Run */
  households: z.array(z.object({ householdId: z.string(), fromRun: z.number().int(), toRun: z.number().int(), from: z.string(), to: z.string(), reason: HouseholdReason })),
  decisions: z.array(PersonDecision),
  pairs: z.array(z.object({ id: pairId, recordA: recordId, recordB: recordId, probability: z.number(), matchWeight: z.number(), linked: z.boolean() })),
  threshold: z.number(),
  /** the audit trail about this person: who viewed, decided or exported what (IDs only) */
  views: z.array(z.object({ id: z.number().int(), at: z.string(), actor: z.string(), action: z.string() })),
});
export type PersonPage = z.infer<typeof PersonPage>;

export const HouseholdPage = z.object({
  householdId: z.string(),
  run: z.number().int(),
  /** false when the household exists only in earlier runs */
  current: z.boolean(),
  lsoa: z.string().nullable(),
  street: z.string().nullable(),
  sources: z.array(z.string()),
  members: z.array(
    z.object({
      personId: z.string(),
      forename: z.string().nullable(),
      surname: z.string().nullable(),
      dob: z.string().nullable(),
      age: z.number().int().nullable(),
      sex: z.string().nullable(),
      fromRun: z.number().int(),
      toRun: z.number().int(),
      current: z.boolean(),
      /** why they are (or, for one who left, were last) in this household */
      reason: HouseholdReason,
    }),
  ),
  addresses: z.array(z.object({ address: z.string().nullable(), postcode: z.string().nullable(), uprn: z.string().nullable(), from: z.string(), to: z.string(), records: z.number().int(), sources: z.array(z.string()) })),
  events: z.array(TimelineEvent),
});
export type HouseholdPage = z.infer<typeof HouseholdPage>;

export const AGE_BANDS = ['0-4', '5-10', '11-15', '16-17', '18-24', '25-64', '65+', 'unknown'] as const;
export const PERSON_FLAGS = ['in-review', 'possible-twin', 'no-dob'] as const;

/** Grids sort by one column (then by ID): each sort has its own index, so a page is one index range. */
const gridSort = z.array(z.object({ colId: z.string().max(40), sort: z.enum(['asc', 'desc']) })).max(1);
const gridFilters = z
  .object({
    lsoa: z.string().max(20).optional(),
    sourceId: z.number().int().positive().optional(),
    ageBand: z.enum(AGE_BANDS).optional(),
    flag: z.enum(PERSON_FLAGS).optional(),
    text: z.string().max(200).optional(),
    /** the IMD decile (1 = most deprived tenth) of the LSOA, by the newest IoD release */
    imdDecile: z.number().int().min(1).max(10).optional(),
    /** families qualifying for this programme's cohort, at the as-of date it was last made with (else the latest linkage run's) */
    cohort: z.string().min(1).max(200).optional(),
  })
  .strict();
export type GridFilters = z.infer<typeof gridFilters>;

export const PeopleRow = z.object({
  ...personSummary,
  imdDecile: z.number().int().nullable(),
  sources: z.number().int(),
  flags: z.array(z.enum(PERSON_FLAGS)),
});
export type PeopleRow = z.infer<typeof PeopleRow>;

export const HouseholdRow = z.object({
  householdId: z.string(),
  members: z.number().int(),
  adults: z.number().int(),
  children: z.number().int(),
  postcode: z.string().nullable(),
  address: z.string().nullable(),
  lsoa: z.string().nullable(),
  imdDecile: z.number().int().nullable(),
  sources: z.number().int(),
});
export type HouseholdRow = z.infer<typeof HouseholdRow>;

const gridRequest = z
  .object({
    startRow: z.number().int().nonnegative(),
    endRow: z.number().int().positive(),
    sort: gridSort,
    filters: gridFilters,
    /** the previous page's `next`: the page starts after that row (keyset), not by counting rows */
    after: z.string().max(400).optional(),
  })
  .strict();

/** One page of either grid: its rows, how many rows the view has, and where the page after it starts. */
const gridPage = <Row extends z.ZodTypeAny>(row: Row) =>
  z.object({ run: z.number().int().nullable(), rows: z.array(row), lastRow: z.number().int(), next: z.string().nullable() });

export const StreetRow = z.object({
  street: z.string().nullable(),
  lsoa: z.string().nullable(),
  /** null when suppressed (fewer than 10, or to protect a suppressed cell) */
  households: z.number().int().nullable(),
  persons: z.number().int().nullable(),
  children: z.number().int().nullable(),
});
export type StreetRow = z.infer<typeof StreetRow>;

export const WardRow = z.object({
  wardCode: z.string().nullable(),
  wardName: z.string().nullable(),
  households: z.number().int().nullable(),
  persons: z.number().int().nullable(),
  children: z.number().int().nullable(),
});
export type WardRow = z.infer<typeof WardRow>;

export const ErasureReport = z.object({
  personId: z.string(),
  deleted: z.record(z.string(), z.number().int()),
  /** raw rows kept because they hold someone else too (a row naming several people), with why */
  kept: z.array(z.object({ what: z.string(), count: z.number().int(), why: z.string() })),
});
export type ErasureReport = z.infer<typeof ErasureReport>;

export const REVIEW_SCENARIOS = ['any', 'same-name-dob-different-postcode', 'same-name-different-dob', 'same-dob-different-name'] as const;

export const BASELINE_CHANNELS = {
  'review:queue': {
    request: z
      .object({
        limit: z.number().int().positive().max(1000).optional(),
        offset: z.number().int().nonnegative().optional(),
        /** true (default): only pairs of people nobody has decided */
        undecidedOnly: z.boolean().optional(),
        /** only pairs between these two files (either way round) */
        sources: z.tuple([z.string().max(500), z.string().max(500)]).optional(),
        scenario: z.enum(REVIEW_SCENARIOS).optional(),
        /** weight (default): strongest first; cohort-impact: pairs whose match would make a family qualify first */
        order: z.enum(['weight', 'cohort-impact']).optional(),
      })
      .strict(),
    response: ReviewQueue.nullable(),
  },
  'review:decide': {
    request: z.object({ id: pairId, decision: z.enum(DECISION_KINDS), note: z.string().max(2000).optional() }).strict(),
    response: z.object({ id: pairId, decision: z.enum(DECISION_KINDS), previous: z.enum(DECISION_KINDS).nullable(), decisions: z.number().int() }),
  },
  /** takes a decision back (undo): the pair returns to the queue */
  'review:clear': {
    request: z.object({ id: pairId }).strict(),
    response: z.object({ id: pairId, previous: z.enum(DECISION_KINDS).nullable(), decisions: z.number().int() }),
  },
  'review:cluster': { request: z.object({ id: pairId }).strict(), response: PairCluster },
  'baseline:search': { request: z.object({ query: z.string().max(200), limit: z.number().int().positive().max(100).optional() }).strict(), response: SearchResponse },
  'baseline:person': { request: z.object({ personId }).strict(), response: PersonPage },
  'baseline:household': { request: z.object({ householdId }).strict(), response: HouseholdPage },
  /** "this record is someone else": holds at every later run */
  'baseline:split': { request: z.object({ personId, recordId, note: z.string().max(2000).optional() }).strict(), response: z.object({ personId: z.string(), recordId, decisions: z.number().int() }) },
  'baseline:people': { request: gridRequest, response: gridPage(PeopleRow) },
  'baseline:households': { request: gridRequest, response: gridPage(HouseholdRow) },
  /** households per street of an LSOA (or every street): counts, disclosure-controlled for non-analysts */
  'baseline:streets': { request: z.object({ lsoa: z.string().max(20).optional() }).strict(), response: z.object({ run: z.number().int().nullable(), suppressed: z.boolean(), rows: z.array(StreetRow) }) },
  /** households per ward (by the newest LSOA → ward lookup): counts, disclosure-controlled for non-analysts */
  'baseline:wards': {
    request: z.object({}).strict(),
    response: z.object({ run: z.number().int().nullable(), wardYear: z.number().int().nullable(), suppressed: z.boolean(), rows: z.array(WardRow) }),
  },
  'baseline:subjectAccess': {
    /** a typed path ending .pdf writes a PDF, else a workbook; with the save dialog, `format` says which */
    request: z.object({ personId, path: z.string().min(1).max(4096).optional(), format: z.enum(['xlsx', 'pdf']).optional(), replace: z.boolean().optional() }).strict(),
    response: z.object({ saved: z.boolean(), path: z.string().nullable(), records: z.number().int(), events: z.number().int(), decisions: z.number().int(), views: z.number().int() }),
  },
  /** household merge (two households are one family) or split (a person does not live there): holds at every later run */
  'baseline:householdDecide': {
    request: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('merge'), householdId, intoHouseholdId: householdId, note: z.string().max(2000).optional() }).strict(),
      z.object({ kind: z.literal('split'), householdId, personId, note: z.string().max(2000).optional() }).strict(),
    ]),
    response: z.object({ kind: z.string(), decisions: z.number().int() }),
  },
  'baseline:erase': { request: z.object({ personId, confirm: z.string().max(40) }).strict(), response: ErasureReport },
  /** the grid's current view (filters, sort, chosen columns) as CSV for people: formula-safe, audited */
  'baseline:gridExport': {
    request: z
      .object({
        kind: z.enum(['people', 'households']),
        sort: gridSort,
        filters: gridFilters,
        columns: z.array(z.string().max(40)).max(20).optional(),
        /** browser host and CLI only: in Electron the save dialog names the file */
        path: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    response: z.object({ saved: z.boolean(), path: z.string().nullable(), rows: z.number().int() }),
  },
} as const;

const ANALYST: readonly Role[] = ['analyst'];

export const BASELINE_POLICY: { readonly [C in keyof typeof BASELINE_CHANNELS]: 'open' | readonly Role[] } = {
  'review:queue': ANALYST,
  'review:decide': ANALYST,
  'review:clear': ANALYST,
  'review:cluster': ANALYST,
  'baseline:search': ANALYST,
  'baseline:person': ANALYST,
  'baseline:household': ANALYST,
  'baseline:split': ANALYST,
  'baseline:people': ANALYST,
  'baseline:households': ANALYST,
  'baseline:streets': ['analyst', 'co-ordinator'],
  'baseline:wards': ['analyst', 'co-ordinator'],
  'baseline:subjectAccess': ANALYST,
  'baseline:householdDecide': ANALYST,
  'baseline:erase': ANALYST,
  'baseline:gridExport': ANALYST,
};

export const BASELINE_FEATURE = defineFeature({
  id: 'baseline',
  channels: BASELINE_CHANNELS,
  policy: BASELINE_POLICY,
  jobResults: {},
  auditActions: ['link-decision-cleared', 'person-erased', 'person-search', 'person-split', 'subject-access-export', 'view-cluster', 'view-household', 'view-person', 'household-merge', 'household-split', 'baseline-grid-export'],
});
