// Every action the audit trail can hold: the engine's own, and each feature's (./features.ts).
// Store.audit takes only these, and the trail's labels (renderer audit-labels.ts) must name each.
import { FEATURE_AUDIT_ACTIONS, type FeatureAuditAction } from './features.js';

export const CORE_AUDIT_ACTIONS = ['store-created', 'login', 'locked-idle', 'user-added', 'user-removed', 'passphrase-changed', 'demo-created', 'key-slots-sealed', 'key-slot-refused', 'aggregates-key-made'] as const;

export type AuditAction = (typeof CORE_AUDIT_ACTIONS)[number] | FeatureAuditAction;

export const AUDIT_ACTIONS: readonly AuditAction[] = [...CORE_AUDIT_ACTIONS, ...FEATURE_AUDIT_ACTIONS];
