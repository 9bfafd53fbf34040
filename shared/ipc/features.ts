// The one list of features. Adding a feature is one line here (and its definition in
// ./channels/<feature>.ts); contract.ts, policy.ts and the audit trail derive from this list.
import { AREA_FEATURE } from './channels/areas.js';
import { GOVERNANCE_FEATURE } from './channels/governance.js';
import { IMPORT_FEATURE } from './channels/imports.js';
import { MATCHING_FEATURE } from './channels/matching.js';
import { COHORT_FEATURE } from './channels/cohort.js';
import { OUTCOME_FEATURE } from './channels/outcomes.js';
import { PACK_FEATURE } from './channels/packs.js';
import { MODEL_EXPORT_FEATURE } from './channels/model-export.js';
import { BASELINE_FEATURE } from './channels/baseline.js';
import { STORE_FEATURE } from './channels/stores.js';
import { PARTNER_FEATURE } from './channels/partners.js';
import { INBOX_FEATURE } from './channels/inbox.js';
import { AGGREGATES_FEATURE } from './channels/aggregates.js';
import type { Policy } from './feature.js';

export const FEATURES = [
  IMPORT_FEATURE,
  MATCHING_FEATURE,
  AREA_FEATURE,
  GOVERNANCE_FEATURE,
  COHORT_FEATURE,
  OUTCOME_FEATURE,
  PACK_FEATURE,
  MODEL_EXPORT_FEATURE,
  BASELINE_FEATURE,
  STORE_FEATURE,
  PARTNER_FEATURE,
  INBOX_FEATURE,
  AGGREGATES_FEATURE,
] as const;

type Feature = (typeof FEATURES)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type FeatureChannels = UnionToIntersection<Feature['channels']>;
export type FeatureJobResults = UnionToIntersection<Feature['jobResults']>;
export type FeatureAuditAction = Feature['auditActions'][number];

const merged = <T>(parts: readonly object[]): T => Object.assign({}, ...parts) as T;

export const FEATURE_CHANNELS = merged<FeatureChannels>(FEATURES.map((f) => f.channels));
export const FEATURE_POLICY = merged<{ readonly [C in keyof FeatureChannels]: Policy }>(FEATURES.map((f) => f.policy));
export const FEATURE_JOB_RESULTS = merged<FeatureJobResults>(FEATURES.map((f) => f.jobResults));
export const FEATURE_AUDIT_ACTIONS: readonly FeatureAuditAction[] = FEATURES.flatMap((f) => f.auditActions);
