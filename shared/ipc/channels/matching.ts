// The matching feature's channels, the results of its jobs, and who may call them.
import type { Role } from '../../domain/roles.js';

export const MATCHING_CHANNELS = {} as const;

export const MATCHING_JOB_RESULTS = {} as const;

export const MATCHING_POLICY: { readonly [C in keyof typeof MATCHING_CHANNELS]: 'open' | readonly Role[] } = {};
