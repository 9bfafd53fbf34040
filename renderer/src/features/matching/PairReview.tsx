import { useEffect, useRef, useState } from 'react';
import type { DecisionKind, PairDetail, PairRecord } from '../../../../shared/ipc/channels/matching.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatIsoDate } from '../../components/format.js';
import { DECISION_LABELS } from './decision-labels.js';
import { useEngineValue } from './use-engine-value.js';
import { WaterfallChart } from './WaterfallChart.js';
import { waterfallSteps } from './waterfall.js';
import { formatProbability, formatWeight } from './weight-scale.js';

const FIELDS: ReadonlyArray<{ label: string; value(r: PairRecord): string | null }> = [
  { label: 'Forename', value: (r) => r.forename },
  { label: 'Surname', value: (r) => r.surname },
  { label: 'Date of birth', value: (r) => (r.dob ? formatIsoDate(r.dob) : null) },
  { label: 'Sex', value: (r) => r.sex },
  { label: 'Address', value: (r) => r.address },
  { label: 'Postcode', value: (r) => r.postcode },
  { label: 'UPRN', value: (r) => r.uprn },
  { label: 'NHS number', value: (r) => r.nhsNumber },
  { label: 'National Insurance number', value: (r) => r.nino },
  { label: 'UPN', value: (r) => r.upn },
  { label: 'File', value: (r) => r.source },
  { label: 'Sheet and row', value: (r) => `${r.sheet ? `${r.sheet}, ` : ''}row ${r.rowNumber}` },
  { label: 'Person ID now', value: (r) => r.personId },
];

/** Ignoring case and spacing, which say nothing about identity. */
const sameText = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim().toUpperCase() === b.replace(/\s+/g, ' ').trim().toUpperCase();

function SideBySide({ pair }: { pair: PairDetail }) {
  return (
    <div className="table-wrapper">
      <table className="table" data-testid="pair-records">
        <caption className="visually-hidden">The two records side by side</caption>
        <thead>
          <tr>
            <th scope="col">Detail</th>
            <th scope="col">First record</th>
            <th scope="col">Second record</th>
            <th scope="col">Same?</th>
          </tr>
        </thead>
        <tbody>
          {FIELDS.map((f) => {
            const a = f.value(pair.a);
            const b = f.value(pair.b);
            return (
              <tr key={f.label}>
                <th scope="row">{f.label}</th>
                <td>{a ?? <span className="secondary-text">Not given</span>}</td>
                <td>{b ?? <span className="secondary-text">Not given</span>}</td>
                <td>{a === null || b === null || f.label === 'Sheet and row' ? '' : sameText(a, b) ? 'Same' : <strong>Different</strong>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface PairReviewProps {
  recordA: number;
  recordB: number;
  onDecided(decision: DecisionKind): void;
  /** opens the next pair in the list, when there is one */
  onNext: (() => void) | null;
  onClose(): void;
}

/** One pair: both records, why it scored as it did, and the reviewer's decision. */
export function PairReview({ recordA, recordB, onDecided, onNext, onClose }: PairReviewProps) {
  const { state } = useEngineValue('matching:pair', { recordA, recordB });
  const heading = useRef<HTMLHeadingElement>(null);
  const [decision, setDecision] = useState<DecisionKind | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => heading.current?.focus(), [recordA, recordB]);
  const current = decision ?? (state.status === 'loaded' ? state.value.decision : null);

  const decide = async (kind: DecisionKind) => {
    setSaving(true);
    setProblem(null);
    try {
      await workbench.call('matching:decide', { recordA, recordB, decision: kind });
      setDecision(kind);
      onDecided(kind);
    } catch (error) {
      setProblem(plainErrorMessage(error, 'Only analysts can decide pairs.'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="pair-review" aria-labelledby="pair-heading" data-testid="pair-review">
      <h3 className="heading-s" id="pair-heading" tabIndex={-1} ref={heading}>
        Records {recordA} and {recordB}
      </h3>
      {state.status === 'loading' ? (
        <p className="body" role="status">
          Loading the two records…
        </p>
      ) : state.status === 'failed' ? (
        <ErrorSummary title="The pair could not be shown" errors={[{ message: state.message }]} />
      ) : (
        <>
          <p className="body">
            Match weight {formatWeight(state.value.matchWeight)}, a match probability of {formatProbability(state.value.probability)} in run{' '}
            {state.value.run}.
          </p>
          <SideBySide pair={state.value} />
          <h4 className="heading-s">Why it scored as it did</h4>
          <WaterfallChart steps={waterfallSteps(state.value.priorWeight, state.value.comparisons)} />
          <details className="details">
            <summary className="details__summary">Show the weights as a table</summary>
            <div className="details__text table-wrapper">
              <table className="table" data-testid="waterfall-table">
                <caption className="visually-hidden">Weight of each detail for this pair</caption>
                <thead>
                  <tr>
                    <th scope="col">Detail</th>
                    <th scope="col">How the records compare</th>
                    <th scope="col" className="numeric">
                      Weight
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Starting point</th>
                    <td>how likely any two records are to match</td>
                    <td className="numeric">{formatWeight(state.value.priorWeight)}</td>
                  </tr>
                  {state.value.comparisons.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">{c.name}</th>
                      <td>{c.level}</td>
                      <td className="numeric">{formatWeight(c.weight)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Match weight</th>
                    <td>the total</td>
                    <td className="numeric">{formatWeight(state.value.matchWeight)}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </details>
          {state.value.termFrequencies === 'not applied' ? (
            <p className="body secondary-text">This pair was scored again just now, without adjusting for how common each name is.</p>
          ) : null}
          <h4 className="heading-s" id="decision-heading">
            Are these the same person?
          </h4>
          {problem ? <ErrorSummary title="The decision was not saved" errors={[{ message: problem }]} /> : null}
          <div className="button-group" role="group" aria-labelledby="decision-heading">
            {(Object.keys(DECISION_LABELS) as DecisionKind[]).map((kind) => (
              <button
                key={kind}
                type="button"
                className={`button ${kind === 'match' ? '' : 'button--secondary'}`}
                aria-pressed={current === kind}
                disabled={saving}
                onClick={() => void decide(kind)}
              >
                {DECISION_LABELS[kind]}
              </button>
            ))}
          </div>
          <p className="body" role="status" data-testid="decision-status">
            {current === 'unsure'
              ? 'Your decision: unsure. It is kept, and matching goes by the scores for this pair.'
              : current
                ? `Your decision: ${DECISION_LABELS[current].toLowerCase()}. It is kept and used every time matching runs, starting with the next run.`
                : 'No decision yet.'}
          </p>
        </>
      )}
      <div className="button-group">
        {onNext ? (
          <button type="button" className="button button--secondary" onClick={onNext}>
            Next pair
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={onClose}>
          Back to the review list
        </button>
      </div>
    </section>
  );
}
