// The partner list: the organisations an analyst keeps, each with the kinds of extract it sends,
// its presets, sources and users. A partner named by an import, a preset or a user is shown even
// before an analyst lists it, so nothing filed under a partner is ever out of sight.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { PartnerRow } from '../../../shared/ipc/channels/partners.js';
import { SOURCE_KINDS, type SourceKind } from '../../../shared/domain/record-fields.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Store } from '../store/store.js';
import { listUsers } from '../store/users.js';

const key = (name: string): string => name.trim().toLocaleLowerCase('en-GB');
const kindOrder = (kinds: Iterable<string>): SourceKind[] => SOURCE_KINDS.filter((k) => new Set(kinds).has(k));

/** Every partner, listed or only named; a partner user's scope gives their own entry only. */
export function listPartners(store: Store, scope: string | null): PartnerRow[] {
  const db = store.reader;
  const rows = new Map<string, PartnerRow>();
  const entry = (name: string): PartnerRow => {
    const k = key(name);
    let row = rows.get(k);
    if (!row) {
      row = { name, listed: false, kinds: [], sources: 0, latestAsOf: null, presets: [], users: [] };
      rows.set(k, row);
    }
    return row;
  };
  for (const p of db.prepare('SELECT name, kinds_json FROM partner ORDER BY name').all() as Array<{ name: string; kinds_json: string }>) {
    const row = entry(p.name);
    row.listed = true;
    row.kinds = kindOrder(JSON.parse(p.kinds_json) as string[]);
  }
  for (const s of db.prepare('SELECT partner, kind, count(*) AS n, max(as_of) AS latest FROM source GROUP BY partner, kind').all() as Array<{ partner: string; kind: string; n: number; latest: string }>) {
    const row = entry(s.partner);
    row.kinds = kindOrder([...row.kinds, s.kind]);
    row.sources += s.n;
    if (!row.latestAsOf || s.latest > row.latestAsOf) row.latestAsOf = s.latest;
  }
  for (const p of db.prepare('SELECT partner, name FROM mapping_preset ORDER BY name').all() as Array<{ partner: string; name: string }>) entry(p.partner).presets.push(p.name);
  for (const u of listUsers(store)) if (u.organisation) entry(u.organisation).users.push({ user: u.user, role: u.role });
  const all = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return scope === null ? all : all.filter((r) => key(r.name) === key(scope));
}

function partnerRow(store: Store, name: string): PartnerRow {
  const row = listPartners(store, name)[0];
  if (!row) throw new WorkbenchError('not-found', `There is no partner "${name}" (see the partner list).`);
  return row;
}

/** Lists a partner (or sets the kinds of extract a listed one sends). */
export function savePartner(store: Store, name: string, kinds: readonly SourceKind[], user: string): PartnerRow {
  const trimmed = name.trim();
  const db = store.writer;
  db.transaction(() => {
    const existing = db.prepare('SELECT name FROM partner WHERE name = ?').get(trimmed) as { name: string } | undefined;
    if (existing) db.prepare('UPDATE partner SET kinds_json = ? WHERE name = ?').run(JSON.stringify(kindOrder(kinds)), existing.name);
    else db.prepare('INSERT INTO partner (name, kinds_json, created_at, created_by) VALUES (?, ?, ?, ?)').run(trimmed, JSON.stringify(kindOrder(kinds)), new Date().toISOString(), user);
    // Organisation names, not data about people: the trail can name them.
    store.audit(user, 'partner-saved', { partner: existing?.name ?? trimmed, kinds: kindOrder(kinds).length });
  })();
  return partnerRow(store, trimmed);
}

/** Keeps a partner named by an import on the list, with the kind of extract it sent. */
export function notePartnerImport(db: Database.Database, partner: string, kind: string, user: string, at: string): void {
  const row = db.prepare('SELECT name, kinds_json FROM partner WHERE name = ?').get(partner) as { name: string; kinds_json: string } | undefined;
  if (!row) {
    db.prepare('INSERT INTO partner (name, kinds_json, created_at, created_by) VALUES (?, ?, ?, ?)').run(partner, JSON.stringify(kindOrder([kind])), at, user);
    return;
  }
  const kinds = JSON.parse(row.kinds_json) as string[];
  if (!kinds.includes(kind)) db.prepare('UPDATE partner SET kinds_json = ? WHERE name = ?').run(JSON.stringify(kindOrder([...kinds, kind])), row.name);
}

/**
 * Renames a partner, or merges it into another already listed: its sources and presets move
 * with it, so next month's extract finds them. Users are key slots outside the store: the ones
 * still naming the old organisation are returned, to be issued again under the new name.
 */
export function renamePartner(store: Store, from: string, to: string, user: string): { partner: PartnerRow; sources: number; presets: number; usersToReissue: string[] } {
  const source = listPartners(store, from)[0];
  if (!source) throw new WorkbenchError('not-found', `There is no partner "${from}" (see the partner list).`);
  const target = to.trim();
  if (key(source.name) === key(target) && source.name === target) throw new WorkbenchError('bad-input', `"${from}" is already called that.`);
  const db = store.writer;
  let moved = { sources: 0, presets: 0 };
  db.transaction(() => {
    const into = db.prepare('SELECT name, kinds_json FROM partner WHERE name = ?').get(target) as { name: string; kinds_json: string } | undefined;
    const name = into && key(into.name) !== key(source.name) ? into.name : target;
    const kinds = kindOrder([...source.kinds, ...(into ? (JSON.parse(into.kinds_json) as string[]) : [])]);
    db.prepare('DELETE FROM partner WHERE name = ?').run(source.name);
    db.prepare('INSERT INTO partner (name, kinds_json, created_at, created_by) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name, kinds_json = excluded.kinds_json').run(name, JSON.stringify(kinds), new Date().toISOString(), user);
    moved = {
      sources: db.prepare('UPDATE source SET partner = ? WHERE partner = ? COLLATE NOCASE').run(name, source.name).changes,
      presets: db.prepare('UPDATE mapping_preset SET partner = ? WHERE partner = ? COLLATE NOCASE').run(name, source.name).changes,
    };
    store.audit(user, 'partner-renamed', { from: source.name, to: name, merged: Boolean(into && key(into.name) !== key(source.name)), sources: moved.sources, presets: moved.presets });
  })();
  const partner = partnerRow(store, target);
  return { partner, ...moved, usersToReissue: source.users.map((u) => u.user) };
}

/** Takes a partner off the list; one that still has sources, presets or users stays. */
export function removePartner(store: Store, name: string, user: string): { removed: string } {
  const row = partnerRow(store, name);
  const uses = [row.sources ? `${row.sources} source(s)` : '', row.presets.length ? `${row.presets.length} preset(s)` : '', row.users.length ? `${row.users.length} user(s)` : ''].filter(Boolean);
  if (uses.length) throw new WorkbenchError('conflict', `"${row.name}" still has ${uses.join(', ')}: purge or move them to another partner first (rename merges them).`);
  store.writer.transaction(() => {
    store.writer.prepare('DELETE FROM partner WHERE name = ?').run(row.name);
    store.audit(user, 'partner-removed', { partner: row.name });
  })();
  return { removed: row.name };
}
