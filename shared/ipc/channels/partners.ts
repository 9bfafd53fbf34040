// The partner organisations the analyst keeps: each with the kinds of extract it sends, its
// mapping presets, its sources and its users. Imports are filed under one of them; renaming one
// moves its sources and presets with it.
import { z } from 'zod';
import { SOURCE_KINDS } from '../../domain/record-fields.js';
import type { Role } from '../../domain/roles.js';
import { defineFeature } from '../feature.js';

const name = z.string().trim().min(1).max(200);
const kind = z.enum(SOURCE_KINDS);

export const PartnerRow = z.object({
  name: z.string(),
  /** Kept on the list by an analyst (false: only named by a source, preset or user so far). */
  listed: z.boolean(),
  kinds: z.array(kind),
  sources: z.number().int(),
  /** The latest extract's as-of date (ISO), or null before the first. */
  latestAsOf: z.string().nullable(),
  presets: z.array(z.string()),
  users: z.array(z.object({ user: z.string(), role: z.string() })),
});
export type PartnerRow = z.infer<typeof PartnerRow>;

export const PARTNER_CHANNELS = {
  'partners:list': { request: z.object({}).strict(), response: z.array(PartnerRow) },
  'partners:save': {
    // Adds a partner, or sets the kinds of extract a listed one sends.
    request: z.object({ name, kinds: z.array(kind).max(SOURCE_KINDS.length) }).strict(),
    response: PartnerRow,
  },
  'partners:rename': {
    // Renames (or merges into another partner): its sources and presets move with it.
    request: z.object({ from: name, to: name }).strict(),
    response: z.object({ partner: PartnerRow, sources: z.number().int(), presets: z.number().int(), usersToReissue: z.array(z.string()) }),
  },
  'partners:remove': {
    request: z.object({ name }).strict(),
    response: z.object({ removed: z.string() }),
  },
} as const;

export const PARTNER_POLICY: { readonly [C in keyof typeof PARTNER_CHANNELS]: 'open' | readonly Role[] } = {
  // A partner user sees their own organisation's entry only: the handler scopes it.
  'partners:list': ['analyst', 'partner'],
  'partners:save': ['analyst'],
  'partners:rename': ['analyst'],
  'partners:remove': ['analyst'],
};

export const PARTNER_FEATURE = defineFeature({
  id: 'partners',
  channels: PARTNER_CHANNELS,
  policy: PARTNER_POLICY,
  jobResults: {},
  auditActions: ['partner-saved', 'partner-renamed', 'partner-removed'],
});
