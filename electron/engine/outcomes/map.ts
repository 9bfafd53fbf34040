// The map's colours for an indicator: each LSOA's rate per 1,000 in the latest period with data,
// or its change since the baseline period. Under disclosure control an LSOA's small count is
// withheld (with secondary suppression across the borough's LSOAs), so it shows as no data.
import type { OutcomesMap } from '../../../shared/ipc/channels/outcomes.js';
import { rateShown, suppressTable, type SumGroup, type TableCell } from '../disclosure/suppress.js';
import type { Db } from '../store/database.js';
import { countIndicator, type CountedPeriod } from './compute.js';
import { getIndicator } from './indicators.js';
import type { PeriodKind } from './periods.js';
import { areaFrames, baselineFor, boroughIndex, denominatorsFor, type Disclosure } from './series.js';

export function outcomesMap(db: Db, options: { indicator: string; period: PeriodKind; measure: 'rate' | 'change'; disclosure: Disclosure; borough: string | null; keep?: Db | null }): OutcomesMap {
  const def = getIndicator(db, options.indicator);
  const { frame, events } = baselineFor(db, options.keep);
  const counted = countIndicator(frame, def, options.period, events);
  const borough = boroughIndex(db, frame, options.borough);
  const den = denominatorsFor(db, frame, def, borough.index, []);
  const areas = areaFrames(db, frame);
  const usable = counted.periods.filter((p) => p.status !== 'missing');
  const first = usable[0];
  const last = usable[usable.length - 1];
  const ratesOf = (p: CountedPeriod): Map<number, number | null> => {
    const counts = p.counts as Float64Array;
    const denominators = den.perLsoa ?? (p.denominators as Float64Array);
    const out = new Map<number, number | null>();
    let status: Map<string, string> | null = null;
    if (options.disclosure === 'controlled') {
      const total = borough.index.reduce((n, i) => n + (counts[i] as number), 0);
      const cells: TableCell[] = [{ id: 'B', value: total, published: true }, ...borough.index.map((i) => ({ id: String(i), value: counts[i] as number, published: true }))];
      const groups: SumGroup[] = [{ total: 'B', parts: borough.index.map(String) }];
      // Each area's count is published in the outcomes tables: its LSOAs on the map must not
      // add up to it when it is withheld there, nor give away one LSOA withheld here.
      const inBorough = new Set(borough.index);
      areas.forEach((a, k) => {
        if (a.index.length < 2 || !a.index.every((l) => inBorough.has(l))) return;
        cells.push({ id: `A${k}`, value: a.index.reduce((n, l) => n + (counts[l] as number), 0), published: true });
        groups.push({ total: `A${k}`, parts: a.index.map(String) });
      });
      status = suppressTable(cells, groups);
    }
    for (const i of borough.index) {
      const n = denominators[i] as number;
      const ok = status ? rateShown((status.get(String(i)) ?? 'primary') as 'shown', n) : n > 0;
      out.set(i, ok ? ((counts[i] as number) / n) * 1000 : null);
    }
    return out;
  };
  const values: OutcomesMap['values'] = [];
  if (last) {
    const now = ratesOf(last);
    const then = options.measure === 'change' && first ? ratesOf(first) : null;
    for (const i of borough.index) {
      const a = now.get(i) ?? null;
      const b = then ? (then.get(i) ?? null) : null;
      const v = options.measure === 'rate' ? a : a === null || b === null ? null : a - b;
      values.push({ lsoa: frame.lsoaCodes[i] as string, value: v === null ? null : Math.round(v * 100) / 100 });
    }
  }
  return {
    vintage: frame.vintage,
    periodFrom: options.measure === 'change' ? (first?.key ?? null) : null,
    periodTo: last?.key ?? null,
    measure: options.measure,
    values,
    note: `${def.label}: ${options.measure === 'rate' ? `rate per 1,000 in ${last?.label ?? 'no period'}` : `change in the rate per 1,000 from ${first?.label ?? '–'} to ${last?.label ?? '–'}`}; denominators: ${den.label}.${options.disclosure === 'controlled' ? ' LSOAs with fewer than 10 are withheld.' : ''}`,
  };
}
