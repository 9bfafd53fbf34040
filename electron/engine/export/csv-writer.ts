/** RFC 4180 field quoting. Machine exports stay verbatim: no formula neutralisation here. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with RFC 4180's CRLF line break. */
export const csvLine = (fields: Array<string | number | null | undefined>): string => `${fields.map(csvField).join(',')}\r\n`;
