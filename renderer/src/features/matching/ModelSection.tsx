import { ErrorSummary } from '../../components/ErrorSummary.js';
import { MatchWeightsChart } from './MatchWeightsChart.js';
import { useEngineValue } from './use-engine-value.js';
import { formatWeight } from './weight-scale.js';

/** m and u are probabilities, often tiny: shown to 3 significant figures. */
const figure = (value: number | null): string => (value === null ? '–' : Number(value.toPrecision(3)).toString());

export function ModelSection({ refreshKey }: { refreshKey: number }) {
  const { state } = useEngineValue('matching:model', {}, refreshKey);
  return (
    <section className="section" aria-labelledby="model-heading">
      <h2 className="heading-m" id="model-heading">
        How much each detail counts
      </h2>
      {state.status === 'loading' ? (
        <p className="body" role="status">
          Loading the model…
        </p>
      ) : state.status === 'failed' ? (
        <ErrorSummary title="The model could not be loaded" errors={[{ message: state.message }]} />
      ) : (
        <>
          <p className="body">
            {state.value.trained
              ? `Learned from the records in run ${state.value.run}, without any labelled examples.`
              : 'These are the starting values. Matching learns its own from your records when it runs.'}{' '}
            For each detail, agreeing or disagreeing adds to or takes from the match weight. Missing details count for nothing.
          </p>
          <MatchWeightsChart model={state.value} />
          <details className="details">
            <summary className="details__summary">Show the figures as a table</summary>
            <div className="details__text table-wrapper">
              <table className="table" data-testid="model-table">
                <caption className="visually-hidden">Match weight of each comparison level, with m and u</caption>
                <thead>
                  <tr>
                    <th scope="col">Detail and how the two records compare</th>
                    <th scope="col" className="numeric">
                      m (share of true matches)
                    </th>
                    <th scope="col" className="numeric">
                      u (share of other pairs)
                    </th>
                    <th scope="col" className="numeric">
                      Match weight
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {state.value.comparisons.flatMap((c) =>
                    c.levels
                      .filter((l) => !l.missing)
                      .map((l) => (
                        <tr key={`${c.name}:${l.label}`}>
                          <th scope="row">
                            {c.name}: {l.label}
                            {l.termFrequency ? <span className="matching-detail">Common values count for less, rare ones for more</span> : null}
                          </th>
                          <td className="numeric">{figure(l.m)}</td>
                          <td className="numeric">{figure(l.u)}</td>
                          <td className="numeric">
                            {formatWeight(l.weight)}
                            {l.weightSamePostcode !== null ? <span className="matching-detail">{formatWeight(l.weightSamePostcode)} at one postcode</span> : null}
                          </td>
                        </tr>
                      )),
                  )}
                </tbody>
              </table>
              {state.value.priorWeight !== null ? (
                <p className="body">Starting point (how likely any two records are to match): {formatWeight(state.value.priorWeight)}.</p>
              ) : null}
            </div>
          </details>
        </>
      )}
    </section>
  );
}
