// Writes the held-out borough's extracts and truth.csv. csv files go through the unseen model's
// writer (one csv writer for both models); workbooks are written here, as this model's have title
// rows merged across the header and date cells in a chosen format.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { seeded } from '../unseen/people.js';
import { writeExtract, type Extract } from '../unseen/extracts.js';
import { makeBorough, type Borough } from './borough.js';
import { makeExtracts, type TitledSheet } from './extracts.js';

async function writeWorkbook(e: Extract, dir: string, truth: string[]): Promise<string> {
  const path = join(dir, e.file);
  const wb = new ExcelJS.Workbook();
  for (const sheet of e.sheets as TitledSheet[]) {
    const ws = wb.addWorksheet(sheet.name);
    const width = Math.max(sheet.header?.length ?? 1, 1);
    for (const r of sheet.preamble) {
      const row = ws.addRow(r);
      if (sheet.mergeTitles && r.length > 0 && width > 1) ws.mergeCells(row.number, 1, row.number, width);
      if (r.length > 0) row.font = { bold: true, size: 13 };
    }
    if (sheet.header) ws.addRow(sheet.header).font = { bold: true };
    for (const r of sheet.rows) {
      const row = ws.addRow(r);
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = sheet.dateFormat ?? 'dd/mm/yyyy';
      });
    }
    const above = sheet.preamble.length + (sheet.header ? 1 : 0);
    sheet.truth.forEach(([p, h], i) => truth.push(`${e.file},${sheet.name},${above + i + 1},${p},${h}`));
  }
  await wb.xlsx.writeFile(path);
  return path;
}

/** Writes the six extracts and truth.csv into dir; returns the extract paths. */
export async function writeHeldoutBorough(households: number, seed: number, dir: string): Promise<{ files: string[]; borough: Borough }> {
  mkdirSync(dir, { recursive: true });
  const borough = makeBorough(households, seed);
  const extracts = makeExtracts(borough, seeded(seed * 7_727 + 3));
  const truth = ['file,sheet,row_number,person_id,household_id'];
  const files: string[] = [];
  for (const e of extracts) files.push(e.file.endsWith('.xlsx') ? await writeWorkbook(e, dir, truth) : await writeExtract(e, dir, truth));
  writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
  // what the model knows about each person, for looking into errors (never imported)
  const people = ['person_id,household_id,heritage,relation,sex,dob,forename,middle,surname,other_surname,known_as,left_home'];
  for (const p of borough.people) people.push([p.id, p.household, p.heritage, p.relation, p.sex, p.dob, p.forename, p.middle ?? '', p.surname, p.otherSurname ?? '', p.knownAs ?? '', p.before ? p.before.household.id : ''].map((v) => (/[,"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
  writeFileSync(join(dir, 'people.csv.txt'), `${people.join('\n')}\n`);
  return { files, borough };
}
