// The IPC contract: every channel's request and response schema, and the events the engine
// pushes. Electron main, the preload, the browser host and the renderer's api client all derive
// from this one table; nothing else talks IPC.
import { z } from 'zod';
import { COLUMN_ROLES, SOURCE_KINDS } from '../domain/record-fields.js';
import { ROLES } from '../domain/roles.js';
import { empty, FILE_PURPOSES, fileToken, isoDate, jobId, JobStarted, RecordFields } from './schemas.js';
import { PresetApplied, SheetDrift, SourceDiff } from './channels/imports.js';
import { FEATURE_CHANNELS, FEATURE_JOB_RESULTS } from './features.js';

export { JobStarted };
export { DiffRow, PresetApplied, PresetRow, QuarantineRow, SheetDrift, SourceDiff } from './channels/imports.js';

export const StoreStatus = z.object({
  /** Where the store file lives (shown in Settings so users know what to back up). */
  path: z.string(),
  /** Its key file, which must be backed up with it. */
  keyPath: z.string(),
  exists: z.boolean(),
  unlocked: z.boolean(),
  synthetic: z.boolean(),
  schemaVersion: z.number().int(),
  networkShareWarning: z.string().nullable(),
  /** Sources past their retention date (0 while locked): flagged as soon as the store opens. */
  overdueSources: z.number().int(),
  /** Who unlocked it (null while locked): the UI shows only what this role may use. */
  session: z.object({ user: z.string(), role: z.enum(ROLES), organisation: z.string().nullable() }).nullable(),
  /** When the last backup was made (null: never, or locked), and whether a reminder is due. */
  lastBackupAt: z.string().nullable().optional(),
  backupDue: z.boolean().optional(),
  /** A purge removed data and the people and households have not been linked again since. */
  relinkNeeded: z.boolean().optional(),
  /** Opened read-only (the folder or file cannot be written): verify and export only. */
  readOnly: z.boolean().optional(),
  /** Overdue sources' file names (partners: their own), so the banner names them at once. */
  overdueNames: z.array(z.string()).optional(),
});
export type StoreStatus = z.infer<typeof StoreStatus>;

export const UserRow = z.object({
  user: z.string(),
  role: z.enum(ROLES),
  organisation: z.string().nullable(),
  createdAt: z.string(),
});
export type UserRow = z.infer<typeof UserRow>;

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  /** IDs and counts only, never personal data. */
  payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditVerdict = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  problem: z.object({ id: z.number().int().nullable(), reason: z.string() }).nullable(),
  /** The newest event: its hash is the checkpoint to keep outside the store. */
  head: z.object({ id: z.number().int(), hash: z.string() }).nullable().optional(),
  /** Whether the checkpoint asked about is still in the chain. */
  checkpoint: z.object({ hash: z.string(), found: z.boolean(), id: z.number().int().nullable() }).optional(),
});
export type AuditVerdict = z.infer<typeof AuditVerdict>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  /** Electron shows a native dialog; the browser host cannot see paths, so the user types one. */
  fileChooser: z.enum(['dialog', 'path']),
  store: StoreStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ChosenFile = z.object({ token: fileToken, name: z.string(), size: z.number().int() });
export type ChosenFile = z.infer<typeof ChosenFile>;

export const ColumnPreview = z.object({
  index: z.number().int().nonnegative(),
  header: z.string(),
  /** The role to use: the preset's where one was laid over, else the suggestion. */
  role: z.enum(COLUMN_ROLES),
  /** What the importer itself suggests, with its confidence. */
  suggestedRole: z.enum(COLUMN_ROLES),
  confidence: z.number().min(0).max(1),
  /** Why the importer suggests that role: the heading, the cells, or both. */
  reason: z.string().max(400).optional(),
  samples: z.array(z.string()).max(5),
  /** The first data rows' cells (up to 100), so the mapping screen can check them live per role. */
  values: z.array(z.string()).max(100),
});
export type ColumnPreview = z.infer<typeof ColumnPreview>;

export const SheetPreview = z.object({
  sheet: z.string(),
  /** 1-based spreadsheet row of the header, 0 for a table with no header row (columns named from their cells), null when no table was found. */
  headerRow: z.number().int().nonnegative().nullable(),
  dataRows: z.number().int().nonnegative(),
  columns: z.array(ColumnPreview),
  problem: z.string().nullable(),
});
export type SheetPreview = z.infer<typeof SheetPreview>;

export const ImportPreview = z.object({
  token: fileToken,
  fileName: z.string(),
  sha256: z.string(),
  alreadyImported: z.boolean(),
  suggestedKind: z.enum(SOURCE_KINDS),
  suggestedPartner: z.string(),
  sheets: z.array(SheetPreview),
  /** The preset laid over the suggestions, and how the file's headers drifted from it. */
  preset: z.object({ id: z.number().int(), name: z.string(), partner: z.string(), kind: z.enum(SOURCE_KINDS), drift: z.array(SheetDrift) }).nullable(),
  /** Presets the user may choose instead. */
  presets: z.array(z.object({ id: z.number().int(), name: z.string(), partner: z.string(), kind: z.enum(SOURCE_KINDS) })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** Per sheet name, the row the analyst says is the header (0: the sheet has none). Sheets left out are detected. */
export const HeaderRows = z.record(z.string().max(200), z.number().int().min(0).max(1_048_576));

/** Per sheet, the role of each column by index. Sheets left out are imported with auto roles. */
export const ImportMapping = z.record(z.string().max(200), z.array(z.enum(COLUMN_ROLES)).max(2000));
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportSummary = z.object({
  fileName: z.string(),
  sourceId: z.number().int().nullable(),
  skipped: z.boolean(),
  message: z.string(),
  sheets: z.array(
    z.object({
      sheet: z.string(),
      rows: z.number().int(),
      records: z.number().int(),
      structure: z.number().int(),
      quarantined: z.number().int(),
    }),
  ),
  /** Dated facts stored as Events. */
  events: z.number().int(),
  /** The mapping preset applied, with the header drift it absorbed. */
  preset: PresetApplied.nullable(),
  /** The name the mapping was saved under, when asked to. */
  savedPreset: z.string().nullable(),
  /** Against the partner's previous extract of this kind (null: the first one). */
  diff: SourceDiff.nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const SourceRow = z.object({
  id: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  partner: z.string(),
  kind: z.enum(SOURCE_KINDS),
  asOf: isoDate,
  /** Where the as-of date came from ("a note at row 5: …", the latest event date), null for older stores. */
  asOfBasis: z.string().nullable(),
  importedAt: z.string(),
  rows: z.number().int(),
  records: z.number().int(),
  structure: z.number().int(),
  quarantined: z.number().int(),
  sheets: z.array(z.string()),
  droppedColumns: z.array(z.string()),
  dsaRef: z.string().nullable(),
  lawfulBasis: z.string().nullable(),
  retentionUntil: isoDate.nullable(),
  /** Past its retention date: the data-sharing agreement says it should have been purged. */
  overdue: z.boolean(),
});
export type SourceRow = z.infer<typeof SourceRow>;

export const RECORD_COLUMNS = [
  'id',
  'source',
  'sheet',
  'rowNumber',
  'forename',
  'surname',
  'dob',
  'sex',
  'address',
  'postcode',
  'uprn',
  'nhsNumber',
  'nino',
  'upn',
] as const;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];

export const RecordRow = RecordFields.extend({
  /** What the importer could not read cleanly in this row. */
  problems: z.array(z.string()),
});
export type RecordRow = z.infer<typeof RecordRow>;

export const RecordsPageRequest = z.object({
  startRow: z.number().int().nonnegative(),
  endRow: z.number().int().positive(),
  sort: z.array(z.object({ column: z.enum(RECORD_COLUMNS), direction: z.enum(['asc', 'desc']) })).max(4),
  /** Text "contains" filters per column (AG Grid's text filter). */
  filters: z
    .array(z.object({ column: z.enum(RECORD_COLUMNS), contains: z.string().max(200) }))
    .max(RECORD_COLUMNS.length),
  sourceId: z.number().int().optional(),
  /** Only records with problems. */
  problemsOnly: z.boolean().optional(),
});
export type RecordsPageRequest = z.infer<typeof RecordsPageRequest>;

/** The core channels: store, files, import, sources, records, users, audit. */
const CORE_CHANNELS = {
  'app:info': { request: empty, response: AppInfo },
  'store:create': {
    request: z.object({ passphrase: z.string().min(10, 'A passphrase needs at least 10 characters').max(1024) }),
    response: StoreStatus,
  },
  'store:unlock': { request: z.object({ passphrase: z.string().min(1).max(1024) }), response: StoreStatus },
  'store:lock': { request: empty, response: StoreStatus },
  'files:choose': { request: z.object({ purpose: z.enum(FILE_PURPOSES) }), response: z.array(ChosenFile) },
  'files:fromPath': { request: z.object({ path: z.string().min(1).max(4096) }), response: ChosenFile },
  'import:preview': {
    request: z.object({
      token: fileToken,
      /** A preset by name, 'none' for the importer's own suggestions; absent: the partner's latest. */
      preset: z.string().min(1).max(100).optional(),
      partner: z.string().max(200).optional(),
      kind: z.enum(SOURCE_KINDS).optional(),
      headerRows: HeaderRows.optional(),
    }),
    response: ImportPreview,
  },
  'import:start': {
    request: z.object({
      token: fileToken,
      mapping: ImportMapping.optional(),
      headerRows: HeaderRows.optional(),
      partner: z.string().max(200).optional(),
      kind: z.enum(SOURCE_KINDS).optional(),
      asOf: isoDate.optional(),
      dsaRef: z.string().max(200).optional(),
      lawfulBasis: z.string().max(500).optional(),
      retentionUntil: isoDate.optional(),
      /** The preset the preview laid over (its drift is reported); the explicit mapping still wins. */
      preset: z.string().min(1).max(100).optional(),
      /** Save the confirmed mapping as a preset of this name for the partner and kind. */
      savePresetAs: z.string().min(1).max(100).optional(),
    }),
    response: JobStarted,
  },
  'demo:create': {
    request: z.object({
      households: z.number().int().min(1).max(200_000).optional(),
      seed: z.number().int().optional(),
    }),
    response: JobStarted,
  },
  'jobs:cancel': { request: z.object({ job: jobId }), response: z.object({ cancelled: z.boolean() }) },
  'sources:list': { request: empty, response: z.array(SourceRow) },
  'records:page': {
    request: RecordsPageRequest,
    response: z.object({ rows: z.array(RecordRow), total: z.number().int() }),
  },
  'users:list': { request: empty, response: z.array(UserRow) },
  'users:add': {
    request: z.object({
      user: z.string().min(1).max(63),
      role: z.enum(ROLES),
      organisation: z.string().max(200).nullable().optional(),
      passphrase: z.string().min(10, 'A passphrase needs at least 10 characters').max(1024),
      /**
       * A partner who submits extracts to the inbox: their slot holds no key that reads the store.
       * Partners submit only unless this is false (a partner who signs in and reads their own sources).
       */
      submitOnly: z.boolean().optional(),
    }),
    response: UserRow,
  },
  'users:remove': { request: z.object({ user: z.string().min(1).max(63) }), response: z.object({ removed: z.string() }) },
  'users:changePassphrase': {
    request: z.object({
      oldPassphrase: z.string().min(1).max(1024),
      newPassphrase: z.string().min(10, 'A passphrase needs at least 10 characters').max(1024),
    }),
    response: z.object({ changed: z.literal(true) }),
  },
  'audit:page': {
    request: z.object({
      startRow: z.number().int().nonnegative(),
      endRow: z.number().int().positive(),
      action: z.string().max(100).optional(),
      actor: z.string().max(100).optional(),
    }),
    response: z.object({ rows: z.array(AuditRow), total: z.number().int(), actions: z.array(z.string()), actors: z.array(z.string()) }),
  },
  'audit:verify': {
    // A checkpoint: an event's hash printed by an earlier export and kept outside the store.
    request: z.object({ checkpoint: z.string().trim().regex(/^(\d+:)?[0-9a-fA-F]{64}$/, 'A checkpoint is the 64-character hash an export printed.').optional() }).strict(),
    response: AuditVerdict,
  },
} as const;

/** The engine's own channels (store, files, import, sources, records, users, audit). */
export type CoreChannel = keyof typeof CORE_CHANNELS;

/**
 * Every channel: request and response schema. Each feature keeps its channels in
 * ./channels/<feature>.ts and is listed once in ./features.ts.
 */
export const CHANNELS = {
  ...CORE_CHANNELS,
  ...FEATURE_CHANNELS,
} as const;

export type Channel = keyof typeof CHANNELS;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];
export type RequestOf<C extends Channel> = z.input<(typeof CHANNELS)[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<(typeof CHANNELS)[C]['response']>;

/** What a finished job hands back, by the channel that started it. */
export const JOB_RESULTS = {
  ...FEATURE_JOB_RESULTS,
  'import:start': ImportSummary,
  'demo:create': z.object({
    outDir: z.string(),
    files: z.array(ImportSummary),
    link: z.object({ run: z.number().int(), persons: z.number().int(), households: z.number().int() }).nullable(),
  }),
} as const;
export type JobChannel = keyof typeof JOB_RESULTS;
export type JobResultOf<C extends JobChannel> = z.infer<(typeof JOB_RESULTS)[C]>;

export const JobProgress = z.object({
  type: z.literal('job:progress'),
  job: jobId,
  phase: z.string(),
  done: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
export const JobFinished = z.object({
  type: z.literal('job:finished'),
  job: jobId,
  channel: z.enum(Object.keys(JOB_RESULTS) as [JobChannel, ...JobChannel[]]),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({ ok: z.literal(false), error: z.object({ kind: z.string(), message: z.string() }) }),
  ]),
});
/** The engine locked the store by itself (after the idle time), so the UI must ask again. */
export const StoreLocked = z.object({ type: z.literal('store:locked'), reason: z.literal('idle') });
export const EngineEvent = z.discriminatedUnion('type', [JobProgress, JobFinished, StoreLocked]);
export type JobProgress = z.infer<typeof JobProgress>;
export type JobFinished = z.infer<typeof JobFinished>;
export type EngineEvent = z.infer<typeof EngineEvent>;
