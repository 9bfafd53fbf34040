import type { AreaProfile } from '../../../../shared/ipc/channels/areas.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { WarningText } from '../../components/WarningText.js';
import { formatCount } from '../../components/format.js';
import { ProfileChanges } from './ProfileChanges.js';
import { ProfileChart } from './ProfileChart.js';
import { ProfileCounts, shown } from './ProfileCounts.js';
import { useChannel } from './use-channel.js';

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
  const latest = profile.releases[profile.releases.length - 1];
  const boroughName = profile.borough ? (profile.borough.names[0] ?? profile.borough.code) : null;
  const chartRows = profile.releases.flatMap((r) => [
    ...(r.area.imd ? [{ label: `${r.release} ${profile.area.name}`, decileCounts: r.area.imd.decileCounts }] : []),
    ...(r.borough?.imd && boroughName ? [{ label: `${r.release} ${boroughName}`, decileCounts: r.borough.imd.decileCounts }] : []),
  ]);
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

      {chartRows.length > 0 ? <ProfileChart figures={chartRows} caption={`${profile.area.name}${boroughName ? ` and ${boroughName}` : ''}: LSOAs by national IMD decile, per release`} /> : null}

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

      {latest ? <LsoaTable release={latest} /> : null}
      <ProfileChanges changes={profile.changes} />
      <ProfileCounts profile={profile} boroughName={boroughName} />
    </>
  );
}

const CHANGE_WORDS: Record<string, string> = { S: 'split', M: 'merged', X: 'changed irregularly', 'best-fit': 'placed by best fit' };

/** The area's LSOAs in the latest release, with boundary changes on the way from the area's vintage. */
function LsoaTable({ release }: { release: AreaProfile['releases'][number] }) {
  return (
    <details className="details">
      <summary className="details__summary">
        The area's {release.area.lsoaFigures.length} LSOAs in {release.release} (LSOA {release.vintage})
      </summary>
      <div className="details__text table-wrapper">
        <table className="table table--compact" data-testid="profile-lsoas">
          <caption className="table__caption visually-hidden">
            LSOAs in {release.release}
          </caption>
          <thead>
            <tr>
              <th scope="col">LSOA</th>
              <th scope="col" className="numeric">
                IMD rank
              </th>
              <th scope="col" className="numeric">
                Decile
              </th>
              <th scope="col">Boundary</th>
            </tr>
          </thead>
          <tbody>
            {release.area.lsoaFigures.map((f) => (
              <tr key={f.lsoa}>
                <th scope="row">{f.name ? `${f.name} (${f.lsoa})` : f.lsoa}</th>
                <td className="numeric">{shown(f.imdRank)}</td>
                <td className="numeric">{shown(f.imdDecile)}</td>
                <td>{f.changed ? `${CHANGE_WORDS[f.changed] ?? f.changed} (from ${f.carriedFrom.join(', ')})` : 'unchanged'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
