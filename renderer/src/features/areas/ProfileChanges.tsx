import type { AreaProfile } from '../../../../shared/ipc/channels/areas.js';
import { WarningText } from '../../components/WarningText.js';
import { formatCount } from '../../components/format.js';
import { decileChangeText } from './area-text.js';

/** Change between consecutive releases, by rank and decile only, with each pair's caveats beside it. */
export function ProfileChanges({ changes }: { changes: AreaProfile['changes'] }) {
  if (changes.length === 0) return null;
  return (
    <>
          <h3 className="heading-s">Change between releases (ranks and deciles only)</h3>
          {changes.map((c) => (
            <div className="change" key={`${c.from}-${c.to}`}>
              <h4 className="heading-s">
                {c.from} → {c.to}
              </h4>
              <ul className="list">
                <li>
                  LSOAs in England's most deprived 10%: {c.area.mostDeprived10.from.value} in {c.from} (LSOA {c.area.mostDeprived10.from.vintage}) →{' '}
                  {c.area.mostDeprived10.to.value} in {c.to} (LSOA {c.area.mostDeprived10.to.vintage})
                </li>
                <li>
                  Of {c.area.comparableLsoas} LSOAs comparable like for like: {c.area.moreDeprivedDecile} moved to a more deprived decile,{' '}
                  {c.area.lessDeprivedDecile} to a less deprived decile, {c.area.sameDecile} stayed in the same decile.
                </li>
                {c.area.flagged.length > 0 ? (
                  <li>
                    Not compared: {c.area.flagged.map((f) => `${f.lsoa} (${f.reason})`).join('; ')}.
                  </li>
                ) : null}
              </ul>
              {c.area.caveats.map((cv) => (
                <WarningText key={cv}>{cv}</WarningText>
              ))}
              {c.area.lsoas.length > 0 ? (
                <details className="details">
                  <summary className="details__summary">Rank and decile change per LSOA</summary>
                  <div className="details__text table-wrapper">
                    <table className="table table--compact">
                      <caption className="table__caption visually-hidden">
                        Change per LSOA, {c.from} to {c.to}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">LSOA</th>
                          <th scope="col" className="numeric">
                            {c.from} rank (decile)
                          </th>
                          <th scope="col" className="numeric">
                            {c.to} rank (decile)
                          </th>
                          <th scope="col">Decile change</th>
                        </tr>
                      </thead>
                      <tbody>
                        {c.area.lsoas.map((l) => (
                          <tr key={l.lsoa}>
                            <th scope="row">{l.lsoa === l.toLsoa ? l.lsoa : `${l.lsoa} → ${l.toLsoa}`}</th>
                            <td className="numeric">
                              {formatCount(l.from.rank)} ({l.from.decile})
                            </td>
                            <td className="numeric">
                              {formatCount(l.to.rank)} ({l.to.decile})
                            </td>
                            <td>{decileChangeText(l.decileChange)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              ) : null}
            </div>
          ))}
    </>
  );
}
