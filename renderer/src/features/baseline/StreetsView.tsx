import { useEngineValue } from '../matching/use-engine-value.js';
import { formatCount } from '../../components/format.js';

const shown = (n: number | null): string => (n === null ? 'Fewer than 10' : formatCount(n));

/** Households, people and children per street: exact for analysts, small numbers hidden for others. */
export function StreetsView() {
  const { state } = useEngineValue('baseline:streets', {});
  return (
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
  );
}
