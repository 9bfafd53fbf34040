// The programmes, cohorts and family outcomes feature: programme definitions as data (criteria over
// Events, windows, thresholds, a qualifying rule), cohort evaluation at an as-of date, one family's
// evidence, and payment-by-results outcomes. Co-ordinators see pseudonymous family IDs and counts;
// evidence rows and exports are for analysts.
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import type { Role } from '../../domain/roles.js';
import { isoDate } from '../schemas.js';

/** What a classified Event says, whatever words the partner used for it. */
export const FACTS = [
  'offence-proven',
  'offence-unproven',
  'asb-perpetrator',
  'asb-order',
  'housing-asb',
  'crime-suspect',
  'domestic-abuse',
  'fixed-exclusion',
  'permanent-exclusion',
  'alternative-provision',
  'attendance',
  'benefit-out-of-work',
  'benefit-other',
  'ae-attendance',
  'ae-mental-health',
  'ae-substance',
  'rent-arrears',
  'tenancy-ended',
  // Kinds of data no extract gives yet: criteria over them show "no data".
  'child-in-need',
  'early-years',
  'employment',
  'work-programme',
] as const;
export type Fact = (typeof FACTS)[number];

export const WHO = ['anyone', 'under-18', 'adult', 'school-age'] as const;
export type Who = (typeof WHO)[number];

export const Test = z.object({
  id: z.string().min(1).max(60),
  label: z.string().min(1).max(200),
  fact: z.enum(FACTS),
  who: z.enum(WHO),
  /** `months`: the N months to the as-of date; `terms`: the last N school terms; `on-date`: open on the as-of date. */
  window: z.object({ kind: z.enum(['months', 'terms', 'on-date']), length: z.number().int().min(0).max(120) }),
  /** `count`: events ≥ threshold; `rate`: unauthorised absence % over the window ≥ threshold; `open`: a spell open on the date. */
  measure: z.enum(['count', 'rate', 'open']),
  threshold: z.number().min(0).max(10_000),
});
export type Test = z.infer<typeof Test>;

export const Criterion = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/),
  label: z.string().min(1).max(200),
  /** Met when any of its tests is met by a member. */
  tests: z.array(Test).min(1).max(20),
});
export type Criterion = z.infer<typeof Criterion>;

export const ProgrammeDefinition = z.object({
  title: z.string().min(1).max(200),
  /** Where the rules come from (a document and section). */
  source: z.string().max(500),
  criteria: z.array(Criterion).min(1).max(12),
  localFilter: Criterion.nullable(),
  rule: z.object({
    /** A family meeting every criterion qualifies when true. */
    all: z.boolean(),
    /** …or at least this many criteria… */
    atLeast: z.number().int().min(1).max(12),
    /** …and, when set, the local filter too. */
    withLocalFilter: z.boolean(),
    /** Families must include a child under 18 (Supporting Families). */
    dependentChild: z.boolean(),
  }),
  /** The number of families the programme expects (shown against the count). */
  target: z.number().int().min(0).nullable(),
});
export type ProgrammeDefinition = z.infer<typeof ProgrammeDefinition>;

export const ProgrammeVersion = z.object({
  name: z.string(),
  version: z.number().int(),
  preset: z.boolean(),
  basedOn: z.string().nullable(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  definition: ProgrammeDefinition,
});
export type ProgrammeVersion = z.infer<typeof ProgrammeVersion>;

export const programmeName = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,60}$/, 'Use lower-case letters, digits and hyphens (2–61 characters)');

const ProgrammeRef = z.object({ programme: programmeName, version: z.number().int().positive().optional() });

export const CRITERION_STATUSES = ['met', 'not-met', 'no-data', 'undetermined'] as const;

export const HeadingStatus = z.object({
  id: z.string(),
  label: z.string(),
  /** Families meeting it. */
  families: z.number().int().nullable(),
  /** "no data": no imported source gives what it needs (then it is never counted as zero). */
  data: z.enum(['ok', 'no-data', 'partial']),
  /** The kinds of data it needs that no source gives. */
  missing: z.array(z.string()),
});

export const FamilyRow = z.object({
  familyId: z.string(),
  /** criterion id → met */
  criteria: z.record(z.string(), z.boolean()),
  localFilter: z.boolean(),
  qualifies: z.boolean(),
  members: z.number().int(),
  /** The weakest person link the qualification rests on (1 when none was needed). */
  confidence: z.number().nullable(),
  lsoa: z.string().nullable(),
  notes: z.array(z.string()),
});
export type FamilyRow = z.infer<typeof FamilyRow>;

const Count = z.object({ key: z.string(), families: z.number().int().nullable() });

export const CohortSummary = z.object({
  programme: z.object({ name: z.string(), version: z.number().int(), preset: z.boolean(), title: z.string(), edited: z.boolean() }),
  asOf: isoDate,
  linkRun: z.number().int().nullable(),
  households: z.number().int().nullable(),
  flagged: z.number().int().nullable(),
  qualifying: z.number().int().nullable(),
  target: z.number().int().nullable(),
  headings: z.array(HeadingStatus),
  localFilter: HeadingStatus.nullable(),
  /** Qualifying families by the combination of criteria they meet ("crime_asb+work"). */
  combinations: z.array(Count),
  byArea: z.array(Count),
  byDecile: z.array(Count),
  /** Families with a member whose age could not be judged (no date of birth). */
  undetermined: z.number().int().nullable(),
  families: z.array(FamilyRow),
  /** Counts under 10 withheld and the rest rounded (roles other than analyst). */
  disclosure: z.enum(['exact', 'rounded']),
  millis: z.number(),
  messages: z.array(z.string()),
});
export type CohortSummary = z.infer<typeof CohortSummary>;

export const EvidenceEvent = z.object({
  eventId: z.number().int(),
  kind: z.string(),
  category: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  file: z.string(),
  sheet: z.string(),
  row: z.number().int(),
});
export type EvidenceEvent = z.infer<typeof EvidenceEvent>;

export const FamilyEvidence = z.object({
  familyId: z.string(),
  programme: z.object({ name: z.string(), version: z.number().int() }),
  asOf: isoDate,
  qualifies: z.boolean(),
  members: z.array(z.object({ personId: z.string(), label: z.string(), age: z.number().int().nullable() })),
  criteria: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      status: z.enum(CRITERION_STATUSES),
      evidence: z.array(z.object({ personId: z.string(), test: z.string(), detail: z.string(), events: z.array(EvidenceEvent) })),
    }),
  ),
  confidence: z.object({ probability: z.number().nullable(), explanation: z.string() }),
  rows: z.array(z.object({ file: z.string(), sheet: z.string(), row: z.number().int(), personId: z.string() })),
  notes: z.array(z.string()),
});
export type FamilyEvidence = z.infer<typeof FamilyEvidence>;

export const OUTCOME_STATUSES = ['achieved', 'on-track', 'not-yet', 'insufficient-data', 'not-applicable'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const FamilyOutcome = z.object({
  familyId: z.string(),
  attachedOn: isoDate,
  measures: z.array(z.object({ id: z.string(), label: z.string(), status: z.enum(OUTCOME_STATUSES), detail: z.string() })),
  /** A result can be claimed: education + crime/ASB (each achieved or not applicable), or continuous employment. */
  claimable: z.boolean(),
  /** The family's dated events around attachment, oldest first (analysts only; empty otherwise). */
  timeline: z.array(z.object({ date: isoDate, member: z.string(), what: z.string(), afterAttachment: z.boolean() })),
});
export type FamilyOutcome = z.infer<typeof FamilyOutcome>;

export const OutcomesReport = z.object({
  programme: z.object({ name: z.string(), version: z.number().int() }),
  asOf: isoDate,
  attachedOn: isoDate,
  families: z.array(FamilyOutcome),
  /** measure id → status → families */
  totals: z.record(z.string(), z.record(z.string(), z.number().int().nullable())),
  claimable: z.number().int().nullable(),
  claimWindow: z.object({ from: isoDate, to: isoDate }),
  disclosure: z.enum(['exact', 'rounded']),
});
export type OutcomesReport = z.infer<typeof OutcomesReport>;

const evaluateRequest = ProgrammeRef.extend({
  asOf: isoDate,
  /** A what-if: the edited definition, evaluated without saving. */
  definition: ProgrammeDefinition.optional(),
  /** Grid rows to return (flagged families, qualifying first); 0 for counts only. */
  limit: z.number().int().min(0).max(200_000).optional(),
}).strict();

export const COHORT_CHANNELS = {
  'programme:list': {
    request: z.object({}).strict(),
    response: z.array(z.object({ name: z.string(), title: z.string(), preset: z.boolean(), latestVersion: z.number().int(), source: z.string() })),
  },
  'programme:show': { request: ProgrammeRef.strict(), response: ProgrammeVersion },
  'programme:copy': {
    request: z.object({ from: programmeName, fromVersion: z.number().int().positive().optional(), name: programmeName }).strict(),
    response: ProgrammeVersion,
  },
  'programme:save': { request: z.object({ name: programmeName, definition: ProgrammeDefinition }).strict(), response: ProgrammeVersion },
  'cohort:evaluate': { request: evaluateRequest, response: CohortSummary },
  'cohort:family': {
    request: ProgrammeRef.extend({ asOf: isoDate, familyId: z.string().min(1).max(40), definition: ProgrammeDefinition.optional() }).strict(),
    response: FamilyEvidence,
  },
  'cohort:export': {
    request: ProgrammeRef.extend({ asOf: isoDate, out: z.string().min(1).max(4096) }).strict(),
    response: z.object({ out: z.string(), families: z.number().int(), qualifying: z.number().int(), programme: z.object({ name: z.string(), version: z.number().int() }) }),
  },
  'outcomes:families': {
    request: ProgrammeRef.extend({
      asOf: isoDate,
      attachedOn: isoDate.optional(),
      familyId: z.string().max(40).optional(),
      /** Measure each family from the first month-end (up to 12 months before attachment) it met the criteria. */
      perFamily: z.boolean().optional(),
    }).strict(),
    response: OutcomesReport,
  },
} as const;

const ANALYST: readonly Role[] = ['analyst'];
const AGGREGATES: readonly Role[] = ['analyst', 'co-ordinator'];

export const COHORT_POLICY: { readonly [C in keyof typeof COHORT_CHANNELS]: 'open' | readonly Role[] } = {
  'programme:list': AGGREGATES,
  'programme:show': AGGREGATES,
  'programme:copy': ANALYST,
  'programme:save': ANALYST,
  'cohort:evaluate': AGGREGATES,
  'cohort:family': ANALYST,
  'cohort:export': ANALYST,
  'outcomes:families': AGGREGATES,
};

export const COHORT_FEATURE = defineFeature({
  id: 'cohort',
  channels: COHORT_CHANNELS,
  policy: COHORT_POLICY,
  jobResults: {},
  auditActions: ['cohort-evaluate', 'cohort-export', 'cohort-family-view', 'outcomes-families', 'programme-copy', 'programme-save'],
});
