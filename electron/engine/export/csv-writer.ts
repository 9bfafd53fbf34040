import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { neutraliseFormula } from '../governance/report-xlsx.js';

/** RFC 4180 field quoting. Machine exports stay verbatim: no formula neutralisation here. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with RFC 4180's CRLF line break. */
export const csvLine = (fields: Array<string | number | null | undefined>): string => `${fields.map(csvField).join(',')}\r\n`;

/** For CSV meant for people: text that a spreadsheet would run as a formula is kept as text. */
const peopleField = (value: string | number | null | undefined): string | number | null | undefined => (typeof value === 'string' ? neutraliseFormula(value) : value);

/**
 * Writes CSV lines to `outPath` in 1 MB chunks through a temporary file renamed at the end, so a
 * failed export never leaves half a file under the real name. Returns how many lines it wrote.
 * `forPeople` neutralises formula-like text in every field (numbers are left as numbers);
 * machine-readable exports leave it off and stay byte-exact.
 */
export function writeCsvFile(outPath: string, lines: Iterable<Array<string | number | null | undefined>>, options: { forPeople?: boolean } = {}): number {
  const tmp = `${outPath}.partial`;
  // Owner-only: an export holds personal data.
  const fd = openSync(tmp, 'w', 0o600);
  let count = 0;
  try {
    let buffer = '';
    for (const fields of lines) {
      buffer += csvLine(options.forPeople ? fields.map(peopleField) : fields);
      count++;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, outPath);
  return count;
}
