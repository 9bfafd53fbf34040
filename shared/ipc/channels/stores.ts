// The stores feature's channels: backing up and restoring the store, and creating, opening and
// switching between stores (the real one, the demo, a restored copy).
import { z } from 'zod';
import type { Role } from '../../domain/roles.js';
import { defineFeature } from '../feature.js';
import { fileToken } from '../schemas.js';

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

/** The kinds of export the engine recognises an earlier file of (and so may replace). */
export const EXPORT_TARGET_KINDS = ['clusters', 'pairs', 'audit', 'quarantine', 'dp-record', 'backup', 'subject-access', 'board-pack'] as const;
export type ExportTargetKind = (typeof EXPORT_TARGET_KINDS)[number];

export const ExportTarget = z.object({
  /** `earlier-export`: the file is there and is an earlier export of this kind (ask before replacing). */
  state: z.enum(['new', 'earlier-export', 'refused']),
  path: z.string(),
  /** Why the path is refused, in plain English (a store's own file, another file, no such folder). */
  message: z.string().nullable(),
});
export type ExportTarget = z.infer<typeof ExportTarget>;

export const STORE_CHANNELS = {
  'exports:checkTarget': {
    // Before an export to a typed path (browser host): nothing is written, so the app can ask
    // "Replace it?" about an earlier export and show a refusal plainly.
    request: z.object({ path, kind: z.enum(EXPORT_TARGET_KINDS) }).strict(),
    response: ExportTarget,
  },
  'store:backup': {
    // As for other exports: the browser host and the CLI name the path, Electron's dialog does.
    request: z.object({ path: path.optional(), replace: z.boolean().optional() }).strict(),
    response: BackupWritten,
  },
  'store:restore': {
    // `target`: the store to create (default: the store the app has open, which needs `replace`).
    // The backup: a typed `archive` path (browser host, CLI) or `archiveToken` from stores:choose.
    request: z
      .object({ archive: path.optional(), archiveToken: fileToken.optional(), target: path.optional(), passphrase: z.string().min(1).max(1024), replace: z.boolean().optional() })
      .strict()
      .refine((r) => (r.archive === undefined) !== (r.archiveToken === undefined), { message: 'Give the backup file as a path or a chosen file, not both.' }),
    response: z.object({
      path: z.string(),
      backupCreatedAt: z.string(),
      replaced: z.boolean(),
      auditEvents: z.number().int(),
      schemaVersion: z.number().int(),
      /** The replaced store's inbox, kept aside because it held partners' submissions the backup does not. */
      inboxKeptAside: z.string().nullable().optional(),
    }),
  },
  'stores:list': {
    request: z.object({}).strict(),
    // `fileChooser`: whether this host shows a native dialog to choose a store or backup.
    response: z.object({ current: z.string(), demoPath: z.string(), recent: z.array(RecentStore), fileChooser: z.enum(['dialog', 'path']) }),
  },
  'stores:choose': {
    // The native open dialog (Electron): a token for the chosen store or backup, or null when cancelled.
    request: z.object({ purpose: z.enum(['store', 'backup']) }).strict(),
    response: z.object({ token: fileToken, name: z.string(), size: z.number().int() }).nullable(),
  },
  'stores:open': {
    // Locks the open store and points the app at another; the user unlocks it next. A store
    // from the recent list or typed (`path`), or chosen in the dialog (`token`).
    request: z
      .object({ path: path.optional(), token: fileToken.optional() })
      .strict()
      .refine((r) => (r.path === undefined) !== (r.token === undefined), { message: 'Give the store as a path or a chosen file, not both.' }),
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
  // Partners export their quarantined rows; the export itself checks the role again.
  'exports:checkTarget': ['analyst', 'co-ordinator', 'partner'],
  // A backup holds every record: analysts only.
  'store:backup': ['analyst'],
  // Works before any store is open (a new machine); the backup's passphrase is the credential,
  // and with a store open the handler allows analysts only.
  'store:restore': 'open',
  'stores:list': 'open',
  // Before any store is unlocked (the Unlock page opens another store): the dialog only names a file.
  'stores:choose': 'open',
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
