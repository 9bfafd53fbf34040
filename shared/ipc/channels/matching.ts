// The matching feature's channels, the results of its jobs, and who may call them.
//
// Roles: linkage results that name no one (run summary, model, histogram and threshold counts)
// are aggregates, so co-ordinators may see them; anything showing records or block keys (a block
// key is a date of birth, a postcode …), running linkage and deciding pairs is for analysts.
// Partners see only their own organisation's records, and linkage spans every source: none of it.
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import type { Role } from '../../domain/roles.js';
import { empty, JobStarted, RecordFields } from '../schemas.js';

/** A match probability strictly between 0 and 1, as the engine's threshold is. */
const probability = z.number().gt(0).lt(1);
const runId = z.number().int().positive();
const recordId = z.number().int().positive();

export const DECISION_KINDS = ['match', 'non-match', 'unsure'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What the page keeps between runs: the threshold the next run uses, and where review starts. */
export const MatchingSettings = z.object({
  /** match probability at or above which a pair joins two records into one person */
  threshold: probability,
  /** pairs from here up to the threshold go to review */
  reviewFrom: probability,
  /** true when the threshold was chosen on the page (false: the engine's default) */
  saved: z.boolean(),
});
export type MatchingSettings = z.infer<typeof MatchingSettings>;

/** What every run produced, as the run's job and the latest-run summary both report it. */
const RunCounts = z.object({
  run: runId,
  records: z.number().int(),
  persons: z.number().int(),
  households: z.number().int(),
  candidatePairs: z.number().int(),
  /** pairs at or above the threshold the run used */
  matchedPairs: z.number().int(),
  /** pairs kept with their explanations (at or above pairFloor) */
  storedPairs: z.number().int(),
  threshold: probability,
  warnings: z.array(z.string()),
});

const IdChanges = z.object({
  kept: z.number().int(),
  created: z.number().int(),
  retired: z.number().int(),
  merges: z.number().int(),
  splits: z.number().int(),
});

export const MatchingRunResult = RunCounts.extend({
  seconds: z.number(),
  personIds: IdChanges,
  householdIds: IdChanges,
  /** The rest of the run's report, counts only (the command line prints it). */
  prior: z.number().optional(),
  decisions: z.number().int().optional(),
  refusedJoins: z.record(z.string(), z.number().int()).optional(),
  /** Records sharing a partner's number for the person: with an earlier record, kept apart by the guards, joins made. */
  personNumbers: z.object({ shared: z.number().int(), keptApart: z.number().int(), joined: z.number().int() }).optional(),
  timings: z.record(z.string(), z.number()).optional(),
  memory: z.record(z.string(), z.number()).optional(),
  blocking: z
    .object({
      totalComparisons: z.number(),
      narrowed: z.array(z.string()),
      rules: z.array(z.object({ rule: z.string(), comparisons: z.number(), newComparisons: z.number() })),
    })
    .optional(),
});
export type MatchingRunResult = z.infer<typeof MatchingRunResult>;

export const LatestRun = RunCounts.extend({
  startedAt: z.string(),
  finishedAt: z.string(),
  pairFloor: probability,
  prior: z.number(),
  /** seconds per phase */
  timings: z.record(z.string(), z.number()),
});
export type LatestRun = z.infer<typeof LatestRun>;

export const MatchingSummary = z.object({
  /** records in the store now */
  records: z.number().int(),
  /** records imported since the latest run (they join at the next run) */
  recordsSinceRun: z.number().int(),
  decisions: z.number().int(),
  latest: LatestRun.nullable(),
  settings: MatchingSettings,
});
export type MatchingSummary = z.infer<typeof MatchingSummary>;

const BlockSummary = z.object({ key: z.string(), records: z.number().int(), comparisons: z.number() });
export const BlockingReport = z.object({
  /** the Run whose analysis this is, or null for an analysis of the records as they are now */
  run: runId.nullable(),
  records: z.number().int(),
  totalComparisons: z.number(),
  possibleComparisons: z.number(),
  narrowed: z.array(z.string()),
  /** rules whose largest blocks were left out to keep them under their comparison cap */
  capped: z.array(z.string()).optional(),
  rules: z.array(
    z.object({
      rule: z.string(),
      records: z.number().int(),
      blocks: z.number().int(),
      comparisons: z.number(),
      newComparisons: z.number(),
      largestBlocks: z.array(BlockSummary),
      skippedBlocks: z.array(BlockSummary),
    }),
  ),
  warnings: z.array(z.string()),
  /** why `link` would refuse these records, or null */
  refused: z.string().nullable(),
});
export type BlockingReport = z.infer<typeof BlockingReport>;

export const ModelLevel = z.object({
  label: z.string(),
  m: z.number().nullable(),
  u: z.number().nullable(),
  /** log2(m/u) in bits; 0 for the missing level */
  weight: z.number(),
  /** the weight when the two postcodes agree (household fields), or null */
  weightSamePostcode: z.number().nullable(),
  /** a common value weighs less than this average, a rare one more */
  termFrequency: z.boolean(),
  missing: z.boolean(),
});
export type ModelLevel = z.infer<typeof ModelLevel>;

export const ModelView = z.object({
  run: runId.nullable(),
  trained: z.boolean(),
  prior: z.number().nullable(),
  /** log2 of the prior odds, in bits */
  priorWeight: z.number().nullable(),
  threshold: probability,
  comparisons: z.array(z.object({ name: z.string(), description: z.string().nullable(), fixed: z.boolean(), levels: z.array(ModelLevel) })),
});
export type ModelView = z.infer<typeof ModelView>;

export const WeightHistogram = z.object({
  run: runId,
  /** bins of match weight (bits): [from, from + width) */
  width: z.number().positive(),
  bins: z.array(z.object({ from: z.number(), count: z.number().int() })),
  /** pairs kept (at or above the floor), and compared but scored below it */
  storedPairs: z.number().int(),
  belowFloor: z.number().int(),
  floorWeight: z.number(),
  thresholdWeight: z.number(),
});
export type WeightHistogram = z.infer<typeof WeightHistogram>;

export const ThresholdCounts = z.object({
  run: runId,
  autoLink: z.number().int(),
  review: z.number().int(),
  apart: z.number().int(),
});
export type ThresholdCounts = z.infer<typeof ThresholdCounts>;

export const ReviewItem = z.object({
  recordA: recordId,
  recordB: recordId,
  probability: z.number(),
  matchWeight: z.number(),
  sourceA: z.string(),
  sourceB: z.string(),
  decision: z.enum(DECISION_KINDS).nullable(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const PairRecord = RecordFields.extend({ id: recordId, personId: z.string().nullable() });
export type PairRecord = z.infer<typeof PairRecord>;

export const PairDetail = z.object({
  run: runId,
  a: PairRecord,
  b: PairRecord,
  priorWeight: z.number(),
  comparisons: z.array(z.object({ name: z.string(), level: z.string(), weight: z.number() })),
  matchWeight: z.number(),
  probability: z.number(),
  termFrequencies: z.enum(['applied', 'not applied']),
  decision: z.enum(DECISION_KINDS).nullable(),
});
export type PairDetail = z.infer<typeof PairDetail>;

const band = z.object({ reviewFrom: probability, threshold: probability }).refine((b) => b.reviewFrom <= b.threshold, {
  message: 'review must start at or below the threshold',
  path: ['reviewFrom'],
});
const pair = z.object({ recordA: recordId, recordB: recordId });
/** A MatchSpec as the user wrote it (JSON text) and the file it came from; the engine checks it. */
const specText = z.object({ name: z.string().min(1).max(300), json: z.string().max(5_000_000) }).strict();
/** Where to write an export: a path typed by the user (the command line, the browser host). */
const exportPath = z.string().min(1).max(4096);

export const MATCHING_CHANNELS = {
  'matching:run': {
    request: z.object({ threshold: probability.optional(), spec: specText.optional(), threads: z.number().int().min(1).max(64).optional() }).strict(),
    response: JobStarted,
  },
  'matching:summary': { request: empty, response: MatchingSummary },
  /** the latest run's blocking analysis, or (`fresh`) one of the records as they are now, without scoring */
  'matching:blocking': { request: z.object({ fresh: z.boolean(), spec: specText.optional() }).strict(), response: BlockingReport.nullable() },
  'matching:model': { request: z.object({ run: runId.optional() }).strict(), response: ModelView },
  'matching:histogram': { request: z.object({ bins: z.number().int().min(5).max(200).optional() }).strict(), response: WeightHistogram.nullable() },
  'matching:counts': { request: band, response: ThresholdCounts.nullable() },
  'matching:saveSettings': { request: band, response: MatchingSettings },
  'matching:reviewList': {
    request: z
      .object({
        reviewFrom: probability,
        threshold: probability,
        /** leave out pairs someone has decided */
        undecidedOnly: z.boolean().optional(),
        startRow: z.number().int().nonnegative(),
        endRow: z.number().int().positive(),
      })
      .strict(),
    response: z.object({ run: runId, total: z.number().int(), items: z.array(ReviewItem) }).nullable(),
  },
  'matching:pair': { request: pair.strict(), response: PairDetail },
  'matching:decide': {
    request: pair.extend({ decision: z.enum(DECISION_KINDS) }).strict(),
    response: z.object({ decision: z.enum(DECISION_KINDS), decisions: z.number().int() }),
  },
  /** A run's MatchSpec as stored (the latest run's, else the engine's defaults), to edit and pass back as `spec`. */
  'matching:spec': {
    request: z.object({ run: runId.optional() }).strict(),
    response: z.object({ run: runId.nullable(), spec: z.record(z.string(), z.unknown()) }),
  },
  /** The scored pairs with the weight of every comparison, as CSV. */
  'matching:exportPairs': {
    request: z.object({ path: exportPath, run: runId.optional(), minProbability: probability.optional(), replace: z.boolean().optional() }).strict(),
    response: z.object({ path: z.string(), run: runId, rows: z.number().int() }),
  },
  /** One line per record with the latest run's person and household IDs, as CSV. */
  'matching:exportClusters': {
    request: z.object({ path: exportPath, replace: z.boolean().optional() }).strict(),
    response: z.object({ path: z.string(), rows: z.number().int() }),
  },
} as const;

export const MATCHING_JOB_RESULTS = { 'matching:run': MatchingRunResult } as const;

const ANALYST: readonly Role[] = ['analyst'];
const AGGREGATES: readonly Role[] = ['analyst', 'co-ordinator'];

export const MATCHING_POLICY: { readonly [C in keyof typeof MATCHING_CHANNELS]: 'open' | readonly Role[] } = {
  'matching:run': ANALYST,
  'matching:summary': AGGREGATES,
  'matching:blocking': ANALYST,
  'matching:model': AGGREGATES,
  'matching:histogram': AGGREGATES,
  'matching:counts': AGGREGATES,
  'matching:saveSettings': ANALYST,
  'matching:reviewList': ANALYST,
  'matching:pair': ANALYST,
  'matching:decide': ANALYST,
  'matching:spec': ANALYST,
  // Person and household IDs of every record, and pairs of records: person-level, analysts only.
  'matching:exportPairs': ANALYST,
  'matching:exportClusters': ANALYST,
};

export const MATCHING_FEATURE = defineFeature({
  id: 'matching',
  channels: MATCHING_CHANNELS,
  policy: MATCHING_POLICY,
  jobResults: MATCHING_JOB_RESULTS,
  auditActions: ['link-run', 'link-decision', 'view-pair', 'matching-threshold', 'export-pairs', 'export-clusters'],
});
