// How a board pack's shown cell reads in the PDF and the in-app preview (the workbook keeps
// numbers as numbers). Shared so both read the same.
import type { ColumnKind, ShownCell } from '../ipc/channels/packs.js';

/** en-GB long date, e.g. 6 December 2026, from YYYY-MM-DD or an ISO timestamp. */
export function longDate(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function formatCell(cell: ShownCell, kind: ColumnKind): string {
  const v = cell.v;
  if (v === null) return kind === 'text' ? '' : '–';
  if (typeof v === 'string') return kind === 'date' ? longDate(v) : v;
  if (kind === 'percent') return `${v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
  if (kind === 'rate' || (kind === 'number' && !Number.isInteger(v))) return v.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return v.toLocaleString('en-GB');
}

export const isNumericKind = (kind: ColumnKind): boolean => kind !== 'text' && kind !== 'date';
