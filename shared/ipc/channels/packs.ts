// The board packs feature's channels, its document model and who may call them. A pack is built
// from aggregates only, with disclosure control applied before anything is rendered; the same
// controlled document feeds the PDF, the workbook and the in-app preview.
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import type { Role } from '../../domain/roles.js';
import { JobStarted } from '../schemas.js';

/** Every section a pack can hold, in the default order. */
export const SECTION_IDS = [
  'summary',
  'households-by-area',
  'cohort',
  'family-outcomes',
  'area-profiles',
  'neighbourhood-indicators',
  'data-sources',
  'matching-quality',
  'methodology',
  'attribution',
] as const;
export const sectionId = z.enum(SECTION_IDS);
export type SectionId = z.infer<typeof sectionId>;

/** The symbol shown for a withheld cell (as ONS and GSS accessible tables do). */
export const SUPPRESSED_SYMBOL = '[c]';

export const DisclosureSettings = z.object({
  /** Counts from 1 up to this minus one are withheld. */
  threshold: z.number().int().min(2).max(100).default(10),
  /** Round shown counts to the nearest 5 (0 = no rounding). */
  roundTo: z.union([z.literal(0), z.literal(5)]).default(5),
  /** Rates only over denominators at least this big. */
  minDenominator: z.number().int().min(10).max(10_000).default(10),
});
export type DisclosureSettings = z.infer<typeof DisclosureSettings>;

const templateName = z
  .string()
  .trim()
  .min(1, 'Give the template a name')
  .max(80)
  .regex(/^[\p{L}\p{N} ._'()-]+$/u, 'Use letters, numbers, spaces and . _ \' ( ) - only');

export const PackTemplate = z.object({
  name: templateName,
  title: z.string().trim().min(1).max(160),
  sections: z.array(sectionId).min(1).max(SECTION_IDS.length),
  disclosure: DisclosureSettings,
  builtIn: z.boolean(),
});
export type PackTemplate = z.infer<typeof PackTemplate>;

const ColumnKind = z.enum(['text', 'count', 'rate', 'percent', 'rank', 'decile', 'number', 'date']);
export type ColumnKind = z.infer<typeof ColumnKind>;

/** A cell as shown: a value, or withheld (`c`), with `r` when the number was rounded. */
export const ShownCell = z.object({ v: z.union([z.string(), z.number(), z.null()]), c: z.boolean().optional() });
export type ShownCell = z.infer<typeof ShownCell>;

export const ShownTable = z.object({
  type: z.literal('table'),
  id: z.string(),
  caption: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), kind: ColumnKind })),
  rows: z.array(z.object({ cells: z.array(ShownCell), total: z.boolean() })),
  notes: z.array(z.string()),
});
export type ShownTable = z.infer<typeof ShownTable>;

export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('paragraph'), text: z.string() }),
  z.object({ type: z.literal('bullets'), items: z.array(z.string()) }),
  z.object({ type: z.literal('figures'), items: z.array(z.object({ label: z.string(), value: ShownCell, kind: ColumnKind })) }),
  ShownTable,
  /** A chart or map as SVG markup written by the engine, with a text alternative. */
  z.object({ type: z.literal('svg'), id: z.string(), caption: z.string(), alt: z.string(), svg: z.string(), width: z.number(), height: z.number() }),
  z.object({ type: z.literal('no-data'), text: z.string() }),
]);
export type Block = z.infer<typeof Block>;

export const PackSection = z.object({ id: sectionId, title: z.string(), blocks: z.array(Block) });
export type PackSection = z.infer<typeof PackSection>;

/** What makes a pack reproducible: its definition and the state it was built from. */
export const PackRecord = z.object({
  template: z.string(),
  title: z.string(),
  sections: z.array(sectionId),
  disclosure: DisclosureSettings,
  programmeVersion: z.string(),
  /** sha256 over the store state the pack reads (sources, link run, decisions, reference data, areas). */
  fingerprint: z.string(),
  /** The date the pack is dated by: the latest change to that state. */
  stateDate: z.string(),
  linkRun: z.number().int().nullable(),
  asOf: z.array(z.object({ source: z.string(), asOf: z.string() })),
  synthetic: z.boolean(),
  suppressedCells: z.number().int(),
});
export type PackRecord = z.infer<typeof PackRecord>;

export const PackDocument = z.object({ record: PackRecord, sections: z.array(PackSection), footnotes: z.array(z.string()) });
export type PackDocument = z.infer<typeof PackDocument>;

export const PackBuilt = z.object({
  build: z.string(),
  pdf: z.string().nullable(),
  xlsx: z.string().nullable(),
  pages: z.number().int(),
  document: PackDocument,
});
export type PackBuilt = z.infer<typeof PackBuilt>;

export const PACK_CHANNELS = {
  'packs:templates': { request: z.object({}).strict(), response: z.array(PackTemplate) },
  'packs:saveTemplate': {
    request: z.object({ name: templateName, title: z.string().trim().min(1).max(160), sections: z.array(sectionId).min(1).max(SECTION_IDS.length), disclosure: DisclosureSettings.partial().optional() }).strict(),
    response: PackTemplate,
  },
  'packs:deleteTemplate': { request: z.object({ name: templateName }).strict(), response: z.object({ deleted: z.string() }) },
  'packs:build': {
    // `outDir` writes both files there (CLI, browser host). In Electron the renderer never names
    // a path: the pack is kept in the engine until it is exported.
    // An existing file of the pack's name that is not an earlier board pack is replaced only with `replace`.
    request: z.object({ template: templateName.optional(), outDir: z.string().min(1).max(4096).optional(), replace: z.boolean().optional() }).strict(),
    response: JobStarted,
  },
  'packs:export': {
    request: z.object({ build: z.string().min(1).max(64), outDir: z.string().min(1).max(4096).optional(), replace: z.boolean().optional() }).strict(),
    response: z.object({ saved: z.boolean(), pdf: z.string().nullable(), xlsx: z.string().nullable() }),
  },
} as const;

/** File names from the template: the same pack always lands under the same names (the app asks before replacing them). */
export function packFileNames(template: string): { pdf: string; xlsx: string } {
  const slug = template.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pack';
  return { pdf: `board-pack-${slug}.pdf`, xlsx: `board-pack-${slug}.xlsx` };
}

export const PACK_JOB_RESULTS = { 'packs:build': PackBuilt } as const;

const BUILD: readonly Role[] = ['analyst', 'co-ordinator'];

export const PACK_POLICY: { readonly [C in keyof typeof PACK_CHANNELS]: 'open' | readonly Role[] } = {
  'packs:templates': BUILD,
  'packs:saveTemplate': BUILD,
  'packs:deleteTemplate': BUILD,
  'packs:build': BUILD,
  'packs:export': BUILD,
};

export const PACK_FEATURE = defineFeature({
  id: 'packs',
  channels: PACK_CHANNELS,
  policy: PACK_POLICY,
  jobResults: PACK_JOB_RESULTS,
  auditActions: ['pack-built', 'pack-exported', 'pack-template-deleted', 'pack-template-saved'],
});
