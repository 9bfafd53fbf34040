// A feature as both doors (the app over IPC, the command line) see it: its channels with their
// request and response schemas, who may call each, what its jobs hand back, and the audit actions
// it writes. Each feature defines itself once (shared/ipc/channels/<feature>.ts) and is listed once
// in ./features.ts; the contract, the policy table, job results and audit labels derive from that.
import type { z } from 'zod';
import type { Role } from '../domain/roles.js';

export interface ChannelSchemas {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/** `open`: callable before the store is unlocked; otherwise the roles that may call it. */
export type Policy = 'open' | readonly Role[];

export interface Feature<C extends Record<string, ChannelSchemas>, J extends { readonly [K in keyof C]?: z.ZodType }, A extends string> {
  readonly id: string;
  readonly channels: C;
  /** Every channel's roles: a channel without a policy does not compile. */
  readonly policy: { readonly [K in keyof C]: Policy };
  /** The result schema of each channel that starts a job. */
  readonly jobResults: J;
  /** Every action this feature writes to the audit trail (the trail's labels must cover them). */
  readonly auditActions: readonly A[];
}

export function defineFeature<C extends Record<string, ChannelSchemas>, J extends { readonly [K in keyof C]?: z.ZodType }, const A extends string>(
  feature: Feature<C, J, A>,
): Feature<C, J, A> {
  return feature;
}
