// Mapping presets in the store: a confirmed mapping saved under a name for a partner and kind,
// found again by name (`--mapping NAME`) or by partner and kind (`--mapping auto`). A preset holds
// header texts and roles only, never a cell; saving one is audited by its ID and name.
import { COLUMN_ROLES, SOURCE_KINDS, type ColumnRole, type SourceKind } from '../../../shared/domain/record-fields.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';
import type { Store } from '../store/store.js';
import type { PresetSheet } from './preset-match.js';

export interface MappingPreset {
  id: number;
  name: string;
  partner: string;
  kind: SourceKind;
  sheets: PresetSheet[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

interface PresetRow {
  id: number;
  name: string;
  partner: string;
  kind: string;
  sheets_json: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export const MAX_PRESET_NAME = 100;

const isRole = (r: unknown): r is ColumnRole => typeof r === 'string' && (COLUMN_ROLES as readonly string[]).includes(r);

/** Parses stored sheets defensively: an unknown role (from a newer version) is read as "keep, not used". */
function parseSheets(json: string): PresetSheet[] {
  const raw = JSON.parse(json) as unknown;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s: unknown) => {
    if (!s || typeof s !== 'object') return [];
    const sheet = (s as { sheet?: unknown }).sheet;
    const columns = (s as { columns?: unknown }).columns;
    if (typeof sheet !== 'string' || !Array.isArray(columns)) return [];
    return [{
      sheet,
      columns: columns.map((c: unknown) => {
        const header = (c as { header?: unknown } | null)?.header;
        const role = (c as { role?: unknown } | null)?.role;
        return { header: typeof header === 'string' ? header : '', role: isRole(role) ? role : 'ignore' };
      }),
    }];
  });
}

function toPreset(row: PresetRow): MappingPreset {
  return {
    id: row.id,
    name: row.name,
    partner: row.partner,
    kind: (SOURCE_KINDS as readonly string[]).includes(row.kind) ? (row.kind as SourceKind) : 'other',
    sheets: parseSheets(row.sheets_json),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

const SELECT = 'SELECT id, name, partner, kind, sheets_json, created_at, created_by, updated_at FROM mapping_preset';

/** Every preset (a partner sees only their organisation's). */
export function listPresets(db: Db, partner: string | null = null): MappingPreset[] {
  const rows = (partner === null ? db.prepare(`${SELECT} ORDER BY name`).all() : db.prepare(`${SELECT} WHERE partner = ? ORDER BY name`).all(partner)) as PresetRow[];
  return rows.map(toPreset);
}

/** The preset of that name, or `not-found` naming it. */
export function presetNamed(db: Db, name: string, partner: string | null = null): MappingPreset {
  const row = db.prepare(`${SELECT} WHERE name = ?`).get(name) as PresetRow | undefined;
  if (!row || (partner !== null && row.partner !== partner)) {
    throw new WorkbenchError('not-found', `No mapping preset named "${name}" in this store (see mapping list); use --mapping auto.`);
  }
  return toPreset(row);
}

/** The latest preset saved for this partner and kind (any kind when it is not known yet). */
export function presetFor(db: Db, partner: string, kind: SourceKind | undefined): MappingPreset | null {
  const row = (kind === undefined
    ? db.prepare(`${SELECT} WHERE partner = ? ORDER BY updated_at DESC, id DESC LIMIT 1`).get(partner)
    : db.prepare(`${SELECT} WHERE partner = ? AND kind = ? ORDER BY updated_at DESC, id DESC LIMIT 1`).get(partner, kind)) as PresetRow | undefined;
  return row ? toPreset(row) : null;
}

export function checkPresetName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new WorkbenchError('bad-input', 'A mapping preset needs a name.');
  if (trimmed.length > MAX_PRESET_NAME) throw new WorkbenchError('bad-input', `A mapping preset name must be ${MAX_PRESET_NAME} characters or fewer.`);
  return trimmed;
}

/** Refuses a name that would replace another organisation's preset (a partner saves only their own). */
export function checkPresetSavable(db: Db, name: string, partnerScope: string | null): string {
  const trimmed = checkPresetName(name);
  if (partnerScope === null) return trimmed;
  const earlier = db.prepare('SELECT partner FROM mapping_preset WHERE name = ?').get(trimmed) as { partner: string } | undefined;
  if (earlier && earlier.partner !== partnerScope) {
    throw new WorkbenchError('forbidden', `The mapping preset name "${trimmed}" is already used by another organisation; choose another name.`);
  }
  return trimmed;
}

/**
 * Saves (or replaces) the named preset. Audited with its ID, name and column counts; how many
 * roles changed when it replaces an earlier version.
 */
export function savePreset(store: Store, input: { name: string; partner: string; kind: SourceKind; sheets: PresetSheet[] }, user: string): MappingPreset {
  const name = checkPresetName(input.name);
  const now = new Date().toISOString();
  const sheets = input.sheets.filter((s) => s.columns.length > 0);
  if (sheets.length === 0) throw new WorkbenchError('bad-input', 'There are no columns to save in a mapping preset.');
  const db = store.writer;
  const earlier = db.prepare(`${SELECT} WHERE name = ?`).get(name) as PresetRow | undefined;
  const columns = sheets.reduce((n, s) => n + s.columns.length, 0);
  let id: number;
  if (earlier) {
    const before = parseSheets(earlier.sheets_json);
    const roleOf = new Map(before.flatMap((s) => s.columns.map((c) => [`${s.sheet}\u0000${c.header}`, c.role] as const)));
    const changed = sheets.reduce((n, s) => n + s.columns.filter((c) => roleOf.get(`${s.sheet}\u0000${c.header}`) !== c.role).length, 0);
    db.prepare('UPDATE mapping_preset SET partner = ?, kind = ?, sheets_json = ?, updated_at = ? WHERE id = ?').run(input.partner, input.kind, JSON.stringify(sheets), now, earlier.id);
    id = earlier.id;
    store.audit(user, 'mapping-preset-updated', { presetId: id, name, sheets: sheets.length, columns, changedColumns: changed });
  } else {
    id = Number(
      db
        .prepare('INSERT INTO mapping_preset (name, partner, kind, sheets_json, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(name, input.partner, input.kind, JSON.stringify(sheets), now, user, now).lastInsertRowid,
    );
    store.audit(user, 'mapping-preset-saved', { presetId: id, name, sheets: sheets.length, columns });
  }
  return toPreset(db.prepare(`${SELECT} WHERE id = ?`).get(id) as PresetRow);
}
