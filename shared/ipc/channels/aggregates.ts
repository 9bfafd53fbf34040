// The aggregates store's upkeep, for analysts: preparing co-ordinators' figures as a job with
// progress, and what the last preparation gave (so a failure is said, not swallowed).
import { z } from 'zod';
import type { Role } from '../../domain/roles.js';
import { defineFeature } from '../feature.js';
import { JobStarted } from '../schemas.js';

export const RefreshReport = z.object({
  full: z.boolean(),
  answers: z.number().int(),
  packs: z.number().int(),
  failed: z.number().int(),
  millis: z.number().int(),
});
export type RefreshReport = z.infer<typeof RefreshReport>;

/** The last preparation: when, and whether every answer was prepared. */
export const RefreshOutcome = z.object({
  at: z.string(),
  ok: z.boolean(),
  answers: z.number().int(),
  packs: z.number().int(),
  failed: z.number().int(),
  millis: z.number().int(),
  /** Why it failed as a whole (the engine's words, naming no person); null when it ran. */
  problem: z.string().nullable(),
});
export type RefreshOutcome = z.infer<typeof RefreshOutcome>;

export const AGGREGATES_CHANNELS = {
  /** Prepares co-ordinators' figures (`force`: all of them, even if nothing changed). */
  'aggregates:refresh': { request: z.object({ force: z.boolean().optional() }).strict(), response: JobStarted },
  'aggregates:status': {
    request: z.object({}).strict(),
    response: z.object({
      coordinators: z.number().int(),
      last: RefreshOutcome.nullable(),
      /** Requests co-ordinators made that nobody had prepared, waiting for the next preparation. */
      waiting: z.number().int(),
    }),
  },
} as const;

const ANALYST: readonly Role[] = ['analyst'];

export const AGGREGATES_POLICY: { readonly [C in keyof typeof AGGREGATES_CHANNELS]: 'open' | readonly Role[] } = {
  'aggregates:refresh': ANALYST,
  'aggregates:status': ANALYST,
};

export const AGGREGATES_FEATURE = defineFeature({
  id: 'aggregates',
  channels: AGGREGATES_CHANNELS,
  policy: AGGREGATES_POLICY,
  jobResults: { 'aggregates:refresh': RefreshReport },
  auditActions: ['aggregates-refresh-failed'],
});
