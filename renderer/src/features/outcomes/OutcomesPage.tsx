import { useMemo, useState } from 'react';
import type { AreaSeries, IndicatorResult } from '../../../../shared/ipc/channels/outcomes.js';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { mayUse } from '../../app/session.js';
import { SelectField } from '../../components/SelectField.js';
import { WarningText } from '../../components/WarningText.js';
import { saveBlob } from '../areas/map-export.js';
import { useChannel } from '../areas/use-channel.js';
import { AddIndicator } from './AddIndicator.js';
import { DisplacementPanel } from './DisplacementPanel.js';
import { OutcomesMap } from './OutcomesMap.js';
import { SeriesTable } from './SeriesTable.js';
import { TrendChart, TrendKey } from './TrendChart.js';
import { seriesCsv } from './table-csv.js';
import { describeTrend, trendGeometry, trendSvgFile } from './trend-chart.js';
import './outcomes.css';

const PERIODS = [
  { value: 'quarter', label: 'Quarter' },
  { value: 'month', label: 'Month' },
  { value: 'term', label: 'School term' },
  { value: 'year', label: 'Year' },
];

const DIRECTION: Record<string, string> = {
  widening: 'The gap is widening',
  stable: 'No clear change in the gap',
  closing: 'The gap is closing',
  'insufficient-data': 'Too few periods to say',
};

const fileName = (...parts: string[]): string => `${parts.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 90)}.svg`;

/** Outcomes: neighbourhood (area) outcomes against the borough. Family outcomes have their own page. */
export function OutcomesPage({ info }: { info: AppInfo }) {
  const canSee = mayUse(info.store.session, 'outcomes:areas');
  const canDefine = mayUse(info.store.session, 'outcomes:saveIndicator');
  const [definedKey, setDefinedKey] = useState(0);
  const indicators = useChannel('outcomes:indicators', canSee ? {} : null, definedKey);
  const [indicator, setIndicator] = useState('asb-incidents');
  const [period, setPeriod] = useState<'quarter' | 'month' | 'term' | 'year'>('quarter');
  const [chosenArea, setChosenArea] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const outcomes = useChannel('outcomes:areas', canSee ? { indicator, period, published: false } : null);
  const result: IndicatorResult | null = outcomes.state.status === 'loaded' ? (outcomes.state.value.results[0] ?? null) : null;
  const labels = useMemo(() => new Map((result?.periods ?? []).map((p) => [p.key, p.label])), [result]);
  const areas = result?.areas ?? [];
  const area: AreaSeries | null = areas.find((a) => a.name === chosenArea) ?? areas.find((a) => a.kind === 'target') ?? areas[0] ?? null;
  const targets = areas.filter((a) => a.kind === 'target');

  const download = async (a: AreaSeries, what: 'svg' | 'csv') => {
    setDownloadError(null);
    try {
      // A download is published: disclosure control applies whoever asks.
      const published = await workbench.call('outcomes:areas', { indicator, period, area: a.name, published: true });
      const r = published.results[0];
      const pa = r?.areas[0];
      if (!r || !pa) throw new Error('The chart could not be made.');
      if (what === 'csv') {
        saveBlob(new Blob([seriesCsv(r)], { type: 'text/csv' }), fileName(pa.name, r.indicator.name, period).replace(/\.svg$/, '.csv'));
        return;
      }
      const names = new Map(r.periods.map((p) => [p.key, p.label]));
      const title = `${r.indicator.label}: ${pa.name} and the borough`;
      const svg = trendSvgFile(trendGeometry(pa.series, names), title, describeTrend(pa.name, r.indicator.label, pa.series, pa.trend.direction, names), [
        `Rate per 1,000 ${r.denominator.label}. ${r.ciMethod}.`,
        `Borough: ${r.borough.name}. Counts under 10 are withheld, with secondary suppression.`,
        `${DIRECTION[pa.trend.direction] ?? pa.trend.direction}${pa.trend.slope === null ? '' : ` (${pa.trend.slope} per period, 95% interval ${pa.trend.lower} to ${pa.trend.upper})`}.`,
        info.store.synthetic ? 'Synthetic demo data.' : '',
      ].filter(Boolean));
      saveBlob(new Blob([svg], { type: 'image/svg+xml' }), fileName(pa.name, r.indicator.name, period));
    } catch (error) {
      setDownloadError(toWorkbenchError(error).message);
    }
  };

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Outcomes
      </h1>
      <p className="body lead">
        Neighbourhood outcomes: for each area, a measure of how lives are going per 1,000 people, period by period, against the borough — and
        whether the gap between the target areas and the borough is widening or closing.
      </p>
      {!canSee ? (
        <p className="body">Your role does not include outcomes.</p>
      ) : (
        <section aria-labelledby="area-outcomes-heading">
          <h2 className="heading-m" id="area-outcomes-heading">
            Neighbourhood outcomes
          </h2>
          <div className="outcomes-controls">
            <SelectField
              id="outcome-indicator"
              label="Indicator"
              value={indicator}
              options={indicators.state.status === 'loaded' ? indicators.state.value.map((i) => ({ value: i.name, label: i.label })) : [{ value: indicator, label: indicator }]}
              onChange={setIndicator}
            />
            <SelectField id="outcome-period" label="Period" value={period} options={PERIODS} onChange={(v) => setPeriod(v as typeof period)} />
            {areas.length > 0 ? <SelectField id="outcome-area" label="Area" value={area?.name ?? ''} options={areas.map((a) => ({ value: a.name, label: `${a.name}${a.kind === 'target' ? ' (target area)' : a.kind === 'ward' ? ' (ward)' : ''}` }))} onChange={setChosenArea} /> : null}
          </div>
          {canDefine ? (
            <AddIndicator
              onSaved={(name) => {
                setDefinedKey((n) => n + 1);
                setIndicator(name);
              }}
            />
          ) : null}
          {outcomes.state.status === 'loading' ? <p className="body" role="status">Working out the rates…</p> : null}
          {outcomes.state.status === 'failed' ? <WarningText>{outcomes.state.message}</WarningText> : null}
          {result ? (
            <>
              <p className="caption" data-testid="outcomes-basis">
                Rate per 1,000 {result.denominator.label}. Compared with {result.borough.name} ({result.borough.basis}). {result.ciMethod}.
                {result.disclosure === 'controlled' ? ' Counts under 10 are withheld, with secondary suppression.' : ' You see exact figures; downloads withhold counts under 10.'}
              </p>
              {result.warnings.map((w) => (
                <WarningText key={w}>{w}</WarningText>
              ))}
              {areas.length === 0 ? <p className="body">There are no areas yet. Build target neighbourhoods or wards on the Areas &amp; IMD page.</p> : null}
              {area ? (
                <section aria-labelledby="area-trend-heading" className="outcomes-area">
                  <h3 className="heading-m" id="area-trend-heading">
                    {area.name}: {result.indicator.label.toLowerCase()}
                  </h3>
                  <p className="body" data-testid="trend-verdict">
                    <strong>{DIRECTION[area.trend.direction]}</strong>
                    {area.trend.slope !== null
                      ? ` — the gap changes by ${area.trend.slope} per 1,000 per period (95% interval ${area.trend.lower} to ${area.trend.upper}) over ${area.trend.periods} periods since ${labels.get(area.trend.baselinePeriod ?? '') ?? area.trend.baselinePeriod}.`
                      : '.'}
                    {area.trend.note ? ` ${area.trend.note}` : ''}
                  </p>
                  {area.flags.map((f) => (
                    <WarningText key={f}>{f}</WarningText>
                  ))}
                  <figure className="chart" data-testid="trend-chart">
                    <figcaption className="heading-s">
                      {result.indicator.label} per 1,000: {area.name} and the borough
                    </figcaption>
                    <TrendChart series={area.series} labels={labels} testId="trend-svg" />
                    <TrendKey />
                    <p className="caption" data-testid="trend-description">
                      {describeTrend(area.name, result.indicator.label, area.series, area.trend.direction, labels)}
                    </p>
                  </figure>
                  <div className="outcomes-downloads">
                    <button type="button" className="button button--secondary" onClick={() => void download(area, 'svg')}>
                      Download the chart (SVG)
                    </button>
                    <button type="button" className="button button--secondary" onClick={() => void download(area, 'csv')}>
                      Download the table (CSV)
                    </button>
                  </div>
                  {downloadError ? <WarningText>{downloadError}</WarningText> : null}
                  <details className="details">
                    <summary>How the trend is tested</summary>
                    <p className="caption">{area.trend.test}</p>
                  </details>
                  <SeriesTable caption={`${result.indicator.label} per 1,000: ${area.name} (table)`} series={area.series} labels={labels} />
                  {area.displacement ? <DisplacementPanel d={area.displacement} labels={labels} /> : null}
                  {area.imd.length > 0 ? (
                    <div className="table-wrapper" tabIndex={0} role="region" aria-label="IMD position by release">
                      <table className="table table--compact">
                        <caption className="table__caption">IMD position of {area.name} by release (ranks and deciles only: scores are not comparable across releases)</caption>
                        <thead>
                          <tr>
                            <th scope="col">Release (LSOA vintage)</th>
                            <th scope="col" className="numeric">Median rank</th>
                            <th scope="col" className="numeric">LSOAs in England's most deprived 10%</th>
                            <th scope="col" className="numeric">… most deprived 20%</th>
                          </tr>
                        </thead>
                        <tbody>
                          {area.imd.map((r) => (
                            <tr key={r.release}>
                              <th scope="row">
                                {r.release} ({r.vintage})
                              </th>
                              <td className="numeric">{r.medianRank?.toLocaleString('en-GB') ?? '–'}</td>
                              <td className="numeric">{r.mostDeprived10} of {r.lsoasWithData}</td>
                              <td className="numeric">{r.mostDeprived20}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : null}
                </section>
              ) : null}
              <section aria-labelledby="outcomes-map-heading">
                <h3 className="heading-m" id="outcomes-map-heading">
                  Map
                </h3>
                <OutcomesMap indicator={indicator} period={period} vintage={result.vintage} />
              </section>
              {targets.length > 1 ? (
                <section aria-labelledby="multiples-heading">
                  <h3 className="heading-m" id="multiples-heading">
                    All target areas
                  </h3>
                  <ul className="outcomes-multiples">
                    {targets.map((t) => (
                      <li key={t.name}>
                        <figure className="chart">
                          <figcaption className="caption">
                            <button type="button" className="link-button" onClick={() => setChosenArea(t.name)}>
                              {t.name}
                            </button>
                            : {DIRECTION[t.trend.direction]?.toLowerCase()}
                          </figcaption>
                          <TrendChart series={t.series} labels={labels} compact />
                          <p className="visually-hidden">{describeTrend(t.name, result.indicator.label, t.series, t.trend.direction, labels)}</p>
                        </figure>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </>
          ) : null}
        </section>
      )}
    </>
  );
}
