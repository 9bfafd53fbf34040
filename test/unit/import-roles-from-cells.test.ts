// Column roles come from the cells first: an address line by its house numbers, street words and
// flats; a reference by its codes of one shape; a date of birth only when its dates come before
// the row's other dates. Headings that name none of these ("Residence Line", "System Key",
// "Recorded On", "Addr Ln 1", "Locator", "Logged") must not lose a family's home or key, nor
// read a tenancy's start as a birth date.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLayoutCorpus } from '../../electron/engine/demo/layouts.js';
import { runPipeline } from '../../electron/engine/import/pipeline.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

/** Each sheet's headings with the role the importer chose for them. */
function rolesOf(path: string): Array<Map<string, string>> {
  const sheets: Array<Map<string, string>> = [];
  runPipeline({ path, fileName: basename(path), mode: 'preview', pivotYear: 2025, today: '2025-03-31' }, (m) => {
    if (m.type === 'sheet') sheets.push(new Map(m.sheet.headers.map((h, i) => [h, m.sheet.roles[i] ?? ''])));
  });
  return sheets;
}

describe('roles from the cells, whatever the headings say', () => {
  it('the demo in reworded headings: address lines, system keys and a tenancy start read rightly', () => {
    const files = writeLayoutCorpus({ households: 40, seed: 3, outDir: join(tempDir(), 'corpus'), layouts: ['reworded'] }).filter((f) => f.format === 'csv');
    const housing = files.find((f) => f.extract === 'housing');
    expect(housing).toBeDefined();
    const [roles] = rolesOf(housing?.path ?? '');
    expect(roles?.get('Residence Line')).toBe('address_line');
    expect(roles?.get('Residence Line 2')).toBe('address_line');
    expect(roles?.get('System Key')).toBe('agency_ref');
    expect(roles?.get('Birth Date (dd/mm/yyyy)')).toBe('dob');
    expect(roles?.get('Recorded On')).toBe('event_date');
    // Every extract's key, by its codes.
    for (const f of files) for (const sheet of rolesOf(f.path)) if (sheet.has('System Key')) expect(sheet.get('System Key'), basename(f.path)).toBe('agency_ref');
  }, 60_000);

  it('another wording ("Locator", "Addr Ln 1", "Logged"): the same roles from the same kind of cells', () => {
    const streets = ['Mill Lane', 'Station Road', 'Oak Avenue', 'Church Street', 'Hill Crescent'];
    const people = [['Ann', 'Hughes'], ['Tom', 'Price'], ['Raj', 'Patel'], ['Zoe', 'Clarke'], ['Liam', 'Evans'], ['Mia', 'Ward']];
    const lines = ['Locator,Addr Ln 1,Addr Ln 2,Town,Zone,Given,Family,Born,Logged'];
    for (let h = 0; h < 20; h++) {
      const flat = h % 3 === 0;
      const line1 = flat ? `Flat ${h + 1}` : `${h * 3 + 2} ${streets[h % streets.length]}`;
      const line2 = flat ? `${h + 10} ${streets[(h + 2) % streets.length]}` : '';
      const start = `${String((h % 27) + 1).padStart(2, '0')}/0${(h % 9) + 1}/${1998 + h}`;
      // An adult born decades back, and in most homes a child born before or after the tenancy began.
      const members = [[`${(h % 27) + 1}/0${(h % 8) + 1}/${1960 + h}`, 0], ...(h % 2 === 0 ? [[`0${(h % 9) + 1}/1${h % 3}/${2004 + h}`, 1]] : [])] as Array<[string, number]>;
      members.forEach(([dob, k], m) => {
        const [given, family] = people[(h + k) % people.length] ?? ['Ann', 'Hughes'];
        lines.push(`HX-${20400 + h * 7 + m},${line1},${line2},Wexthorpe,S60 ${(h % 9) + 1}${'ABDEFGHJLN'[h % 10]}${'PQRSTUWXYZ'[m]},${given},${family},${dob},${start}`);
      });
    }
    const path = join(tempDir(), 'variant.csv');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const [roles] = rolesOf(path);
    expect(roles?.get('Locator')).toBe('agency_ref');
    expect(roles?.get('Addr Ln 1')).toBe('address_line');
    expect(roles?.get('Addr Ln 2')).toBe('address_line');
    expect(roles?.get('Born')).toBe('dob');
    expect(roles?.get('Logged')).toBe('event_date');
  }, 30_000);
});
