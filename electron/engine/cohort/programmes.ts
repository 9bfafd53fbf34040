// Programme definitions: the read-only presets (code) and analysts' copies (the store, every saved
// version kept). A cohort always names the version that made it.
import { ProgrammeDefinition, type ProgrammeVersion } from '../../../shared/ipc/channels/cohort.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';
import { PRESETS } from './presets.js';

interface Row {
  name: string;
  version: number;
  based_on: string | null;
  definition_json: string;
  created_at: string;
  created_by: string;
}

const fromRow = (r: Row): ProgrammeVersion => ({
  name: r.name,
  version: r.version,
  preset: false,
  basedOn: r.based_on,
  createdAt: r.created_at,
  createdBy: r.created_by,
  definition: ProgrammeDefinition.parse(JSON.parse(r.definition_json)),
});

const presetVersion = (name: string, definition: ProgrammeDefinition): ProgrammeVersion => ({ name, version: 1, preset: true, basedOn: null, createdAt: null, createdBy: null, definition });

export function listProgrammes(db: Db): Array<{ name: string; title: string; preset: boolean; latestVersion: number; source: string }> {
  const out = [...PRESETS].map(([name, d]) => ({ name, title: d.title, preset: true, latestVersion: 1, source: d.source }));
  const rows = db.prepare('SELECT p.* FROM programme_version p WHERE version = (SELECT max(version) FROM programme_version q WHERE q.name = p.name) ORDER BY name').all() as Row[];
  for (const r of rows) {
    const v = fromRow(r);
    out.push({ name: v.name, title: v.definition.title, preset: false, latestVersion: v.version, source: v.definition.source });
  }
  return out;
}

export function getProgramme(db: Db, name: string, version?: number): ProgrammeVersion {
  const preset = PRESETS.get(name);
  if (preset) {
    if (version !== undefined && version !== 1) throw new WorkbenchError('not-found', `The preset ${name} has only version 1.`);
    return presetVersion(name, preset);
  }
  const row = (
    version === undefined
      ? db.prepare('SELECT * FROM programme_version WHERE name = ? ORDER BY version DESC LIMIT 1').get(name)
      : db.prepare('SELECT * FROM programme_version WHERE name = ? AND version = ?').get(name, version)
  ) as Row | undefined;
  if (!row) {
    const known = listProgrammes(db).map((p) => p.name).join(', ');
    throw new WorkbenchError('not-found', version === undefined ? `There is no programme "${name}". Programmes: ${known}.` : `Programme "${name}" has no version ${version}.`);
  }
  return fromRow(row);
}

function insert(db: Db, name: string, basedOn: string | null, definition: ProgrammeDefinition, user: string): ProgrammeVersion {
  const next = ((db.prepare('SELECT max(version) AS v FROM programme_version WHERE name = ?').get(name) as { v: number | null }).v ?? 0) + 1;
  const at = new Date().toISOString();
  db.prepare('INSERT INTO programme_version(name, version, based_on, definition_json, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(
    name,
    next,
    basedOn,
    JSON.stringify(ProgrammeDefinition.parse(definition)),
    at,
    user,
  );
  return getProgramme(db, name, next);
}

/** A new programme from a preset or another programme's version: the analyst's to edit. */
export function copyProgramme(db: Db, from: string, fromVersion: number | undefined, name: string, user: string): ProgrammeVersion {
  if (PRESETS.has(name)) throw new WorkbenchError('bad-input', `"${name}" is a preset's name; choose another.`);
  if (db.prepare('SELECT 1 FROM programme_version WHERE name = ?').get(name)) throw new WorkbenchError('bad-input', `A programme called "${name}" already exists.`);
  const source = getProgramme(db, from, fromVersion);
  const definition = { ...source.definition, title: `${source.definition.title} (copy: ${name})` };
  return insert(db, name, `${source.name} v${source.version}`, definition, user);
}

/** Saves an edited programme as its next version; earlier versions stay as they were. */
export function saveProgramme(db: Db, name: string, definition: ProgrammeDefinition, user: string): ProgrammeVersion {
  if (PRESETS.has(name)) throw new WorkbenchError('forbidden', `${name} is a read-only preset: copy it to edit it.`);
  const latest = getProgramme(db, name);
  return insert(db, name, latest.basedOn, definition, user);
}
