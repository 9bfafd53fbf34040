// The chart's table as a CSV file for people (RFC 4180, CRLF): the published figures only
// (disclosure-controlled by the engine), text cells that would open a formula in a spreadsheet
// kept as text with a leading apostrophe (OWASP's list, as the engine's xlsx reports do).
import type { IndicatorResult } from '../../../../shared/ipc/channels/outcomes.js';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function seriesCsv(result: IndicatorResult): string {
  const labels = new Map(result.periods.map((p) => [p.key, p.label]));
  const rows: Array<Array<string | number | null>> = [
    ['area', 'period', 'count', 'denominator', 'rate_per_1000', 'ci_lower', 'ci_upper', 'borough_rate_per_1000', 'gap', 'gap_ratio', 'withheld', 'note'],
  ];
  for (const a of result.areas) {
    for (const s of a.series) {
      rows.push([a.name, labels.get(s.period) ?? s.period, s.count, s.denominator, s.rate, s.ci?.lower ?? null, s.ci?.upper ?? null, s.boroughRate, s.gap?.difference ?? null, s.gap?.ratio ?? null, s.withheld ? 'yes' : 'no', s.note]);
    }
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
