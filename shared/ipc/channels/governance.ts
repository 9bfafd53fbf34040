// The governance feature's channels, the results of its jobs, and who may call them: the data
// protection record (the facts a DPIA needs), purging a source, and the recovery code.
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import { ROLES, type Role } from '../../domain/roles.js';
import { isoDate, JobStarted } from '../schemas.js';

/** IDs and counts only, as the audit trail holds them. */
const AuditDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const DpSource = z.object({
  id: z.number().int(),
  fileName: z.string(),
  partner: z.string(),
  kind: z.string(),
  asOf: isoDate,
  importedAt: z.string(),
  importedBy: z.string(),
  dsaRef: z.string().nullable(),
  lawfulBasis: z.string().nullable(),
  retentionUntil: isoDate.nullable(),
  overdue: z.boolean(),
  rows: z.number().int(),
  records: z.number().int(),
  quarantined: z.number().int(),
  droppedColumns: z.array(z.string()),
});
export type DpSource = z.infer<typeof DpSource>;

export const PROCESSING_CATEGORIES = ['import', 'link', 'export', 'purge', 'users'] as const;
export type ProcessingCategory = (typeof PROCESSING_CATEGORIES)[number];

export const DpProcessingEvent = z.object({
  /** The audit event's id, so each line can be checked against the trail. */
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  category: z.enum(PROCESSING_CATEGORIES),
  action: z.string(),
  details: AuditDetails,
});
export type DpProcessingEvent = z.infer<typeof DpProcessingEvent>;

export const DpUser = z.object({
  user: z.string(),
  role: z.enum(ROLES),
  organisation: z.string().nullable(),
  createdAt: z.string(),
});

export const RecoveryStatus = z.object({ exists: z.boolean(), createdAt: z.string().nullable() });
export type RecoveryStatus = z.infer<typeof RecoveryStatus>;

export const DataProtectionRecord = z.object({
  generatedAt: z.string(),
  generatedBy: z.string(),
  store: z.object({
    path: z.string(),
    keyPath: z.string(),
    encryption: z.string(),
    createdAt: z.string().nullable(),
    schemaVersion: z.number().int(),
    synthetic: z.boolean(),
    networkShareWarning: z.string().nullable(),
    recoveryCode: RecoveryStatus,
  }),
  sources: z.array(DpSource),
  processing: z.object({
    /** Events per category, including those left out of `events` (single link decisions). */
    totals: z.record(z.enum(PROCESSING_CATEGORIES), z.number().int()),
    /** Link decisions are counted, not listed: there can be thousands. */
    linkDecisions: z.number().int(),
    events: z.array(DpProcessingEvent),
  }),
  /** Per kind of key slot: the keys it holds and what a copy of the files lets its holder read. */
  access: z.array(z.object({ holder: z.string(), users: z.number().int(), holds: z.string(), reaches: z.string() })).optional(),
  users: z.array(DpUser),
});
export type DataProtectionRecord = z.infer<typeof DataProtectionRecord>;

export const RecoveryCodeSchema = z.string().min(1).max(100);
const newPassphrase = z.string().min(10, 'A passphrase needs at least 10 characters').max(1024);

export const PurgeResult = z.object({
  sourceId: z.number().int(),
  fileName: z.string(),
  removed: z.record(z.string(), z.number().int()),
  /** The link run made over what remains, or null when nothing had been linked. */
  relinkedRun: z.number().int().nullable(),
});
export type PurgeResult = z.infer<typeof PurgeResult>;

/** An audit event's id and hash, printed so a data protection officer can keep it elsewhere. */
const AuditCheckpoint = z.object({ id: z.number().int(), hash: z.string() });

export const GOVERNANCE_CHANNELS = {
  'governance:record': {
    // `printed`: the record leaves the app (the command line prints it), so it is audited as an export.
    request: z.object({ printed: z.boolean().optional() }).strict(),
    response: DataProtectionRecord,
  },
  'governance:exportRecord': {
    // The browser host cannot show a save dialog, so the user types where to save. In Electron
    // the renderer never names a path: the engine chooses where (see the handler).
    request: z.object({ path: z.string().min(1).max(4096).optional(), replace: z.boolean().optional() }).strict(),
    response: z.object({
      saved: z.boolean(),
      path: z.string().nullable(),
      sources: z.number().int(),
      events: z.number().int(),
      users: z.number().int(),
      /** The audit trail's head after the export: the checkpoint to keep outside the store. */
      checkpoint: AuditCheckpoint.nullable().optional(),
    }),
  },
  'governance:purge': {
    // The file name typed back, as the confirmation that this is the source meant.
    request: z.object({ sourceId: z.number().int().positive(), confirmFileName: z.string().min(1).max(1000) }).strict(),
    response: JobStarted,
  },
  'governance:recoveryStatus': { request: z.object({}).strict(), response: RecoveryStatus },
  'governance:recoveryCreate': {
    request: z.object({}).strict(),
    response: z.object({ code: z.string(), createdAt: z.string(), replaced: z.boolean() }),
  },
  'governance:recoveryCheck': {
    request: z.object({ code: RecoveryCodeSchema }).strict(),
    response: z.object({ users: z.array(z.object({ user: z.string(), role: z.enum(ROLES) })) }),
  },
  'governance:recoveryReset': {
    request: z.object({ code: RecoveryCodeSchema, user: z.string().min(1).max(63), newPassphrase }).strict(),
    response: z.object({ user: z.string() }),
  },
  /** Every audit event as CSV (id, at, actor, action, payload, prev_hash, hash), for checking elsewhere. */
  'audit:export': {
    request: z.object({ path: z.string().min(1).max(4096), replace: z.boolean().optional() }).strict(),
    response: z.object({ path: z.string(), events: z.number().int(), checkpoint: AuditCheckpoint.nullable().optional() }),
  },
} as const;

export const GOVERNANCE_JOB_RESULTS = {
  'governance:purge': PurgeResult,
} as const;

export const GOVERNANCE_POLICY: { readonly [C in keyof typeof GOVERNANCE_CHANNELS]: 'open' | readonly Role[] } = {
  'governance:record': ['analyst'],
  'governance:exportRecord': ['analyst'],
  // Analysts only: a purge re-links the whole store, which changes every partner's people.
  'governance:purge': ['analyst'],
  'governance:recoveryStatus': ['analyst'],
  'governance:recoveryCreate': ['analyst'],
  // Before unlocking: the code itself is the credential (it unwraps the data key).
  'governance:recoveryCheck': 'open',
  'governance:recoveryReset': 'open',
  'audit:export': ['analyst'],
};

export const GOVERNANCE_FEATURE = defineFeature({
  id: 'governance',
  channels: GOVERNANCE_CHANNELS,
  policy: GOVERNANCE_POLICY,
  jobResults: GOVERNANCE_JOB_RESULTS,
  auditActions: ['source-purged', 'dp-record-exported', 'audit-exported', 'recovery-code-created', 'passphrase-reset-with-recovery-code'],
});
