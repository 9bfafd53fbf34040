// The areas feature's channels, the results of its jobs, and who may call them.
import type { Role } from '../../domain/roles.js';

export const AREA_CHANNELS = {} as const;

export const AREA_JOB_RESULTS = {} as const;

export const AREA_POLICY: { readonly [C in keyof typeof AREA_CHANNELS]: 'open' | readonly Role[] } = {};
