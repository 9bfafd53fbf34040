// Each migration step, on the store the steps before it left: it applies, creates what it says,
// keeps every row already there, and leaves a store that passes SQLite's own checks. A store left
// at any earlier version opens with this one; a step that cannot apply changes nothing.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../electron/engine/store/migrations/index.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

// Each version's store is built once per file and copied for every test that starts from it:
// built afresh per test, the same steps ran about seventy times over (a minute of fsyncs). A copy
// of the closed file is the same store, and each test still gets its own to change.
let templates: string | null = null;
const templateAt = new Map<number, string>();
beforeAll(() => {
  templates = mkdtempSync(join(tmpdir(), 'bw-migrations-'));
});
afterAll(() => {
  if (templates) rmSync(templates, { recursive: true, force: true });
});

/** The closed file of a store at `version`: the store at the step before, and this step applied as the app applied it. */
function templateFor(version: number): string {
  const applied = MIGRATIONS.filter((x) => x.version <= version);
  const last = applied.at(-1);
  const key = last?.version ?? 0;
  const known = templateAt.get(key);
  if (known) return known;
  if (!templates) throw new Error('the store templates are made before the tests');
  const file = join(templates, `v${key}.db`);
  const before = applied.at(-2);
  if (before) copyFileSync(templateFor(before.version), file);
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    if (last) {
      db.exec(last.sql);
      db.pragma(`user_version = ${last.version}`);
      if (last.version === 10) writeFirstRows(db);
    }
  } finally {
    db.close();
  }
  templateAt.set(key, file);
  return file;
}

/** A store at `version`: every step up to it, as the app applied them, plus rows written at version 10. */
function storeAt(version: number): Database.Database {
  const file = join(tempDir(), `v${version}.db`);
  copyFileSync(templateFor(version), file);
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  return db;
}

/** An imported source with a header row, two records and a quarantined row, and an audit event. */
function writeFirstRows(db: Database.Database): void {
  db.prepare(
    `INSERT INTO source(id, file_name, sha256, size, format, partner, kind, as_of, imported_at, imported_by, mapping_json, rows, records, quarantined)
     VALUES (1, 'school.csv', 'abc', 120, 'csv', 'School', 'school', '2025-03-31', '2025-04-01T09:00:00Z', 'ann', '{}', 4, 2, 1)`,
  ).run();
  db.prepare("INSERT INTO source_sheet(source_id, ordinal, sheet, headers_json, roles_json) VALUES (1, 0, '', '[\"Forename\",\"Surname\"]', '[]')").run();
  const raw = db.prepare('INSERT INTO raw_row(id, source_id, sheet_ordinal, row_number, cells_json, status) VALUES (?, 1, 0, ?, ?, ?)');
  raw.run(1, 1, '["Forename","Surname"]', 'header');
  raw.run(2, 2, '["Ann","Smith"]', 'record');
  raw.run(3, 3, '["Bob","Jones"]', 'record');
  raw.run(4, 4, '["","="]', 'quarantine');
  const record = db.prepare('INSERT INTO record(id, raw_row_id, source_id, forename, surname, dob, postcode) VALUES (?, ?, 1, ?, ?, ?, ?)');
  record.run(1, 2, 'Ann', 'Smith', '1980-02-03', 'S60 1AA');
  record.run(2, 3, 'Bob', 'Jones', null, 'S65 2BB');
  db.prepare("INSERT INTO audit_event(at, actor, action, payload_json, prev_hash, hash) VALUES ('2025-04-01T09:00:00Z', 'ann', 'import', '{\"sourceId\":1}', '', 'h1')").run();
}

/** Rows written at version 10, as read back at any later version. */
function firstRows(db: Database.Database): unknown {
  return {
    source: db.prepare('SELECT id, file_name, partner, kind, as_of, rows, records, quarantined FROM source').all(),
    raw: db.prepare('SELECT id, row_number, cells_json, status FROM raw_row ORDER BY id').all(),
    record: db.prepare('SELECT id, raw_row_id, forename, surname, dob, postcode FROM record ORDER BY id').all(),
    audit: db.prepare('SELECT actor, action, payload_json, hash FROM audit_event').all(),
  };
}

/** Tables, columns and indexes a step's SQL says it creates or adds, and the indexes it drops for good. */
function declaredBy(sql: string): { tables: string[]; indexes: string[]; columns: Array<[string, string]>; dropped: string[] } {
  const tables = [...sql.matchAll(/CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?(\w+)/gi)].map((m) => m[1] as string);
  const indexes = [...sql.matchAll(/CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?(\w+)/gi)].map((m) => m[1] as string);
  const columns = [...sql.matchAll(/ALTER TABLE (\w+) ADD COLUMN (\w+)/gi)].map((m) => [m[1], m[2]] as [string, string]);
  const dropped = [...sql.matchAll(/DROP INDEX (?:IF EXISTS )?(\w+)/gi)].map((m) => m[1] as string).filter((name) => !indexes.includes(name));
  return { tables, indexes, columns, dropped };
}

function checks(db: Database.Database): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

describe('every migration step on the store the steps before it left', () => {
  const first = MIGRATIONS[0]?.version ?? 0;
  const steps = MIGRATIONS.filter((m) => m.version > first);

  it.each(steps.map((m) => [m.version, m.name, m] as const))('%i %s: applies, creates what it declares, keeps every row', (version, _name, step) => {
    const previous = MIGRATIONS.filter((m) => m.version < version).at(-1)?.version ?? 0;
    const db = storeAt(previous);
    try {
      const before = firstRows(db);
      db.transaction(() => {
        db.exec(step.sql);
        db.pragma(`user_version = ${version}`);
      })();
      const { tables, indexes, columns, dropped } = declaredBy(step.sql);
      expect(tables.length + indexes.length + columns.length + dropped.length, 'the step declares something').toBeGreaterThan(0);
      const objects = new Set((db.prepare('SELECT name FROM sqlite_master').all() as Array<{ name: string }>).map((r) => r.name));
      for (const t of [...tables, ...indexes]) expect(objects.has(t), t).toBe(true);
      for (const d of dropped) expect(objects.has(d), d).toBe(false);
      for (const [table, column] of columns) {
        const names = (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
        expect(names, `${table}.${column}`).toContain(column);
      }
      expect(firstRows(db)).toEqual(before);
      checks(db);
    } finally {
      db.close();
    }
  });
});

describe('400 drop-record-surname-index', () => {
  it('drops the index, and from the note of indexes an import left to build, so opening does not build it again', () => {
    const db = storeAt(340);
    try {
      const note = (pending: string[]): string => JSON.stringify(pending.map((name) => ({ name, sql: `CREATE INDEX ${name} ON record(dob)` })));
      db.prepare("INSERT INTO meta(key, value) VALUES ('import.pending_indexes', ?)").run(note(['record_dob', 'record_surname']));
      const step = MIGRATIONS.find((m) => m.version === 400)!;
      db.exec(step.sql);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'record_surname'").get()).toBeUndefined();
      expect(JSON.parse((db.prepare("SELECT value FROM meta WHERE key = 'import.pending_indexes'").get() as { value: string }).value)).toEqual(JSON.parse(note(['record_dob'])));
      // A note of that index alone goes: nothing is left to build.
      db.prepare("UPDATE meta SET value = ? WHERE key = 'import.pending_indexes'").run(note(['record_surname']));
      db.exec(step.sql);
      expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'import.pending_indexes'").get()).toEqual({ n: 0 });
      checks(db);
    } finally {
      db.close();
    }
  });
});

describe('300 run-tables-keyed', () => {
  it("keeps a Run's assignments, registries and pairs, key for key, and the triggers on them", () => {
    const db = storeAt(270);
    try {
      db.exec(`INSERT INTO link_run(id, started_at, finished_at, run_by, spec_json, threshold, prior, sources_json, records, candidate_pairs, stored_pairs, persons, households, blocking_json, training_json, summary_json)
        VALUES (1, 'a', 'b', 'u', '{}', 0.9, 0.01, '[]', 2, 1, 1, 2, 1, '{}', '{}', '{}')`);
      db.exec(`INSERT INTO person VALUES ('P0000002', 1), ('P0000001', 1); INSERT INTO household VALUES ('H0000001', 1);
        INSERT INTO run_record_person VALUES (1, 20, 'P0000002'), (1, 10, 'P0000001');
        INSERT INTO run_person_household VALUES (1, 'P0000002', 'H0000001'), (1, 'P0000001', 'H0000001');
        INSERT INTO link_pair VALUES (1, 10, 20, 0.5, 0.0, x'0102', x'0000803f00000040');
        INSERT INTO outcome_frame VALUES ('frame', 'meta', 's', x'00');`);
      const rows = (): unknown =>
        ['person', 'household', 'run_record_person', 'run_person_household', 'link_pair'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).raw(true).all());
      const before = rows();
      const step = MIGRATIONS.find((m) => m.version === 300)!;
      db.transaction(() => db.exec(step.sql))();
      expect(rows()).toEqual(before);
      for (const t of ['person', 'household', 'run_record_person', 'run_person_household', 'link_pair']) {
        expect((db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) as { sql: string }).sql).toMatch(/WITHOUT ROWID/);
      }
      db.exec('DELETE FROM run_person_household');
      expect(db.prepare('SELECT count(*) AS n FROM outcome_frame').get()).toEqual({ n: 0 });
      checks(db);
    } finally {
      db.close();
    }
  });
});

describe('a store left at an earlier version', () => {
  it.each(MIGRATIONS.map((m) => [m.version] as const))('opens from version %i: migrated to the latest, rows kept, same schema as a new store', (version) => {
    const old = storeAt(version);
    const fresh = storeAt(LATEST_VERSION);
    try {
      const before = firstRows(old);
      expect(migrate(old, 'old.db')).toBe(LATEST_VERSION);
      expect(old.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(firstRows(old)).toEqual(before);
      checks(old);
      const schema = (db: Database.Database): unknown => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
      expect(schema(old)).toEqual(schema(fresh));
      // Opening again changes nothing.
      expect(migrate(old, 'old.db')).toBe(LATEST_VERSION);
    } finally {
      old.close();
      fresh.close();
    }
  });

  it('a step that cannot apply changes nothing: version and rows stay as they were', () => {
    // The last step that makes something (a step that only drops an index cannot be made to fail).
    const at = MIGRATIONS.map((m) => declaredBy(m.sql).tables.length + declaredBy(m.sql).indexes.length > 0).lastIndexOf(true);
    const last = MIGRATIONS[at];
    const previous = MIGRATIONS[at - 1];
    if (!last || !previous) throw new Error('needs two migrations');
    const db = storeAt(previous.version);
    try {
      // Something already holds a name the last step needs (a hand-edited store): its first new
      // table or index, or for a step that rebuilds tables, the name it moves the old one to.
      const existing = new Set((db.prepare('SELECT name FROM sqlite_master').all() as Array<{ name: string }>).map((r) => r.name));
      const renamedTo = [...last.sql.matchAll(/ALTER TABLE \w+ RENAME TO (\w+)/gi)].map((m) => m[1] as string);
      const table = [...declaredBy(last.sql).tables, ...declaredBy(last.sql).indexes, ...renamedTo].find((name) => !existing.has(name));
      expect(table).toBeDefined();
      db.exec(`CREATE TABLE ${table} (x INTEGER) STRICT`);
      const before = firstRows(db);
      expect(() => migrate(db, 'hand-edited.db')).toThrow();
      expect(db.pragma('user_version', { simple: true })).toBe(previous.version);
      expect(firstRows(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it('a store from a newer version is refused, unchanged', () => {
    const db = storeAt(LATEST_VERSION);
    try {
      db.pragma(`user_version = ${LATEST_VERSION + 10}`);
      expect(() => migrate(db, 'newer.db')).toThrow(/newer version/);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 10);
    } finally {
      db.close();
    }
  });
});
