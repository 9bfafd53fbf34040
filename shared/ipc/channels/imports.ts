// The imports feature's channels, the results of its jobs, and who may call them. The core
// import channels (import:preview, import:start, sources:list, records:page) stay in contract.ts;
// the schemas they share with these live here (contract.ts imports them, never the reverse).
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import { COLUMN_ROLES, SOURCE_KINDS } from '../../domain/record-fields.js';
import type { Role } from '../../domain/roles.js';
import { JobStarted } from '../schemas.js';

const role = z.enum(COLUMN_ROLES);

/** How a new extract's headers differ from the preset laid over them (header texts only). */
export const SheetDrift = z.object({
  sheet: z.string(),
  presetSheet: z.string().nullable(),
  renamed: z.array(z.object({ from: z.string(), to: z.string(), role })),
  moved: z.array(z.object({ header: z.string(), from: z.number().int(), to: z.number().int() })),
  added: z.array(z.object({ header: z.string(), role })),
  removed: z.array(z.object({ header: z.string(), role })),
});
export type SheetDrift = z.infer<typeof SheetDrift>;

export const PresetApplied = z.object({ id: z.number().int(), name: z.string(), drift: z.array(SheetDrift) });
export type PresetApplied = z.infer<typeof PresetApplied>;

export const PresetRow = z.object({
  id: z.number().int(),
  name: z.string(),
  partner: z.string(),
  kind: z.enum(SOURCE_KINDS),
  sheets: z.number().int(),
  columns: z.number().int(),
  updatedAt: z.string(),
  /** Each sheet's saved columns: header texts and roles, never a cell. */
  layout: z.array(z.object({ sheet: z.string(), columns: z.array(z.unknown()) })),
});
export type PresetRow = z.infer<typeof PresetRow>;

export const DiffRow = z.object({
  sheet: z.string(),
  row: z.number().int().nullable(),
  previousRow: z.number().int().nullable(),
  fields: z.array(z.string()),
  /** Who (analysts only). */
  name: z.string().optional(),
});
export type DiffRow = z.infer<typeof DiffRow>;

/** New / changed / gone rows of a source against the partner's previous source of that kind. */
export const SourceDiff = z.object({
  sourceId: z.number().int(),
  previousSourceId: z.number().int(),
  previousFileName: z.string(),
  keyedBy: z.array(z.object({ sheet: z.string(), key: z.enum(['agency reference', 'name and date of birth']) })),
  new: z.number().int(),
  changed: z.number().int(),
  gone: z.number().int(),
  unchanged: z.number().int(),
  /** new + changed + unchanged, and gone + changed + unchanged: the two files' records. */
  records: z.number().int(),
  previousRecords: z.number().int(),
  examples: z.object({ new: z.array(DiffRow), changed: z.array(DiffRow), gone: z.array(DiffRow) }),
});
export type SourceDiff = z.infer<typeof SourceDiff>;

export const QuarantineRow = z.object({
  id: z.number().int(),
  sheet: z.string(),
  rowNumber: z.number().int(),
  reason: z.string(),
  cells: z.array(z.string().nullable()),
});
export type QuarantineRow = z.infer<typeof QuarantineRow>;

const sourceId = z.number().int().positive();

/** Roles per sheet name (the same shape as an import's mapping; contract.ts may not be imported here). */
const RemapMapping = z.record(z.string().max(200), z.array(role).max(2000));

/** One sheet of a stored source as the mapping screen shows it (the shape of a preview's sheet). */
export const SourceMappingSheet = z.object({
  sheet: z.string(),
  headerRow: z.number().int().nullable(),
  dataRows: z.number().int(),
  problem: z.string().nullable(),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      role: role,
      suggestedRole: role,
      confidence: z.number(),
      samples: z.array(z.string()),
      values: z.array(z.string()),
    }),
  ),
});
export type SourceMappingSheet = z.infer<typeof SourceMappingSheet>;

const Counts = z.object({ records: z.number().int(), quarantined: z.number().int() });

/** What re-reading a source's stored rows under a new mapping changed (counts only). */
export const RemapSummary = z.object({
  sourceId: z.number().int(),
  fileName: z.string(),
  before: Counts,
  after: Counts,
  /** Records read again in place (same record ID), new records, and records now quarantined. */
  updated: z.number().int(),
  added: z.number().int(),
  removed: z.number().int(),
  events: z.number().int(),
  /** Columns newly marked "not needed", whose stored cells were removed. */
  droppedColumns: z.array(z.string()),
  preset: z.string().nullable(),
  /** A matching run exists and was made from the records as they were: run matching again. */
  linkRunStale: z.boolean(),
  message: z.string(),
});
export type RemapSummary = z.infer<typeof RemapSummary>;

export const IMPORT_CHANNELS = {
  'mapping:list': { request: z.object({}).strict(), response: z.array(PresetRow) },
  'source:diff': {
    request: z.object({ sourceId, previousId: sourceId.optional() }).strict(),
    response: SourceDiff.nullable(),
  },
  'quarantine:page': {
    request: z.object({ sourceId, startRow: z.number().int().nonnegative(), endRow: z.number().int().positive() }).strict(),
    response: z.object({
      rows: z.array(QuarantineRow),
      total: z.number().int(),
      /** Each sheet's headers, to label the cells. */
      sheets: z.array(z.object({ sheet: z.string(), headers: z.array(z.string()) })),
    }),
  },
  'quarantine:export': {
    // The browser host cannot show a save dialog, so the user types where to save; in Electron the
    // renderer never names a path and the file goes to the exports folder beside the store.
    request: z.object({ sourceId, path: z.string().min(1).max(4096).optional(), replace: z.boolean().optional() }).strict(),
    response: z.object({ saved: z.boolean(), path: z.string(), rows: z.number().int() }),
  },
  'sources:mapping': {
    request: z.object({ sourceId }).strict(),
    response: z.object({
      sourceId: z.number().int(),
      fileName: z.string(),
      records: z.number().int(),
      quarantined: z.number().int(),
      sheets: z.array(SourceMappingSheet),
    }),
  },
  'sources:remap': {
    // An explicit mapping, else a preset by name, else 'auto' (the partner's latest for the kind).
    request: z.object({ sourceId, mapping: RemapMapping.optional(), preset: z.string().min(1).max(100).optional() }).strict(),
    response: JobStarted,
  },
  'sources:set-partner': {
    // The partner an import was filed under, corrected (it decides presets, diffs and who sees it).
    request: z.object({ sourceId, partner: z.string().trim().min(1).max(200) }).strict(),
    response: z.object({ sourceId: z.number().int(), partner: z.string(), previous: z.string() }),
  },
} as const;

export const IMPORT_JOB_RESULTS = { 'sources:remap': RemapSummary } as const;

export const IMPORT_POLICY: { readonly [C in keyof typeof IMPORT_CHANNELS]: 'open' | readonly Role[] } = {
  'mapping:list': ['analyst', 'partner'],
  // A partner sees only their own sources: the handlers scope by organisation.
  'source:diff': ['analyst', 'partner'],
  'quarantine:page': ['analyst', 'partner'],
  'quarantine:export': ['analyst', 'partner'],
  'sources:mapping': ['analyst', 'partner'],
  'sources:remap': ['analyst', 'partner'],
  'sources:set-partner': ['analyst'],
};

export const IMPORT_FEATURE = defineFeature({
  id: 'imports',
  channels: IMPORT_CHANNELS,
  policy: IMPORT_POLICY,
  jobResults: IMPORT_JOB_RESULTS,
  auditActions: ['import', 'quarantine-exported', 'source-remapped', 'mapping-preset-saved', 'mapping-preset-updated', 'records-viewed', 'source-partner-set'],
});
