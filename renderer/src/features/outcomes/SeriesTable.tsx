import type { SeriesPoint } from '../../../../shared/ipc/channels/outcomes.js';

const num = (n: number | null | undefined, dp = 1): string => (n === null || n === undefined ? '–' : n.toLocaleString('en-GB', { maximumFractionDigits: dp, minimumFractionDigits: dp }));
const whole = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : n.toLocaleString('en-GB'));

/** The chart's figures as a table (its alternative), with why a figure is missing. */
export function SeriesTable({ caption, series, labels }: { caption: string; series: readonly SeriesPoint[]; labels: ReadonlyMap<string, string> }) {
  return (
    <div className="table-wrapper" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table--compact">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col" className="numeric">Count</th>
            <th scope="col" className="numeric">Denominator</th>
            <th scope="col" className="numeric">Rate per 1,000 (95% interval)</th>
            <th scope="col" className="numeric">Borough rate per 1,000</th>
            <th scope="col" className="numeric">Gap (ratio)</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.period}>
              <th scope="row">{labels.get(s.period) ?? s.period}</th>
              <td className="numeric">{s.withheld && s.count === null ? '<10' : whole(s.count)}</td>
              <td className="numeric">{whole(s.denominator)}</td>
              <td className="numeric">{s.rate === null ? '–' : `${num(s.rate)} (${num(s.ci?.lower)}–${num(s.ci?.upper)})`}</td>
              <td className="numeric">{num(s.boroughRate)}</td>
              <td className="numeric">{s.gap ? `${num(s.gap.difference)} (${s.gap.ratio === null ? '–' : num(s.gap.ratio, 2)})` : '–'}</td>
              <td>{s.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
