import type { AreaProfile } from '../../../../shared/ipc/channels/areas.js';
import { formatCount } from '../../components/format.js';

export const shown = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : formatCount(n));
const withheld = (n: number | null, rounded: boolean): string => (n === null ? (rounded ? 'fewer than 10' : '–') : formatCount(n));

/** Households and persons from the baseline, and the population denominators of each release. */
export function ProfileCounts({ profile, boroughName }: { profile: AreaProfile; boroughName: string | null }) {
  return (
    <>
      <h3 className="heading-s">Households and people in the baseline</h3>
      {profile.baseline && profile.baseline.run !== null ? (
        <>
          <dl className="summary-list" data-testid="profile-baseline">
            <div className="summary-list__row">
              <dt className="summary-list__key">Households placed in the area</dt>
              <dd className="summary-list__value">{withheld(profile.baseline.households, profile.baseline.disclosure === 'rounded')}</dd>
            </div>
            <div className="summary-list__row">
              <dt className="summary-list__key">Persons in those households</dt>
              <dd className="summary-list__value">{withheld(profile.baseline.persons, profile.baseline.disclosure === 'rounded')}</dd>
            </div>
            {profile.baseline.boroughHouseholds !== null || profile.borough ? (
              <div className="summary-list__row">
                <dt className="summary-list__key">Households placed in {boroughName ?? 'the borough'}</dt>
                <dd className="summary-list__value">{withheld(profile.baseline.boroughHouseholds, profile.baseline.disclosure === 'rounded')}</dd>
              </div>
            ) : null}
            <div className="summary-list__row">
              <dt className="summary-list__key">Households not placed (no postcode, or not in the lookup)</dt>
              <dd className="summary-list__value">{withheld(profile.baseline.unplacedHouseholds, profile.baseline.disclosure === 'rounded')}</dd>
            </div>
          </dl>
          <p className="caption">
            From the latest linkage run, placed on LSOA {profile.baseline.vintage} by postcode.
            {profile.baseline.disclosure === 'rounded' ? ' Counts under 10 are withheld and the rest rounded to the nearest 5.' : ''}
          </p>
        </>
      ) : (
        <p className="body">
          {profile.baseline ? 'Nothing has been linked yet.' : 'Import a postcode to LSOA lookup to place households on LSOAs.'}
        </p>
      )}

      {profile.releases.some((r) => r.area.population) ? (
        <>
            <h3 className="heading-s">Population denominators</h3>
            <div className="table-wrapper">
              <table className="table" data-testid="profile-population">
                <caption className="table__caption visually-hidden">Population denominators published with each release</caption>
                <thead>
                  <tr>
                    <th scope="col">Release</th>
                    <th scope="col" className="numeric">
                      Total
                    </th>
                    <th scope="col" className="numeric">
                      In most deprived 10%
                    </th>
                    <th scope="col" className="numeric">
                      Children 0–15
                    </th>
                    <th scope="col" className="numeric">
                      Aged 60 and over
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {profile.releases
                    .filter((r) => r.area.population)
                    .map((r) => (
                      <tr key={r.release}>
                        <th scope="row">
                          {r.release} <span className="table__detail">{r.area.population?.label}</span>
                        </th>
                        <td className="numeric">{shown(r.area.population?.total)}</td>
                        <td className="numeric">{shown(r.area.population?.inMostDeprived10)}</td>
                        <td className="numeric">{shown(r.area.population?.children0to15)}</td>
                        <td className="numeric">{shown(r.area.population?.older60plus)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
        </>
      ) : null}
    </>
  );
}
