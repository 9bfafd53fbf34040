// Header matching shared by every reference-file recogniser. Headers are compared normalised
// (BOM and outer spaces gone, lower case, runs of white space as one space) and by pattern
// from the start, so a published header cut short ("…10% of LSO") still matches its prefix.

export interface ColumnSpec {
  field: string;
  /** Tested against the normalised header; a first capture group, if any, is kept (e.g. a year). */
  pattern: RegExp;
}

export interface MatchedColumn {
  index: number;
  header: string;
  capture: string | undefined;
}

export const normaliseHeader = (h: string): string => h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');

/** First column (left to right) matching each spec; a column serves one field only. */
export function matchColumns(header: readonly string[], specs: readonly ColumnSpec[]): Map<string, MatchedColumn> {
  const norm = header.map(normaliseHeader);
  const used = new Set<number>();
  const out = new Map<string, MatchedColumn>();
  for (const spec of specs) {
    if (out.has(spec.field)) continue;
    for (let i = 0; i < norm.length; i++) {
      if (used.has(i)) continue;
      const m = spec.pattern.exec(norm[i] ?? '');
      if (!m) continue;
      used.add(i);
      out.set(spec.field, { index: i, header: header[i] ?? '', capture: m[1] });
      break;
    }
  }
  return out;
}

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
