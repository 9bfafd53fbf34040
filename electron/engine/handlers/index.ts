// The one list of handler modules: each feature's channels (shared/ipc/features.ts) are answered
// by one factory here. Adding a feature is one line; the engine checks every channel is answered.
import type { EngineContext } from './context.js';
import { baselineHandlers } from './baseline.js';
import { modelExportHandlers } from './model-export.js';
import { packHandlers } from './packs.js';
import { outcomeHandlers } from './outcomes.js';
import { cohortHandlers } from './cohort.js';
import { areaHandlers } from './areas.js';
import { coreHandlers } from './core.js';
import { governanceHandlers } from './governance.js';
import { importHandlers } from './imports.js';
import { matchingHandlers } from './matching.js';
import { storeHandlers } from './stores.js';
import { partnerHandlers } from './partners.js';
import { inboxHandlers } from './inbox.js';
import { aggregatesHandlers } from './aggregates.js';

export const HANDLER_MODULES = [
  coreHandlers,
  importHandlers,
  matchingHandlers,
  areaHandlers,
  governanceHandlers,
  cohortHandlers,
  outcomeHandlers,
  packHandlers,
  modelExportHandlers,
  baselineHandlers,
  storeHandlers,
  partnerHandlers,
  inboxHandlers,
  aggregatesHandlers,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
export type ModuleHandlers = UnionToIntersection<ReturnType<(typeof HANDLER_MODULES)[number]>>;

export function moduleHandlers(context: EngineContext): ModuleHandlers {
  return Object.assign({}, ...HANDLER_MODULES.map((make) => make(context))) as ModuleHandlers;
}
