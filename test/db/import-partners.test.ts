// Partners an analyst can trust: the partner found from the headers (not the file name), the
// as-of date the file states, a diff that reconciles and says who, and a correctable partner.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { peekHeaderKeys } from '../../electron/engine/import/partner-fit.js';
import { diffSources } from '../../electron/engine/import/source-diff.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const newStore = (): Store => Store.openWithKey(join(tempDir(), 'x.db'), randomBytes(32), true);

const HEADER = 'Nominal Ref,Surname,Forename,DOB,Home Postcode,Incident Date,Incident Type';
const JUNE = [HEADER, 'N1,Smith,John,03/04/2010,S60 1AB,02/06/2024,ASB', 'N2,Doe,Jane,05/06/2011,S61 2AB,03/06/2024,ASB', 'N3,Khan,Ali,31/12/1999,S60 2AA,04/06/2024,Noise'].join('\n');
const JULY = [HEADER, 'N1,Smith,John,03/04/2010,S60 1AB,02/06/2024,ASB', 'N2,Doe,Jane,05/06/2011,S66 9ZZ,03/06/2024,ASB', 'N4,Green,Tom,02/02/2002,S60 4AA,05/07/2024,ASB'].join('\n');

describe('the partner from the headers, not the file name', () => {
  it("next month's file under another name gets its partner, preset and diff", async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'syp-asb-2024-06.csv'), JUNE);
    writeFileSync(join(dir, 'ASB nominals FINAL v2.csv'), JULY);
    const june = await importFile(store, join(dir, 'syp-asb-2024-06.csv'), { user: 't', partner: 'South Yorkshire Police', kind: 'police', savePresetAs: 'SYP ASB' }, silentJob());
    const july = await importFile(store, join(dir, 'ASB nominals FINAL v2.csv'), { user: 't' }, silentJob());
    expect(store.reader.prepare('SELECT partner, kind FROM source WHERE id = ?').get(july.sourceId)).toEqual({ partner: 'South Yorkshire Police', kind: 'police' });
    expect(july.preset?.name).toBe('SYP ASB');
    expect(july.message).toMatch(/Partner South Yorkshire Police \(police\): the file's headers fit their preset "SYP ASB"/);
    expect(july.diff).toMatchObject({ previousSourceId: june.sourceId, new: 1, changed: 1, gone: 1, unchanged: 1, records: 3, previousRecords: 3 });
    store.close();
  });

  it('a workbook whose first sheet is a read-me with its own table is recognised by the sheet of people', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'syp-asb-2024-06.csv'), JUNE);
    await importFile(store, join(dir, 'syp-asb-2024-06.csv'), { user: 't', partner: 'South Yorkshire Police', kind: 'police', savePresetAs: 'SYP ASB' }, silentJob());
    const book = XLSX.utils.book_new();
    // A data dictionary: a header of short labels above consistently typed rows, like any table.
    const dictionary = [['Field', 'Meaning', 'Type'], ...HEADER.split(',').map((h) => [h, `The ${h.toLowerCase()} as recorded`, 'Text'])];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(dictionary), 'Read me');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(JULY.split('\n').map((line) => line.split(','))), 'Nominals');
    writeFileSync(join(dir, 'export 2024-07.xlsx'), XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const july = await importFile(store, join(dir, 'export 2024-07.xlsx'), { user: 't' }, silentJob());
    expect(store.reader.prepare('SELECT partner, kind FROM source WHERE id = ?').get(july.sourceId)).toEqual({ partner: 'South Yorkshire Police', kind: 'police' });
    expect(july.preset?.name).toBe('SYP ASB');
    store.close();
  });

  it('stops at a long first table: the rest of the workbook is not read twice to look for other sheets', () => {
    const dir = tempDir();
    const book = XLSX.utils.book_new();
    const people = [HEADER.split(','), ...Array.from({ length: 200 }, (_, i) => [`N${i}`, 'Smith', 'John', '03/04/2010', 'S60 1AB', '02/06/2024', 'ASB'])];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(people), 'Nominals');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Code', 'Meaning'], ['ASB', 'Anti-social behaviour']]), 'Codes');
    writeFileSync(join(dir, 'long.xlsx'), XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const seen = peekHeaderKeys(join(dir, 'long.xlsx'), () => false);
    expect(seen).toHaveLength(1);
  });

  it("next month's long file (more rows than the peek reads) is fitted to the earlier extract's partner", async () => {
    const dir = tempDir();
    const store = newStore();
    const rows = (month: string): string => [HEADER, ...Array.from({ length: 200 }, (_, i) => `N${i},Smith,John,03/04/2010,S60 1AB,02/${month}/2024,ASB`)].join('\n');
    writeFileSync(join(dir, 'june.csv'), rows('06'));
    writeFileSync(join(dir, 'nominals_FY2425_2024-07.csv'), rows('07'));
    await importFile(store, join(dir, 'june.csv'), { user: 't', partner: 'South Yorkshire Police', kind: 'police' }, silentJob());
    const july = await importFile(store, join(dir, 'nominals_FY2425_2024-07.csv'), { user: 't' }, silentJob());
    expect(store.reader.prepare('SELECT partner, kind FROM source WHERE id = ?').get(july.sourceId)).toEqual({ partner: 'South Yorkshire Police', kind: 'police' });
    expect(july.diff?.previousFileName).toBe('june.csv');
    store.close();
  });

  it('without a preset, an earlier extract with the same headers names the partner', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'june.csv'), JUNE);
    writeFileSync(join(dir, 'download (3).csv'), JULY);
    await importFile(store, join(dir, 'june.csv'), { user: 't', partner: 'South Yorkshire Police', kind: 'police' }, silentJob());
    const july = await importFile(store, join(dir, 'download (3).csv'), { user: 't' }, silentJob());
    expect(store.reader.prepare('SELECT partner FROM source WHERE id = ?').get(july.sourceId)).toEqual({ partner: 'South Yorkshire Police' });
    expect(july.diff?.previousFileName).toBe('june.csv');
    store.close();
  });
});

describe('the as-of date the file states', () => {
  it('is read from a footer, and the summary says where it came from', async () => {
    const dir = tempDir();
    const store = newStore();
    writeFileSync(join(dir, 'claims.csv'), 'Surname,Forename,DOB,Postcode\nLee,Ann,01/02/1980,S60 1AB\nRay,Bob,02/03/1981,S60 2AB\n\nExtracted 22/07/2024 by the data team\n');
    const summary = await importFile(store, join(dir, 'claims.csv'), { user: 't', today: '2025-01-10' }, silentJob());
    expect(store.reader.prepare('SELECT as_of, as_of_basis FROM source').get()).toEqual({ as_of: '2024-07-22', as_of_basis: 'a note at row 5: "Extracted 22/07/2024 by the data team"' });
    expect(summary.message).toMatch(/As of 2024-07-22, from a note at row 5/);
    store.close();
  });
});

describe('the month-on-month diff', () => {
  it('reconciles exactly with rows added, removed, changed, moved and repeated, and names who for analysts', async () => {
    const dir = tempDir();
    const store = newStore();
    const before = ['Surname,Forename,DOB,Postcode', 'Smith,John,03/04/2010,S60 1AB', 'Doe,Jane,05/06/2011,S61 2AB', 'Khan,Ali,31/12/1999,S60 2AA', 'Khan,Ali,31/12/1999,S60 2AA', 'Brown,Amy,01/01/2001,S60 3AA', 'Gone,Gina,01/01/1990,S60 9AA'];
    // Amy moved to the top, Jane changed postcode, one of Ali's two rows left, Tom and Una arrived.
    const after = ['Surname,Forename,DOB,Postcode', 'Brown,Amy,01/01/2001,S60 3AA', 'Smith,John,03/04/2010,S60 1AB', 'Doe,Jane,05/06/2011,S66 9ZZ', 'Khan,Ali,31/12/1999,S60 2AA', 'Green,Tom,02/02/2002,S60 4AA', 'Ure,Una,03/03/2003,S60 5AA'];
    writeFileSync(join(dir, 'a.csv'), before.join('\n'));
    writeFileSync(join(dir, 'b.csv'), after.join('\n'));
    await importFile(store, join(dir, 'a.csv'), { user: 't', partner: 'P', kind: 'other' }, silentJob());
    const b = await importFile(store, join(dir, 'b.csv'), { user: 't', partner: 'P', kind: 'other' }, silentJob());
    const diff = diffSources(store.reader, b.sourceId ?? -1, { names: true });
    expect(diff).toMatchObject({ new: 2, changed: 1, gone: 2, unchanged: 3, records: 6, previousRecords: 6 });
    expect((diff?.new ?? 0) + (diff?.changed ?? 0) + (diff?.unchanged ?? 0)).toBe(after.length - 1);
    expect((diff?.gone ?? 0) + (diff?.changed ?? 0) + (diff?.unchanged ?? 0)).toBe(before.length - 1);
    expect(diff?.examples.new.map((r) => r.name)).toEqual(['Tom GREEN', 'Una URE']);
    expect(diff?.examples.gone.map((r) => r.name).sort()).toEqual(['Ali KHAN', 'Gina GONE']);
    expect(diff?.examples.changed).toEqual([{ sheet: '', row: 4, previousRow: 3, fields: ['postcode'], name: 'Jane DOE' }]);
    // Without names (everyone but analysts): rows and fields only.
    expect(JSON.stringify(diffSources(store.reader, b.sourceId ?? -1))).not.toMatch(/GREEN|Tom/);
    store.close();
  });
});

describe("correcting a source's partner", () => {
  it('an analyst sets it through the engine, audited by ID only', async () => {
    const dir = tempDir();
    const csv = join(dir, 'Dwp out of work benefits.csv');
    writeFileSync(csv, 'Surname,Forename,DOB\nLee,Ann,01/02/1980\n');
    const engine = createEngine({ storePath: join(dir, 'store.db'), host: 'browser', version: 't' });
    await engine.invoke('store:create', { passphrase: 'a long passphrase' });
    const token = (await engine.invoke('files:fromPath', { path: csv })) as { ok: true; value: { token: string } };
    await engine.invoke('import:start', { token: token.value.token });
    await engine.idle();
    const sources = (await engine.invoke('sources:list', {})) as { ok: true; value: Array<{ id: number; partner: string }> };
    expect(sources.value[0]?.partner).toBe('Dwp out of work benefits');
    const set = await engine.invoke('sources:set-partner', { sourceId: sources.value[0]?.id ?? 0, partner: 'DWP' });
    expect(set).toEqual({ ok: true, value: { sourceId: 1, partner: 'DWP', previous: 'Dwp out of work benefits' } });
    expect(await engine.invoke('sources:set-partner', { sourceId: 99, partner: 'DWP' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const after = (await engine.invoke('sources:list', {})) as { ok: true; value: Array<{ partner: string }> };
    expect(after.value[0]?.partner).toBe('DWP');
    engine.close();
    const store = Store.unlock(join(dir, 'store.db'), 'a long passphrase');
    expect(store.reader.prepare("SELECT payload_json FROM audit_event WHERE action = 'source-partner-set'").all()).toEqual([{ payload_json: '{"sourceId":1}' }]);
    store.close();
  });
});
