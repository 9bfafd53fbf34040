// The baseline feature's channels: the review queue (one entry per pair of people), search,
// person and household pages, the people and households grids, splits, and subject rights.
//
// Roles: everything that names a person (records, names, dates of birth, addresses) is for
// analysts. Co-ordinators may see the street and area counts, disclosure-controlled in the
// engine. Partners see none of it: the baseline spans every partner's sources.
import { z } from 'zod';
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
} as const;

const ANALYST: readonly Role[] = ['analyst'];

export const BASELINE_POLICY: { readonly [C in keyof typeof BASELINE_CHANNELS]: 'open' | readonly Role[] } = {
  'review:queue': ANALYST,
  'review:decide': ANALYST,
  'review:clear': ANALYST,
  'review:cluster': ANALYST,
};
