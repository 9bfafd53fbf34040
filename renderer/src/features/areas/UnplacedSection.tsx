import type { Vintage } from '../../../../shared/ipc/channels/areas.js';
import { formatCount } from '../../components/format.js';
import { useChannel } from './use-channel.js';

/** For analysts: how many of the latest run's households are placed on the map's LSOAs, and the postcodes no lookup knows. */
export function UnplacedSection({ vintage, refreshKey }: { vintage: Vintage; refreshKey: number }) {
  const { state } = useChannel('areas:unplaced', { vintage }, refreshKey);
  if (state.status !== 'loaded' || state.value.run === null) return null;
  const u = state.value;
  return (
    <section className="section" aria-labelledby="unplaced-heading">
      <h2 className="heading-m" id="unplaced-heading">
        Households on LSOA {u.vintage}
      </h2>
      <p className="body" data-testid="placement-summary">
        {formatCount(u.placedHouseholds)} of {formatCount(u.households)} households from linkage run {u.run} are placed on
        LSOA {u.vintage} codes by postcode. {formatCount(u.withoutPostcode)} have no postcode;{' '}
        {formatCount(u.households - u.placedHouseholds - u.withoutPostcode)} have a postcode the imported lookups do not
        know ({formatCount(u.unmatchedPostcodes)} {u.unmatchedPostcodes === 1 ? 'postcode' : 'postcodes'}).
      </p>
      {u.unmatched.length > 0 ? (
        <details className="details">
          <summary className="details__summary">Postcodes not in the LSOA {u.vintage} lookup</summary>
          <div className="details__text table-wrapper">
            <table className="table table--compact">
              <caption className="table__caption">
                Postcodes not placed{u.unmatchedPostcodes > u.unmatched.length ? ` (the ${u.unmatched.length} with the most households)` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Postcode</th>
                  <th scope="col" className="numeric">
                    Households
                  </th>
                </tr>
              </thead>
              <tbody>
                {u.unmatched.map((p) => (
                  <tr key={p.postcode}>
                    <th scope="row">{p.postcode}</th>
                    <td className="numeric">{formatCount(p.households)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="body">
            A postcode can be missing because it is new, mistyped, outside the lookup you imported (a per-area ONSPD file
            covers one postcode area), or terminated before that lookup was published.
          </p>
        </details>
      ) : null}
    </section>
  );
}
