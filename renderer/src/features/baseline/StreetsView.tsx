import { useEngineValue } from '../matching/use-engine-value.js';
import { formatCount } from '../../components/format.js';

const shown = (n: number | null): string => (n === null ? 'Fewer than 10' : formatCount(n));

/** Households, people and children per ward, then per street: exact for analysts, small numbers hidden for others. */
export function StreetsView() {
  const { state } = useEngineValue('baseline:streets', {});
  return (
    <>
      <WardsView />
      <section className="section" aria-labelledby="baseline-streets-heading">
        <h2 className="heading-m" id="baseline-streets-heading">
          Streets
        </h2>
        {state.status === 'loading' ? (
          <p className="body" role="status">Loading…</p>
        ) : state.status === 'failed' ? (
          <p className="body">{state.message}</p>
        ) : state.value.run === null ? (
          <p className="body">Run matching first: there are no households yet.</p>
        ) : (
          <>
            {state.value.suppressed ? <p className="body">Counts under 10 are hidden, and one more where a total would reveal them.</p> : null}
            <div className="table-wrapper streets-table">
              <table className="table" data-testid="baseline-streets">
                <thead>
                  <tr>
                    <th scope="col">Street</th>
                    <th scope="col">Area (LSOA)</th>
                    <th scope="col" className="numeric">Households</th>
                    <th scope="col" className="numeric">People</th>
                    <th scope="col" className="numeric">Children</th>
                  </tr>
                </thead>
                <tbody>
                  {state.value.rows.map((r) => (
                    <tr key={`${r.street ?? ''}|${r.lsoa ?? ''}`}>
                      <td>{r.street ?? 'No street known'}</td>
                      <td>{r.lsoa ?? 'Not placed'}</td>
                      <td className="numeric">{shown(r.households)}</td>
                      <td className="numeric">{shown(r.persons)}</td>
                      <td className="numeric">{shown(r.children)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}

function WardsView() {
  const { state } = useEngineValue('baseline:wards', {});
  if (state.status !== 'loaded' || state.value.run === null) return null;
  return (
    <section className="section" aria-labelledby="baseline-wards-heading">
      <h2 className="heading-m" id="baseline-wards-heading">
        Wards
      </h2>
      {state.value.wardYear === null ? (
        <p className="body">Import an LSOA to ward lookup (Areas &amp; IMD) to see households by ward.</p>
      ) : (
        <>
          <p className="body">
            By the {state.value.wardYear} wards.{state.value.suppressed ? ' Counts under 10 are hidden, and one more where a total would reveal them.' : ''}
          </p>
          <div className="table-wrapper streets-table">
            <table className="table" data-testid="baseline-wards">
              <thead>
                <tr>
                  <th scope="col">Ward</th>
                  <th scope="col" className="numeric">Households</th>
                  <th scope="col" className="numeric">People</th>
                  <th scope="col" className="numeric">Children</th>
                </tr>
              </thead>
              <tbody>
                {state.value.rows.map((r) => (
                  <tr key={r.wardCode ?? ''}>
                    <td>{r.wardCode ? `${r.wardName ?? r.wardCode} (${r.wardCode})` : 'Not placed in a ward'}</td>
                    <td className="numeric">{shown(r.households)}</td>
                    <td className="numeric">{shown(r.persons)}</td>
                    <td className="numeric">{shown(r.children)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
