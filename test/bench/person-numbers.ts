// Which columns of a model's extracts the importer reads as a partner's person number, with the
// evidence behind it (rows sharing a code: dates of birth and sexes agreeing, in the first 500
// rows the importer samples and over the whole file) and, from the model's truth, how many of
// the sharing pairs are truly one person. Used to choose PERSON_NUMBER_AGREEMENT and _MIN_PAIRS.
//   node --import tsx test/bench/person-numbers.ts DIR…   (each DIR a case's input folder with truth.csv)
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { previewImport } from '../../electron/engine/import/import-file.js';
import { readWorkbook } from '../../electron/engine/import/read-file.js';
import { sharingEvidence } from '../../electron/engine/import/person-number.js';
import { SAMPLE_ROWS } from '../../electron/engine/import/table.js';

const WATCH = new Set(['agency_ref', 'person_ref']);

function truthOf(dir: string): Map<string, string> {
  const lines = readFileSync(join(dir, 'truth.csv'), 'utf8').trim().split('\n');
  const head = lines[0]!.split(',');
  const [f, s, r, p] = ['file', 'sheet', 'row_number', 'person_id'].map((k) => head.indexOf(k));
  const out = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const c = line.split(',');
    out.set(`${c[f!]}|${c[s!]}|${c[r!]}`, c[p!]!);
  }
  return out;
}

for (const dir of process.argv.slice(2)) {
  const truth = truthOf(dir);
  for (const file of readdirSync(dir).filter((f) => /\.(csv|xlsx)$/.test(f) && !f.startsWith('truth'))) {
    const preview = await previewImport(null, join(dir, file), 't');
    const book = readWorkbook(join(dir, file));
    for (const sheet of preview.sheets) {
      if (sheet.headerRow === null) continue;
      const rows = book.sheets.find((s) => s.name === sheet.sheet)?.rows ?? [];
      const data = rows.filter((r) => r.rowNumber > (sheet.headerRow ?? 0));
      const cells = data.map((r) => r.cells.map((c) => (c === undefined ? null : c)));
      const roles = sheet.columns.map((c) => c.suggestedRole);
      const dob = roles.indexOf('dob');
      const sex = roles.indexOf('sex');
      for (const col of sheet.columns) {
        if (!WATCH.has(col.suggestedRole) && !/\b(id|no|ref|number|nominal)\b/i.test(col.header)) continue;
        const e500 = sharingEvidence(col.index, dob, sex, cells.slice(0, SAMPLE_ROWS));
        const all = sharingEvidence(col.index, dob, sex, cells);
        // the truth: sharing pairs (each row against the first row with its code) of one person
        const first = new Map<string, number>();
        let pairs = 0;
        let same = 0;
        data.forEach((r, i) => {
          const code = (cells[i]![col.index] ?? '').trim().toUpperCase();
          if (!code) return;
          const f = first.get(code);
          if (f === undefined) return void first.set(code, r.rowNumber);
          const a = truth.get(`${file}|${sheet.sheet === 'Sheet1' || file.endsWith('.csv') ? '' : sheet.sheet}|${f}`) ?? truth.get(`${file}||${f}`) ?? truth.get(`${file}|${sheet.sheet}|${f}`);
          const b = truth.get(`${file}|${sheet.sheet === 'Sheet1' || file.endsWith('.csv') ? '' : sheet.sheet}|${r.rowNumber}`) ?? truth.get(`${file}||${r.rowNumber}`) ?? truth.get(`${file}|${sheet.sheet}|${r.rowNumber}`);
          if (a === undefined || b === undefined) return;
          pairs++;
          if (a === b) same++;
        });
        const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
        console.log(
          [dir.split('/').at(-2), file, col.header, col.suggestedRole,
            `sample ${e500.agreeing}/${e500.compared} (${pct(e500.agreeing, e500.compared)}) codes ${e500.codes} shared ${e500.sharedCodes}`,
            `file ${all.agreeing}/${all.compared} (${pct(all.agreeing, all.compared)})`,
            `truly one person ${same}/${pairs} (${pct(same, pairs)})`].join(' | '),
        );
      }
    }
  }
}
