// Numbers as the published files write them: "29,199" (thousands separators), "29199.00",
// blanks, and the odd dash for "no value".

/** A number, or null for a blank/dash; NaN for text that is not a number. */
export function parseNumber(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const t = raw.trim();
  if (t === '' || t === '-' || t === '—' || /^(na|n\/a|null)$/i.test(t)) return null;
  const cleaned = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** A whole number written as "29199", "29,199" or "29199.00"; NaN otherwise. */
export function parseWhole(raw: string | null | undefined): number | null {
  const n = parseNumber(raw);
  if (n === null || Number.isNaN(n)) return n;
  return Number.isInteger(n) ? n : Number.NaN;
}
