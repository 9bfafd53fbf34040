// Neighbourhood indicators: per indicator, each area's rate in the latest period with data
// against the borough's, the gap and its trend, then the rates over time as small multiples.
// Rates only, as the outcomes feature publishes them (already under disclosure control).
import type { RawBlock, RawRow } from '../model.js';
import type { PublishedIndicator } from '../providers.js';
import { smallMultiplesChart } from '../charts.js';
import type { SectionModule } from './context.js';

const TREND_WORDS: Record<PublishedIndicator['areas'][number]['trend']['direction'], string> = {
  widening: 'Gap widening',
  stable: 'No clear change',
  closing: 'Gap closing',
  'insufficient-data': 'Too few periods to tell',
};

const fmt = (n: number): string => n.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function trendText(t: PublishedIndicator['areas'][number]['trend'], periodKind: string): string {
  if (t.direction === 'insufficient-data' || t.slope === null) return TREND_WORDS[t.direction];
  const ci = t.lower !== null && t.upper !== null ? ` (95% CI ${fmt(t.lower)} to ${fmt(t.upper)})` : '';
  return `${TREND_WORDS[t.direction]}: ${t.slope > 0 ? '+' : ''}${fmt(t.slope)} a ${periodKind}${ci}`;
}

/** The latest period in which the borough or any area has a rate shown. */
function latestShown(ind: PublishedIndicator): number {
  for (let i = ind.periods.length - 1; i >= 0; i--) {
    if (ind.borough.rates[i] !== null && ind.borough.rates[i] !== undefined) return i;
    if (ind.areas.some((a) => a.rates[i] !== null && a.rates[i] !== undefined)) return i;
  }
  return -1;
}

function indicatorBlocks(ind: PublishedIndicator): RawBlock[] {
  const at = latestShown(ind);
  if (at < 0 || ind.areas.length === 0) return [{ type: 'no-data', text: `${ind.label}: no rate can be shown yet (no data, or every figure withheld).` }];
  const period = ind.periods[at]?.label ?? '';
  const unit = `Rate per ${ind.per.toLocaleString('en-GB')} ${ind.denominator}`;
  const rows: RawRow[] = ind.areas.map((a) => ({
    cells: { area: a.area, rate: a.rates[at] ?? null, borough: ind.borough.rates[at] ?? null, gap: a.gaps[at] ?? null, trend: trendText(a.trend, ind.periodKind) },
  }));
  const chart = smallMultiplesChart(
    ind.periods.map((p) => p.label),
    { label: `Borough (${ind.borough.name})`, values: ind.borough.rates },
    ind.areas.map((a) => ({ label: a.area, values: a.rates })),
    { unit },
  );
  return [
    { type: 'paragraph', text: `${ind.label}. ${unit}, by ${ind.periodKind}, against the borough (${ind.borough.name}). The gap is the area's rate minus the borough's; its trend is the change in the gap each ${ind.periodKind} since the first ${ind.periodKind} with figures.` },
    {
      type: 'table',
      id: `indicator-${ind.indicator}`,
      caption: `${ind.label}, ${period}`,
      columns: [
        { key: 'area', label: 'Area', kind: 'text' },
        { key: 'rate', label: `Rate per ${ind.per.toLocaleString('en-GB')}`, kind: 'rate' },
        { key: 'borough', label: 'Borough rate', kind: 'rate' },
        { key: 'gap', label: 'Gap', kind: 'rate' },
        { key: 'trend', label: 'Trend in the gap', kind: 'text' },
      ],
      rows,
      notes: ['A dash (–) marks a rate withheld (fewer than 10 people or events, or a population under 10) or with no data for the period.'],
    },
    { type: 'svg', id: `indicator-trend-${ind.indicator}`, caption: `${ind.label}: rate by ${ind.periodKind}, each area against the borough`, alt: `Line charts of the ${ind.label.toLowerCase()} rate for each area, with the borough's rate dashed.`, ...chart },
  ];
}

export const neighbourhoodIndicatorsSection: SectionModule = {
  id: 'neighbourhood-indicators',
  title: 'Neighbourhood indicators',
  purpose: 'Community indicators per area against the borough, with the gap and its trend.',
  build({ providers }) {
    const title = 'Neighbourhood indicators';
    const indicators = providers.neighbourhood?.indicators() ?? [];
    if (indicators.length === 0) return { id: 'neighbourhood-indicators', title, blocks: [{ type: 'no-data', text: 'No data yet: neighbourhood indicators need households placed in areas (a postcode lookup imported) and partner events over time.' }] };
    return { id: 'neighbourhood-indicators', title, blocks: indicators.flatMap(indicatorBlocks) };
  },
};
