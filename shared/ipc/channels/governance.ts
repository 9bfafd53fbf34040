// The governance feature's channels, the results of its jobs, and who may call them.
import type { Role } from '../../domain/roles.js';

export const GOVERNANCE_CHANNELS = {} as const;

export const GOVERNANCE_JOB_RESULTS = {} as const;

export const GOVERNANCE_POLICY: { readonly [C in keyof typeof GOVERNANCE_CHANNELS]: 'open' | readonly Role[] } = {};
