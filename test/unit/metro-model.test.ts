// The metro model of partner data (test/bench/metro): the same seed writes the same files, and
// truth.csv points at the rows it describes.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeMetroBorough } from '../bench/metro/write.js';
import { readCsv } from '../helpers/csv.js';

const dirs: string[] = [];
const fresh = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bw-metro-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every sheet's rows as text, keyed "file|sheet" (a csv's sheet is empty). */
async function contents(dir: string): Promise<Map<string, string[][]>> {
  const out = new Map<string, string[][]>();
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.csv') && f !== 'truth.csv') out.set(`${f}|`, readCsv(join(dir, f)));
    if (!f.endsWith('.xlsx')) continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, f));
    wb.eachSheet((ws) => {
      const rows: string[][] = [];
      for (let i = 1; i <= ws.rowCount; i++) {
        const v = ws.getRow(i).values as unknown[];
        rows.push(v.slice(1).map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : c === null || c === undefined ? '' : String(c))));
      }
      out.set(`${f}|${ws.name}`, rows);
    });
  }
  return out;
}

const DOB_HEADING = /^(DOB|Date of Birth|CLAIMANT_DOB)$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A date of birth cell read in the form its file writes it (the model's own choice per agency). */
function isoDob(file: string, cell: string): string {
  const [a = '', b = '', c = ''] = cell.split(/[/-]/);
  if (/^\d{4}-\d\d-\d\d$/.test(cell)) return cell;
  if (file.startsWith('Housing_Options')) return `${c}-${a}-${b}`;
  if (file.startsWith('SHBE')) return `${Number(c) > 26 ? 19 : 20}${c}-${String(MONTHS.indexOf(b) + 1).padStart(2, '0')}-${a}`;
  return `${c}-${b}-${a}`;
}

describe('metro model', () => {
  it('writes the same rows and truth for the same seed, and other rows for another', async () => {
    const [a, b, c] = [fresh(), fresh(), fresh()];
    await writeMetroBorough(150, 31, a);
    await writeMetroBorough(150, 31, b);
    await writeMetroBorough(150, 32, c);
    expect(readFileSync(join(a, 'truth.csv'), 'utf8')).toBe(readFileSync(join(b, 'truth.csv'), 'utf8'));
    expect(readFileSync(join(a, 'truth.csv'), 'utf8')).not.toBe(readFileSync(join(c, 'truth.csv'), 'utf8'));
    const [ca, cb] = [await contents(a), await contents(b)];
    expect([...ca.keys()]).toEqual([...cb.keys()]);
    for (const [k, rows] of ca) expect(rows, k).toEqual(cb.get(k));
  });

  it('writes six extracts whose every person row has one truth line that names its person', async () => {
    const dir = fresh();
    const { files, borough } = await writeMetroBorough(300, 33, dir);
    expect(files).toHaveLength(6);
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(3);
    const sheets = await contents(dir);
    const truth = readCsv(join(dir, 'truth.csv')).slice(1).filter((r) => r.length === 5);
    const dobOf = new Map(borough.people.map((p) => [p.id, new Date(p.dob * 86_400_000).toISOString().slice(0, 10)]));
    const householdOf = new Map(borough.people.map((p) => [p.id, p.household.id]));
    const seen = new Set<string>();
    const perSheet = new Map<string, number>();
    let withDob = 0;
    let sameDob = 0;
    for (const [file, sheet, row, person, household] of truth as Array<[string, string, string, string, string]>) {
      const key = `${file}|${sheet}`;
      expect(seen.has(`${key}|${row}`), `${key} row ${row} twice`).toBe(false);
      seen.add(`${key}|${row}`);
      perSheet.set(key, (perSheet.get(key) ?? 0) + 1);
      expect(householdOf.get(person)).toBe(household);
      const cells = sheets.get(key)?.[Number(row) - 1];
      expect(cells, `${key} row ${row}`).toBeDefined();
      // the date of birth a row shows is its person's, bar the slips the model makes on purpose
      const headerRow = sheets.get(key)?.find((r) => r.some((c) => DOB_HEADING.test(c))) ?? [];
      const shown = (cells as string[])[headerRow.findIndex((c) => DOB_HEADING.test(c))] ?? '';
      if (shown) {
        withDob++;
        if (isoDob(file, shown) === dobOf.get(person)) sameDob++;
      }
    }
    expect(withDob).toBeGreaterThan(500);
    expect(sameDob / withDob).toBeGreaterThan(0.97);
    // every row under each header is a person row of the truth, and nothing past them
    for (const [key, rows] of sheets) {
      if (key.endsWith('|Parameters')) continue;
      const header = rows.findIndex((r) => r.filter(Boolean).length > 5);
      expect(rows.length - header - 1, key).toBe(perSheet.get(key));
    }
  });
});
