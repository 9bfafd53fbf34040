// Layout of the decile-distribution chart: one bar per release, split into its ten national
// deciles, each segment as wide as the share of the area's LSOAs in it.
export interface ChartRow {
  label: string;
  total: number;
  segments: Array<{ decile: number; count: number; x: number; width: number }>;
}

export function decileBars(rows: ReadonlyArray<{ label: string; decileCounts: readonly number[] }>, width: number): ChartRow[] {
  return rows.map((r) => {
    const total = r.decileCounts.reduce((a, b) => a + b, 0);
    let x = 0;
    const segments = r.decileCounts.map((count, i) => {
      const w = total === 0 ? 0 : (count / total) * width;
      const segment = { decile: i + 1, count, x, width: w };
      x += w;
      return segment;
    });
    return { label: r.label, total, segments: segments.filter((s) => s.count > 0) };
  });
}
