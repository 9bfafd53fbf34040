// The linkage model's export channels: the trained model as another tool's settings (Splink 4),
// so a council that outgrows one machine can run the same model on Spark or DuckDB. The model
// holds only aggregates (m and u per level, the prior, rule definitions): no record, no key
// value. Co-ordinators may see it as they see the model view.
import { z } from 'zod';
import { defineFeature } from '../feature.js';
import type { Role } from '../../domain/roles.js';

export const SplinkModelExport = z.object({
  /** the Run whose trained model this is, or null before the first run (the engine's defaults) */
  run: z.number().int().positive().nullable(),
  /** Splink 4 settings, to pass to `Linker(df, settings, db_api)` */
  settings: z.record(z.string(), z.unknown()),
  /** the match probability at or above which this app joins two records (for Splink's predict) */
  thresholdMatchProbability: z.number().gt(0).lt(1),
  /** the input table's columns the settings' SQL expects, with what each holds */
  inputColumns: z.record(z.string(), z.string()),
  /** what Splink's settings cannot hold */
  notes: z.array(z.string()),
});
export type SplinkModelExport = z.infer<typeof SplinkModelExport>;

export const MODEL_EXPORT_CHANNELS = {
  'model:exportSplink': { request: z.object({ run: z.number().int().positive().optional() }).strict(), response: SplinkModelExport },
} as const;

const AGGREGATES: readonly Role[] = ['analyst', 'co-ordinator'];

export const MODEL_EXPORT_POLICY: { readonly [C in keyof typeof MODEL_EXPORT_CHANNELS]: 'open' | readonly Role[] } = {
  'model:exportSplink': AGGREGATES,
};

export const MODEL_EXPORT_FEATURE = defineFeature({
  id: 'model-export',
  channels: MODEL_EXPORT_CHANNELS,
  policy: MODEL_EXPORT_POLICY,
  jobResults: {},
  auditActions: ['model-exported'],
});
