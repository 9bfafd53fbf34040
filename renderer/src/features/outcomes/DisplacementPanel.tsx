import type { Displacement } from '../../../../shared/ipc/channels/outcomes.js';

const num = (n: number | null): string => (n === null ? '–' : n.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }));
const people = (n: number | null): string => (n === null ? '<10' : n.toLocaleString('en-GB'));

/** The same people's outcomes beside the area's: how much of the change comes from moves. */
export function DisplacementPanel({ d, labels }: { d: Displacement; labels: ReadonlyMap<string, string> }) {
  const from = labels.get(d.baselinePeriod) ?? d.baselinePeriod;
  const to = labels.get(d.latestPeriod) ?? d.latestPeriod;
  const rows: Array<[string, Displacement['stayed']]> = [
    ['Stayed in the area', d.stayed],
    ['Moved out (where they live now)', d.movedOut],
    ['Moved in', d.movedIn],
    ['Everyone who lived here at the start, wherever they live now', d.samePeople],
  ];
  return (
    <section aria-labelledby="displacement-heading" data-testid="displacement">
      <h3 className="heading-s" id="displacement-heading">
        Is it the same people? (moves in and out)
      </h3>
      <p className="body">
        The area's rate went from {num(d.areaBefore.rateBefore)} ({from}, {people(d.areaBefore.people)} people) to {num(d.areaAfter.rateAfter)} ({to},{' '}
        {people(d.areaAfter.people)} people): a change of {num(d.changeInArea)}. For the same people it changed by {num(d.changeSamePeople)}.{' '}
        {d.changeFromMoves === null ? '' : `${num(d.changeFromMoves)} of the area's change comes from people moving in and out.`}
      </p>
      <div className="table-wrapper" tabIndex={0} role="region" aria-label="Rates by who moved">
        <table className="table table--compact">
          <caption className="table__caption">Rates per 1,000 by who moved, {from} and {to}</caption>
          <thead>
            <tr>
              <th scope="col">People</th>
              <th scope="col" className="numeric">Number</th>
              <th scope="col" className="numeric">Rate in {from}</th>
              <th scope="col" className="numeric">Rate in {to}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, g]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="numeric">{people(g.people)}</td>
                <td className="numeric">{num(g.rateBefore)}</td>
                <td className="numeric">{num(g.rateAfter)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="caption">{d.note}</p>
    </section>
  );
}
