// The trend chart's geometry and words: a period with no data breaks both lines (never drawn
// as a zero), the gap is shaded only where both lines have figures, and the description and the
// downloaded file say what the chart shows.
import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../shared/ipc/channels/outcomes.js';
import { seriesCsv } from '../../renderer/src/features/outcomes/table-csv.js';
import { describeTrend, trendGeometry, trendSvgFile } from '../../renderer/src/features/outcomes/trend-chart.js';
import type { IndicatorResult } from '../../shared/ipc/channels/outcomes.js';

const point = (period: string, rate: number | null, boroughRate: number | null, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({
  period,
  status: rate === null && boroughRate === null ? 'missing' : 'complete',
  count: null,
  denominator: null,
  rate,
  ci: null,
  boroughCount: null,
  boroughDenominator: null,
  boroughRate,
  boroughCi: null,
  gap: rate !== null && boroughRate !== null ? { difference: rate - boroughRate, ratio: rate / boroughRate } : null,
  withheld: false,
  note: null,
  ...extra,
});
const labels = new Map([
  ['Q1', 'Jan–Mar 2024'],
  ['Q2', 'Apr–Jun 2024'],
  ['Q3', 'Jul–Sep 2024'],
  ['Q4', 'Oct–Dec 2024'],
]);

describe('trend chart', () => {
  it('breaks the lines at a missing period and shades the gap only where both lines have figures', () => {
    const g = trendGeometry([point('Q1', 700, 450), point('Q2', 600, 450), point('Q3', null, null), point('Q4', 600, 550)], labels);
    expect(g.areaLines).toHaveLength(2);
    expect(g.boroughLines).toHaveLength(2);
    // A run of one period has no area between the lines to shade.
    expect(g.gaps).toHaveLength(1);
    expect(g.areaPoints.map((p) => p.label)).toEqual(['Jan–Mar 2024: 700', 'Apr–Jun 2024: 600', 'Oct–Dec 2024: 600']);
    // 700 is under the axis maximum (1,000), and higher rates are drawn higher.
    expect(g.yTicks.at(-1)?.label).toBe('1,000');
    expect((g.areaPoints[0]?.y ?? 0) < (g.areaPoints[1]?.y ?? 0)).toBe(true);
  });

  it("draws the area's 95% interval at each point, cut (and drawn open) where it runs above the plot", () => {
    const g = trendGeometry([point('Q1', 700, 450, { ci: { lower: 600, upper: 800 } }), point('Q2', 600, 450, { ci: { lower: 300, upper: 1400 } }), point('Q3', null, 450), point('Q4', 600, 550)], labels);
    // Withheld or missing rates and points without an interval have no whisker.
    expect(g.areaIntervals.map((w) => [w.label, w.clipped])).toEqual([
      ['Jan–Mar 2024: 95% interval 600 to 800', false],
      ['Apr–Jun 2024: 95% interval 300 to 1,400', true],
    ]);
    const [first, second] = g.areaIntervals;
    // lower bound below the point, upper above it (SVG y grows downwards); the cut one ends at the plot's top.
    expect(first!.y1 > g.areaPoints[0]!.y && first!.y2 < g.areaPoints[0]!.y).toBe(true);
    expect(second!.y2).toBeCloseTo(g.plot.top);
    const svg = trendSvgFile(g, 'T', 'D', []);
    expect(svg).toContain("Area's 95% interval");
    // two whiskers: 3 lines for the closed one, 2 for the cut one, and the key's 3.
    expect(svg.match(/stroke="#1d70b8" stroke-width="1.5"/g)).toHaveLength(8);
  });

  it('describes the chart in words, with missing and withheld periods', () => {
    const text = describeTrend('Target', 'ASB incidents', [point('Q1', 700, 450), point('Q2', null, null), point('Q3', null, 500, { withheld: true, status: 'complete' }), point('Q4', 600, 550)], 'closing', labels);
    expect(text).toBe(
      "ASB incidents per 1,000 in Target against the borough, 4 periods. From Jan–Mar 2024 to Oct–Dec 2024 the area's rate went from 700 to 600 and the borough's from 450 to 550. The gap is closing. 1 period has no data. 1 figure is withheld because the numbers are small.",
    );
  });

  it('writes a standalone SVG with its title, description and notes escaped', () => {
    const svg = trendSvgFile(trendGeometry([point('Q1', 1, 2), point('Q2', 2, 2)], labels), 'A & B <area>', 'desc "quoted"', ['note <1>']);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="t">A &amp; B &lt;area&gt;</title>');
    expect(svg).toContain('<desc id="d">desc &quot;quoted&quot;</desc>');
    expect(svg).toContain('note &lt;1&gt;');
    expect(svg.match(/<polygon/g)).toHaveLength(1);
  });
});

describe('table as CSV', () => {
  it('writes the published figures, withheld cells empty, formula-like text neutralised', () => {
    const result = {
      periods: [{ key: 'Q1', label: 'Jan–Mar 2024', start: '2024-01-01', end: '2024-03-31', status: 'complete', missingSources: [] }],
      areas: [{ name: '=HYPERLINK("x")', series: [point('Q1', null, 450, { withheld: true, note: 'Fewer than 10: withheld.' })] }],
    } as unknown as IndicatorResult;
    expect(seriesCsv(result)).toBe(
      'area,period,count,denominator,rate_per_1000,ci_lower,ci_upper,borough_rate_per_1000,gap,gap_ratio,withheld,note\r\n' +
        '"\'=HYPERLINK(""x"")",Jan–Mar 2024,,,,,,450,,,yes,Fewer than 10: withheld.\r\n',
    );
  });
});
