// The inbox feature: partners submit extracts sealed to the store, without a key that reads it,
// and see their own submissions' status; an analyst takes the inbox in.
import { z } from 'zod';
import { SOURCE_KINDS } from '../../domain/record-fields.js';
import type { Role } from '../../domain/roles.js';
import { defineFeature } from '../feature.js';
import { isoDate } from '../schemas.js';

export const SubmissionStatus = z.object({
  id: z.string(),
  partner: z.string(),
  user: z.string(),
  submittedAt: z.string(),
  bytes: z.number().int(),
  status: z.enum(['waiting', 'taken-in', 'refused']),
  receipt: z
    .object({
      at: z.string(),
      sourceId: z.number().int().nullable(),
      records: z.number().int(),
      quarantined: z.number().int(),
      skipped: z.boolean(),
      reason: z.string().nullable(),
    })
    .nullable(),
});
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** What came of one submission, as its partner reads it (sealed to them): their own rows only. */
export const SubmissionResults = z.object({
  submission: z.string(),
  status: z.enum(['taken-in', 'refused']),
  at: z.string(),
  reason: z.string().nullable(),
  sourceId: z.number().int().nullable(),
  skipped: z.boolean(),
  records: z.number().int(),
  quarantined: z.number().int(),
  sheets: z.array(z.object({ sheet: z.string(), headers: z.array(z.string()), records: z.number().int(), quarantined: z.number().int() })),
  quarantine: z.array(z.object({ sheet: z.string(), rowNumber: z.number().int(), reason: z.string(), cells: z.array(z.string().nullable()) })),
});
export type SubmissionResults = z.infer<typeof SubmissionResults>;

/** The partner's passphrase is the credential: it proves who they are and unwraps no store key. */
const partnerCredential = { passphrase: z.string().min(1).max(1024), user: z.string().min(1).max(63).optional() };

export const INBOX_CHANNELS = {
  'inbox:submit': {
    request: z.object({ path: z.string().min(1).max(4096), kind: z.enum(SOURCE_KINDS).optional(), asOf: isoDate.optional(), ...partnerCredential }).strict(),
    response: SubmissionStatus,
  },
  'inbox:status': { request: z.object(partnerCredential).strict(), response: z.array(SubmissionStatus) },
  'inbox:results': { request: z.object({ submission: z.string().uuid(), ...partnerCredential }).strict(), response: SubmissionResults },
  'inbox:list': { request: z.object({}).strict(), response: z.array(SubmissionStatus) },
  'inbox:takeIn': { request: z.object({}).strict(), response: z.array(SubmissionStatus) },
} as const;

export const INBOX_POLICY: { readonly [C in keyof typeof INBOX_CHANNELS]: 'open' | readonly Role[] } = {
  // Before unlocking: a partner who submits never opens the store.
  'inbox:submit': 'open',
  'inbox:status': 'open',
  'inbox:results': 'open',
  'inbox:list': ['analyst'],
  'inbox:takeIn': ['analyst'],
};

export const INBOX_FEATURE = defineFeature({
  id: 'inbox',
  channels: INBOX_CHANNELS,
  policy: INBOX_POLICY,
  jobResults: {},
  auditActions: ['inbox-taken-in', 'inbox-refused'],
});
