// Writes the metro borough's extracts, truth.csv (file,sheet,row_number,person_id,household_id)
// and people.csv.txt (what the model knows of each person; never imported).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { makeBorough, type Borough } from './borough.js';
import { makeExtracts, type Cell, type Extract } from './extracts.js';
import { random } from './random.js';

const csvCell = (v: Cell): string => {
  const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function writeCsv(e: Extract, dir: string, truth: string[]): string {
  const s = e.sheets[0];
  if (!s) throw new Error(`${e.file} has no sheet`);
  const eol = e.eol ?? '\n';
  const out = [...s.above, s.header, ...s.rows].map((row) => row.map(csvCell).join(',')).join(eol);
  writeFileSync(join(dir, e.file), `${out}${eol}`);
  const above = s.above.length + 1;
  s.truth.forEach(([p, h], i) => truth.push(`${e.file},,${above + i + 1},${p},${h}`));
  return join(dir, e.file);
}

async function writeXlsx(e: Extract, dir: string, truth: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  // a fixed creation date, so the same seed writes the same bytes
  wb.created = new Date(Date.UTC(2026, 10, 9));
  wb.modified = wb.created;
  for (const s of e.sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const row of s.above) ws.addRow(row);
    if (s.header.length > 0) ws.addRow(s.header).font = { bold: true };
    for (const row of s.rows) {
      const added = ws.addRow(row);
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = s.dateFormat ?? 'dd/mm/yyyy';
        else if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = { wrapText: true };
      });
    }
    if (s.noPeople) continue;
    const above = s.above.length + 1;
    s.truth.forEach(([p, h], i) => truth.push(`${e.file},${s.name},${above + i + 1},${p},${h}`));
  }
  await wb.xlsx.writeFile(join(dir, e.file));
  return join(dir, e.file);
}

/** Writes the extracts and truth.csv into dir; returns the extract paths and the borough. */
export async function writeMetroBorough(households: number, seed: number, dir: string): Promise<{ files: string[]; borough: Borough }> {
  mkdirSync(dir, { recursive: true });
  const borough = makeBorough(households, seed);
  const extracts = makeExtracts(borough, random(seed * 40_503 + 17));
  const truth = ['file,sheet,row_number,person_id,household_id'];
  const files: string[] = [];
  for (const e of extracts) files.push(e.file.endsWith('.xlsx') ? await writeXlsx(e, dir, truth) : writeCsv(e, dir, truth));
  writeFileSync(join(dir, 'truth.csv'), `${truth.join('\n')}\n`);
  const q = (v: string): string => (/[,"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const people = ['person_id,household_id,kind,heritage,relation,sex,dob,given,family,left_from'];
  for (const p of borough.people) people.push([p.id, p.household.id, p.household.kind, p.name.heritage, p.relation, p.sex, new Date(p.dob * 86_400_000).toISOString().slice(0, 10), p.name.given.join(' '), p.name.family.join(' '), p.leftFrom?.id ?? ''].map(q).join(','));
  writeFileSync(join(dir, 'people.csv.txt'), `${people.join('\n')}\n`);
  return { files, borough };
}
