import type { AreaProfile, IndexFigure } from '../../../../shared/ipc/channels/areas.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { WarningText } from '../../components/WarningText.js';
import { formatCount } from '../../components/format.js';
import { decileChangeText } from './area-text.js';
import { ProfileChart } from './ProfileChart.js';
import { useChannel } from './use-channel.js';

const shown = (n: number | null | undefined): string => (n === null || n === undefined ? '–' : formatCount(n));
const withheld = (n: number | null, rounded: boolean): string => (n === null ? (rounded ? 'fewer than 10' : '–') : formatCount(n));

/** The profile of one area (and the borough) across every imported IoD release. */
export function ProfileView({ name, onClose }: { name: string; onClose(): void }) {
  const { state, reload } = useChannel('areas:profile', { name });
  return (
    <section className="section profile" aria-labelledby="profile-heading">
      <FocusHeading level={2} id="profile-heading">
        Profile: {name}
      </FocusHeading>
      <button type="button" className="button button--secondary" onClick={onClose}>
        Close the profile
      </button>
      {state.status === 'loading' ? (
        <p className="body" role="status">
          Working out the profile…
        </p>
      ) : null}
      {state.status === 'failed' ? (
        <>
          <ErrorSummary title="The profile could not be made" errors={[{ message: state.message }]} />
          <button type="button" className="button button--secondary" onClick={reload}>
            Try again
          </button>
        </>
      ) : null}
      {state.status === 'loaded' ? <Profile profile={state.value} /> : null}
    </section>
  );
}

function Profile({ profile }: { profile: AreaProfile }) {
  const figures = profile.releases.map((r) => r.area.imd).filter((f): f is IndexFigure => f !== null);
  const latest = profile.releases[profile.releases.length - 1];
  const boroughName = profile.borough ? (profile.borough.names[0] ?? profile.borough.code) : null;
  return (
    <>
      <p className="body">
        {profile.area.lsoas.length} LSOA {profile.area.vintage} codes{profile.area.origin ? `, ${profile.area.origin}` : ''}
        {profile.area.effectiveDate ? `, from ${profile.area.effectiveDate}` : ''}. Each release is shown on its own LSOA
        vintage; the area is carried across through the ONS lookups.
      </p>
      <div className="inset" data-testid="profile-caveats">
        <h3 className="heading-s">How to read these figures</h3>
        <ul className="list">
          {profile.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </div>
      {profile.warnings.length > 0 ? (
        <details className="details">
          <summary className="details__summary">
            {profile.warnings.length} {profile.warnings.length === 1 ? 'warning' : 'warnings'} about boundary changes and missing data
          </summary>
          <div className="details__text">
            {profile.warnings.map((w) => (
              <WarningText key={w}>{w}</WarningText>
            ))}
          </div>
        </details>
      ) : null}

      <h3 className="heading-s">Position in each release</h3>
      <div className="table-wrapper">
        <table className="table" data-testid="profile-releases">
          <caption className="table__caption visually-hidden">LSOAs in England's most deprived 10% and 20%, per release</caption>
          <thead>
            <tr>
              <th scope="col">Release (LSOA vintage)</th>
              <th scope="col" className="numeric">
                LSOAs with data
              </th>
              <th scope="col" className="numeric">
                In England's most deprived 10%
              </th>
              <th scope="col" className="numeric">
                In most deprived 20%
              </th>
              <th scope="col" className="numeric">
                Median IMD rank
              </th>
              {boroughName ? (
                <th scope="col" className="numeric">
                  {boroughName}: most deprived 10% / 20%
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {profile.releases.map((r) => (
              <tr key={r.release}>
                <th scope="row">
                  {r.release} (LSOA {r.vintage})
                  {r.area.lsoaFigures.some((f) => f.changed) ? <span className="table__detail">boundary changes flagged</span> : null}
                </th>
                <td className="numeric">
                  {r.area.lsoasWithData} of {r.area.lsoas}
                </td>
                <td className="numeric">{shown(r.area.imd?.mostDeprived10)}</td>
                <td className="numeric">{shown(r.area.imd?.mostDeprived20)}</td>
                <td className="numeric">{shown(r.area.imd?.medianRank)}</td>
                {boroughName ? (
                  <td className="numeric">
                    {r.borough ? `${shown(r.borough.imd?.mostDeprived10)} / ${shown(r.borough.imd?.mostDeprived20)} of ${r.borough.lsoas}` : '–'}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {figures.length > 0 ? <ProfileChart figures={figures} caption={`${profile.area.name}: LSOAs by national IMD decile, per release`} /> : null}

      {latest && latest.area.domains.length > 0 ? (
        <>
          <h3 className="heading-s">
            Domains in {latest.release} (LSOA {latest.vintage})
          </h3>
          <div className="table-wrapper">
            <table className="table" data-testid="profile-domains">
              <caption className="table__caption visually-hidden">Domain breakdown</caption>
              <thead>
                <tr>
                  <th scope="col">Domain or index</th>
                  <th scope="col" className="numeric">
                    In most deprived 10%
                  </th>
                  <th scope="col" className="numeric">
                    In most deprived 20%
                  </th>
                  <th scope="col" className="numeric">
                    Median rank
                  </th>
                  {boroughName ? (
                    <th scope="col" className="numeric">
                      {boroughName}: most deprived 10%
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {latest.area.domains.map((d) => (
                  <tr key={d.indicator}>
                    <th scope="row">{d.label}</th>
                    <td className="numeric">{d.mostDeprived10}</td>
                    <td className="numeric">{d.mostDeprived20}</td>
                    <td className="numeric">{shown(d.medianRank)}</td>
                    {boroughName ? <td className="numeric">{shown(latest.borough?.domains.find((b) => b.indicator === d.indicator)?.mostDeprived10)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {profile.changes.length > 0 ? (
        <>
          <h3 className="heading-s">Change between releases (ranks and deciles only)</h3>
          {profile.changes.map((c) => (
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
      ) : null}

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
