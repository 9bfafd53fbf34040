// The aggregates store: a second encrypted SQLite file beside the main store, under its own
// random key (key.ts). It holds only what co-ordinators may see, already disclosure-controlled:
// each answer a co-ordinator may ask for (areas and their profiles, cohort counts by criterion and
// area, outcome statuses by pseudonymous family ID, neighbourhood measures, board pack inputs),
// computed from the main store by an analyst's session (refresh.ts). Co-ordinators' own audit
// events wait in its journal until an analyst's session folds them into the sealed trail.
import { existsSync } from 'node:fs';
import { openDatabase, type Db } from '../store/database.js';
import { createPrivateFile } from '../store/files.js';

export const aggregatesPath = (storePath: string): string => `${storePath}.aggregates`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One disclosure-controlled answer per channel and request, with the audit events it is recorded by.
CREATE TABLE IF NOT EXISTS agg_answer(
  channel TEXT NOT NULL, request_key TEXT NOT NULL, response_json TEXT NOT NULL, audit_json TEXT NOT NULL,
  PRIMARY KEY(channel, request_key));
-- Requests to prepare at every refresh: those analysts made, and those co-ordinators asked for in vain.
CREATE TABLE IF NOT EXISTS agg_request(
  channel TEXT NOT NULL, request_key TEXT NOT NULL, request_json TEXT NOT NULL, wanted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(channel, request_key));
-- Board pack documents (the controlled figures the renderers take), per template.
CREATE TABLE IF NOT EXISTS agg_pack(template TEXT PRIMARY KEY, document_json TEXT NOT NULL);
-- Templates co-ordinators saved, moved into the main store by the next analyst session.
CREATE TABLE IF NOT EXISTS pack_template(
  name TEXT PRIMARY KEY COLLATE NOCASE, title TEXT NOT NULL, sections_json TEXT NOT NULL,
  disclosure_json TEXT NOT NULL, saved_by TEXT NOT NULL, saved_at TEXT NOT NULL);
-- Co-ordinators' audit events, folded into the sealed trail by the next analyst session.
CREATE TABLE IF NOT EXISTS agg_journal(
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, payload_json TEXT NOT NULL);
`;

/** Opens (or makes, owner-only) the aggregates store with its key. */
export function openAggregates(storePath: string, key: Buffer, options: { create: boolean } = { create: false }): Db {
  const path = aggregatesPath(storePath);
  const fresh = !existsSync(path);
  if (fresh && options.create) createPrivateFile(path);
  const db = openDatabase(path, key, { create: fresh && options.create, migrate: false });
  db.exec(SCHEMA);
  return db;
}

export function aggregatesExist(storePath: string): boolean {
  return existsSync(aggregatesPath(storePath));
}

export function aggMeta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function setAggMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** A request's canonical form (keys sorted at every depth), so the same question finds the same answer. */
export function requestKey(request: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(request ?? {}));
}
