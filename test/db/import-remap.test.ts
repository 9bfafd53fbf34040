// Re-mapping a source from its stored rows (issue 3 item 8): the user fixes the mapping and the
// rows are read again, no file needed; record IDs stay, quarantine and records swap places, events
// are rebuilt, linkage rows of records that go leave nothing dangling, and a cancel changes nothing.
import { randomBytes } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnRole } from '../../shared/domain/record-fields.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { remapSource, sourceMapping } from '../../electron/engine/import/remap-source.js';
import { createJobContext, silentJob } from '../../electron/engine/jobs/job-context.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { verifyAudit } from '../../electron/engine/store/audit.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

// Khan and Brown have their name only in "Known as": read as a full name, they become records.
const POLICE = [
  'Ref,Surname,Forename,Known as,DOB,Postcode,Incident date,Incident type,Notes',
  'P1,Smith,John,,03/04/2010,S60 1AB,01/02/2024,Burglary,',
  'P2,Doe,Jane,,05/06/2011,S61 2AB,03/03/2024,ASB,',
  'P3,,,Ali Khan,31/12/1999,S60 2AA,04/04/2024,Theft,seen twice',
  'P4,,,Amy Brown,01/01/2001,S60 3AA,05/05/2024,ASB,',
  'P5,Green,Tom,,02/02/2002,S60 4AA,06/06/2024,Theft,',
  ',,,,,,,,a note with no name',
].join('\n');

// The same people as another partner sends them: Ali Khan links to the police row.
const HOUSING = ['Surname,Forename,Date of birth,Postcode', 'Khan,Ali,31/12/1999,S60 2AA', 'Smith,John,03/04/2010,S60 1AB', 'Brown,Amy,01/01/2001,S60 3AA'].join('\n');

const WRONG: ColumnRole[] = ['agency_ref', 'surname', 'forename', 'ignore', 'ignore', 'postcode', 'ignore', 'ignore', 'ignore'];
const RIGHT: ColumnRole[] = ['agency_ref', 'surname', 'forename', 'full_name', 'dob', 'postcode', 'event_date', 'event_category', 'ignore'];

interface Fixture {
  store: Store;
  police: number;
}

async function fixture(): Promise<Fixture> {
  const dir = tempDir();
  const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
  writeFileSync(join(dir, 'police.csv'), POLICE);
  const summary = await importFile(store, join(dir, 'police.csv'), { user: 't', partner: 'Police', kind: 'police', mapping: { '': WRONG } }, silentJob());
  return { store, police: summary.sourceId ?? -1 };
}

/** Record ID per agency reference of a source. */
const recordIds = (store: Store, sourceId: number): Map<string, number> =>
  new Map((store.reader.prepare('SELECT agency_ref AS ref, id FROM record WHERE source_id = ?').all(sourceId) as Array<{ ref: string; id: number }>).map((r) => [r.ref, r.id]));

/** Rows of the link tables and events that point at a record that no longer exists. */
function dangling(store: Store): number {
  const sql = `SELECT
    (SELECT count(*) FROM link_pair WHERE record_a NOT IN (SELECT id FROM record) OR record_b NOT IN (SELECT id FROM record))
  + (SELECT count(*) FROM link_decision WHERE record_a NOT IN (SELECT id FROM record) OR record_b NOT IN (SELECT id FROM record))
  + (SELECT count(*) FROM run_record_person WHERE record_id NOT IN (SELECT id FROM record))
  + (SELECT count(*) FROM event WHERE record_id NOT IN (SELECT id FROM record)) AS n`;
  return (store.reader.prepare(sql).get() as { n: number }).n;
}

describe('re-mapping a source from its stored rows', () => {
  it('turns quarantined rows into records with the right roles, keeping the earlier records and their IDs', async () => {
    const { store, police } = await fixture();
    expect(store.reader.prepare('SELECT records, quarantined FROM source WHERE id = ?').get(police)).toEqual({ records: 3, quarantined: 3 });
    const before = recordIds(store, police);
    expect([...before.keys()].sort()).toEqual(['P1', 'P2', 'P5']);
    expect(store.reader.prepare('SELECT count(*) AS n FROM event WHERE source_id = ?').get(police)).toEqual({ n: 0 });

    const mapping = sourceMapping(store.reader, police, null);
    expect(mapping.sheets[0]?.columns.map((c) => c.role)).toEqual(WRONG);
    expect(mapping.sheets[0]?.columns[3]?.values).toEqual(['Ali Khan', 'Amy Brown']);

    const summary = await remapSource(store, police, { user: 't', mapping: { '': RIGHT } }, silentJob());
    expect(summary).toMatchObject({ before: { records: 3, quarantined: 3 }, after: { records: 5, quarantined: 1 }, updated: 3, added: 2, removed: 0, events: 5, linkRunStale: false });
    const after = recordIds(store, police);
    for (const ref of ['P1', 'P2', 'P5']) expect(after.get(ref)).toBe(before.get(ref));
    expect(store.reader.prepare("SELECT forename, surname, dob FROM record WHERE agency_ref = 'P3'").get()).toEqual({ forename: 'Ali', surname: 'Khan', dob: '1999-12-31' });
    expect(store.reader.prepare("SELECT dob FROM record WHERE agency_ref = 'P1'").get()).toEqual({ dob: '2010-04-03' });
    const events = store.reader.prepare('SELECT r.agency_ref AS ref, e.category, e.start_date AS start FROM event e JOIN record r ON r.id = e.record_id WHERE e.source_id = ? ORDER BY ref').all(police);
    expect(events).toEqual([
      { ref: 'P1', category: 'Burglary', start: '2024-02-01' },
      { ref: 'P2', category: 'ASB', start: '2024-03-03' },
      { ref: 'P3', category: 'Theft', start: '2024-04-04' },
      { ref: 'P4', category: 'ASB', start: '2024-05-05' },
      { ref: 'P5', category: 'Theft', start: '2024-06-06' },
    ]);
    expect(store.reader.prepare('SELECT records, quarantined, rows FROM source WHERE id = ?').get(police)).toEqual({ records: 5, quarantined: 1, rows: 6 });
    expect(JSON.parse((store.reader.prepare('SELECT roles_json FROM source_sheet WHERE source_id = ?').get(police) as { roles_json: string }).roles_json)).toEqual(RIGHT);
    expect(store.reader.prepare("SELECT status, reason FROM raw_row WHERE source_id = ? AND row_number = 7").get(police)).toEqual({ status: 'quarantine', reason: 'no name in any name column' });

    const audit = store.reader.prepare("SELECT payload_json FROM audit_event WHERE action = 'source-remapped'").get() as { payload_json: string };
    expect(JSON.parse(audit.payload_json)).toMatchObject({ sourceId: police, recordsBefore: 3, recordsAfter: 5, quarantinedBefore: 3, quarantinedAfter: 1 });
    expect(audit.payload_json).not.toMatch(/Khan|Smith|Known as/);
    expect(verifyAudit(store.reader, store.keyPath).ok).toBe(true);
    store.close();
  });

  it('quarantines records that no longer read, removing their events and linkage rows with nothing left dangling', async () => {
    const { store, police } = await fixture();
    await remapSource(store, police, { user: 't', mapping: { '': RIGHT } }, silentJob());
    const dir = tempDir();
    writeFileSync(join(dir, 'housing.csv'), HOUSING);
    await importFile(store, join(dir, 'housing.csv'), { user: 't', partner: 'Homes', kind: 'housing' }, silentJob());
    await runLink(store, { user: 't' }, silentJob());
    const khan = recordIds(store, police).get('P3') ?? -1;
    const linked = (store.reader.prepare('SELECT count(*) AS n FROM link_pair WHERE record_a = ? OR record_b = ?').get(khan, khan) as { n: number }).n;
    expect(linked).toBeGreaterThan(0);
    const other = (store.reader.prepare("SELECT id FROM record WHERE surname = 'Khan' AND id <> ?").get(khan) as { id: number }).id;
    store.writer.prepare("INSERT INTO link_decision (record_a, record_b, decision, decided_by, decided_at) VALUES (?, ?, 'match', 't', '2026-01-01')").run(Math.min(khan, other), Math.max(khan, other));
    const smith = recordIds(store, police).get('P1');

    const back = await remapSource(store, police, { user: 't', mapping: { '': WRONG.map((r, i) => (i >= 6 ? (RIGHT[i] ?? r) : r)) } }, silentJob());
    expect(back).toMatchObject({ after: { records: 3, quarantined: 3 }, removed: 2, linkRunStale: true });
    expect(back.message).toMatch(/run matching again/);
    expect(recordIds(store, police).get('P1')).toBe(smith);
    expect(recordIds(store, police).has('P3')).toBe(false);
    expect(store.reader.prepare('SELECT count(*) AS n FROM run_record_person WHERE record_id = ?').get(khan)).toEqual({ n: 0 });
    expect(store.reader.prepare('SELECT count(*) AS n FROM link_decision').get()).toEqual({ n: 0 });
    expect(store.reader.prepare('SELECT count(*) AS n FROM event WHERE source_id = ?').get(police)).toEqual({ n: 3 });
    expect(dangling(store)).toBe(0);
    expect(store.reader.prepare("SELECT status, reason FROM raw_row WHERE source_id = ? AND row_number = 4").get(police)).toEqual({ status: 'quarantine', reason: 'no name in any name column' });
    store.close();
  });

  it('keeps person IDs at the next matching run for records read again in place', async () => {
    const { store, police } = await fixture();
    await remapSource(store, police, { user: 't', mapping: { '': RIGHT } }, silentJob());
    const dir = tempDir();
    writeFileSync(join(dir, 'housing.csv'), HOUSING);
    await importFile(store, join(dir, 'housing.csv'), { user: 't', partner: 'Homes', kind: 'housing' }, silentJob());
    const persons = (): Map<string, string> =>
      new Map(
        (store.reader
          .prepare('SELECT r.agency_ref AS ref, p.person_id AS person FROM run_record_person p JOIN record r ON r.id = p.record_id WHERE p.run_id = (SELECT max(id) FROM link_run) AND r.source_id = ?')
          .all(police) as Array<{ ref: string; person: string }>).map((r) => [r.ref, r.person]),
      );
    await runLink(store, { user: 't' }, silentJob());
    const first = persons();
    expect(first.size).toBe(5);
    // The notes become event detail: every record is read again in place.
    const summary = await remapSource(store, police, { user: 't', mapping: { '': [...RIGHT.slice(0, 8), 'event'] } }, silentJob());
    expect(summary).toMatchObject({ updated: 5, added: 0, removed: 0, linkRunStale: true });
    await runLink(store, { user: 't' }, silentJob());
    expect(persons()).toEqual(first);
    store.close();
  });

  it('removes the cells of a column newly marked not needed, and refuses to use a column whose cells were never stored', async () => {
    const { store, police } = await fixture();
    const cells = (): string => (store.reader.prepare('SELECT group_concat(cells_json) AS c FROM raw_row WHERE source_id = ?').get(police) as { c: string }).c;
    expect(cells()).toMatch(/seen twice/);
    const dropNotes = [...RIGHT.slice(0, 8), 'drop'] as ColumnRole[];
    const summary = await remapSource(store, police, { user: 't', mapping: { '': dropNotes } }, silentJob());
    expect(summary.droppedColumns).toEqual(['Notes']);
    expect(cells()).not.toMatch(/seen twice|a note with no name/);
    expect(statSync(`${store.path}-wal`).size).toBe(0);
    expect(JSON.parse((store.reader.prepare('SELECT dropped_columns_json AS d FROM source WHERE id = ?').get(police) as { d: string }).d)).toEqual(['Notes']);

    const refused = await remapSource(store, police, { user: 't', mapping: { '': [...RIGHT.slice(0, 8), 'event'] } }, silentJob()).catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'bad-input', message: expect.stringMatching(/Column "Notes" was marked not needed/) });
    store.close();
  });

  it('is limited to the partner\'s own sources and refuses an unknown preset', async () => {
    const { store, police } = await fixture();
    await expect(remapSource(store, police, { user: 'pat', partnerScope: 'Homes', mapping: { '': RIGHT } }, silentJob())).rejects.toThrow(/no source/);
    await expect(remapSource(store, police, { user: 'pat', partnerScope: 'Police', preset: 'No such preset' }, silentJob())).rejects.toThrow(/No mapping preset named "No such preset"/);
    await expect(remapSource(store, police, { user: 't', preset: 'auto' }, silentJob())).rejects.toThrow(/No mapping preset is saved for Police/);
    const own = await remapSource(store, police, { user: 'pat', partnerScope: 'Police', mapping: { '': RIGHT } }, silentJob());
    expect(own.after.records).toBe(5);
    store.close();
  });

  it('reads two-digit years as the import did, with or without an as-of date', async () => {
    const dir = tempDir();
    const store = Store.openWithKey(join(dir, 'x.db'), randomBytes(32), true);
    // "05/06/25" at a 2024 incident cannot be 2025 (nobody is born after their own event): 1925,
    // with or without an as-of date; a re-mapping reads it the same way.
    const csv = 'Forename,Surname,DOB,Incident date\nAnn,Lee,05/06/25,01/02/2024\nBob,Ray,07/08/99,03/02/2024\n';
    writeFileSync(join(dir, 'young.csv'), csv);
    writeFileSync(join(dir, 'young-as-of.csv'), `${csv}\n`);
    const defaulted = await importFile(store, join(dir, 'young.csv'), { user: 't', partner: 'Schools' }, silentJob());
    const given = await importFile(store, join(dir, 'young-as-of.csv'), { user: 't', partner: 'Schools', asOf: '2024-12-31' }, silentJob());
    const dobs = (id: number | null): unknown => store.reader.prepare('SELECT dob FROM record WHERE source_id = ? ORDER BY id').all(id).map((r) => (r as { dob: string }).dob);
    expect(dobs(defaulted.sourceId)).toEqual(['1925-06-05', '1999-08-07']);
    expect(dobs(given.sourceId)).toEqual(['1925-06-05', '1999-08-07']);
    for (const id of [defaulted.sourceId, given.sourceId]) {
      const before = dobs(id);
      await remapSource(store, id ?? -1, { user: 't', mapping: { '': ['forename', 'surname', 'dob', 'event_date'] } }, silentJob());
      expect(dobs(id)).toEqual(before);
    }
    store.close();
  });

  it('a cancelled re-mapping leaves the store as it was', async () => {
    const { store, police } = await fixture();
    const snapshot = (): unknown =>
      ['record', 'raw_row', 'event', 'source', 'source_sheet', 'audit_event'].map((t) => store.reader.prepare(`SELECT * FROM ${t} ORDER BY 1`).all());
    const before = snapshot();
    const controller = new AbortController();
    const job = createJobContext(controller.signal, (_phase, done) => {
      if (done > 0) controller.abort();
    });
    await expect(remapSource(store, police, { user: 't', mapping: { '': RIGHT } }, job)).rejects.toThrow(/cancelled/);
    expect(snapshot()).toEqual(before);
    store.close();
  });

  it('through the engine: a partner maps again only their own sources, as a job with its result', async () => {
    const dir = tempDir();
    const path = join(dir, 'baseline.db');
    const PASS = 'an analyst passphrase';
    const analyst = createEngine({ storePath: path, host: 'browser', version: 't' });
    await analyst.invoke('store:create', { passphrase: PASS });
    for (const [file, partner, body] of [['police.csv', 'Police', POLICE], ['housing.csv', 'Homes', HOUSING]] as const) {
      writeFileSync(join(dir, file), body);
      const token = (await analyst.invoke('files:fromPath', { path: join(dir, file) })) as { ok: true; value: { token: string } };
      await analyst.invoke('import:start', { token: token.value.token, partner, ...(partner === 'Police' ? { mapping: { '': WRONG } } : {}) });
    }
    await analyst.idle();
    analyst.close();
    const store = Store.unlock(path, PASS);
    const ids = new Map((store.reader.prepare('SELECT partner, id FROM source').all() as Array<{ partner: string; id: number }>).map((r) => [r.partner, r.id]));
    addUser(store, { user: 'pat', role: 'partner', organisation: 'Police' }, 'partner passphrase');
    store.close();

    const partner = createEngine({ storePath: path, host: 'browser', version: 't' });
    await partner.invoke('store:unlock', { passphrase: 'partner passphrase' });
    expect(await partner.invoke('sources:mapping', { sourceId: ids.get('Homes') })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await partner.invoke('sources:remap', { sourceId: ids.get('Homes'), preset: 'auto' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const mapping = await partner.invoke('sources:mapping', { sourceId: ids.get('Police') });
    expect(mapping).toMatchObject({ ok: true, value: { records: 3, quarantined: 3, sheets: [{ columns: WRONG.map((role) => ({ role })) }] } });
    const done = finished(partner);
    const started = await partner.invoke('sources:remap', { sourceId: ids.get('Police'), mapping: { '': RIGHT } });
    expect(started).toMatchObject({ ok: true });
    expect((await done).result).toMatchObject({ ok: true, value: { before: { records: 3 }, after: { records: 5, quarantined: 1 } } });
    partner.close();
  });
});

/** The next job:finished event of an engine. */
function finished(engine: Engine): Promise<Extract<EngineEvent, { type: 'job:finished' }>> {
  return new Promise((resolve) => {
    const off = engine.onEvent((event) => {
      if (event.type === 'job:finished') {
        off();
        resolve(event);
      }
    });
  });
}
