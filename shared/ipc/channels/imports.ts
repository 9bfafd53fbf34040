// The imports feature's channels, the results of its jobs, and who may call them.
import type { Role } from '../../domain/roles.js';

export const IMPORT_CHANNELS = {} as const;

export const IMPORT_JOB_RESULTS = {} as const;

export const IMPORT_POLICY: { readonly [C in keyof typeof IMPORT_CHANNELS]: 'open' | readonly Role[] } = {};
