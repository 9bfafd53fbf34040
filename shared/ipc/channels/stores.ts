// The stores feature's channels: backing up and restoring the store, and creating, opening and
// switching between stores (the real one, the demo, a restored copy).
import { z } from 'zod';
import type { Role } from '../../domain/roles.js';
import { defineFeature } from '../feature.js';

const path = z.string().min(1).max(4096);
/** Checked again in the engine for more than length (blank and common passphrases are refused). */
const newPassphrase = z.string().min(10, 'A passphrase needs at least 10 characters').max(1024);

export const BackupWritten = z.object({
  saved: z.boolean(),
  path: z.string().nullable(),
  bytes: z.number().int(),
  createdAt: z.string().nullable(),
});
export type BackupWritten = z.infer<typeof BackupWritten>;

export const RecentStore = z.object({
  path: z.string(),
  /** The file name without its folder, as the header shows it. */
  name: z.string(),
  exists: z.boolean(),
  demo: z.boolean(),
  current: z.boolean(),
});
export type RecentStore = z.infer<typeof RecentStore>;

export const STORE_CHANNELS = {
  'store:backup': {
    // As for other exports: the browser host and the CLI name the path, Electron's dialog does.
    request: z.object({ path: path.optional(), replace: z.boolean().optional() }).strict(),
    response: BackupWritten,
  },
  'store:restore': {
    // `target`: the store to create (default: the store the app has open, which needs `replace`).
    request: z.object({ archive: path, target: path.optional(), passphrase: z.string().min(1).max(1024), replace: z.boolean().optional() }).strict(),
    response: z.object({
      path: z.string(),
      backupCreatedAt: z.string(),
      replaced: z.boolean(),
      auditEvents: z.number().int(),
      schemaVersion: z.number().int(),
    }),
  },
  'stores:list': { request: z.object({}).strict(), response: z.object({ current: z.string(), demoPath: z.string(), recent: z.array(RecentStore) }) },
  'stores:open': {
    // Locks the open store and points the app at another; the user unlocks it next.
    request: z.object({ path }).strict(),
    response: z.object({ path: z.string(), exists: z.boolean() }),
  },
  'stores:create': {
    // A new empty store at `path`, opened as its first analyst.
    request: z.object({ path, passphrase: newPassphrase }).strict(),
    response: z.object({ path: z.string() }),
  },
  'stores:openDemo': {
    // The demo always lives in its own store: this switches to it, creating it when missing.
    request: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
    response: z.object({ path: z.string(), created: z.boolean() }),
  },
} as const;

export const STORE_POLICY: { readonly [C in keyof typeof STORE_CHANNELS]: 'open' | readonly Role[] } = {
  // A backup holds every record: analysts only.
  'store:backup': ['analyst'],
  // Works before any store is open (a new machine); the backup's passphrase is the credential,
  // and with a store open the handler allows analysts only.
  'store:restore': 'open',
  'stores:list': 'open',
  'stores:open': 'open',
  'stores:create': 'open',
  'stores:openDemo': 'open',
};

export const STORE_FEATURE = defineFeature({
  id: 'stores',
  channels: STORE_CHANNELS,
  policy: STORE_POLICY,
  jobResults: {},
  auditActions: ['store-backed-up', 'store-restored'],
});

/** Remind to back up when the last backup is older than this (or there is none yet). */
export const BACKUP_REMINDER_DAYS = 7;
