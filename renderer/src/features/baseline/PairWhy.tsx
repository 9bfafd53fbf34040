import { useState } from 'react';
import type { PairDetail } from '../../../../shared/ipc/channels/matching.js';
import { workbench } from '../../api/client.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { WaterfallChart } from '../matching/WaterfallChart.js';
import { waterfallSteps } from '../matching/waterfall.js';

/**
 * Why two of a person's records were scored as they were: the pair's waterfall (each comparison
 * moving the match weight for or against) and the same figures as a table, loaded when opened.
 */
export function PairWhy({ pairId, recordA, recordB }: { pairId: string; recordA: number; recordB: number }) {
  const [detail, setDetail] = useState<PairDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = (open: boolean): void => {
    if (!open || detail || problem) return;
    workbench.call('matching:pair', { recordA, recordB }).then(setDetail, (error: unknown) => setProblem(plainErrorMessage(error)));
  };
  return (
    <details className="details" onToggle={(event) => load(event.currentTarget.open)} data-testid="pair-why">
      <summary className="details__summary">
        <span className="details__summary-text">
          Why<span className="visually-hidden"> records {pairId} scored as they did</span>
        </span>
      </summary>
      <div className="details__text">
        {problem ? <p className="body">{problem}</p> : null}
        {!detail && !problem ? (
          <p className="body" role="status">
            Loading…
          </p>
        ) : null}
        {detail ? (
          <>
            <WaterfallChart steps={waterfallSteps(detail.priorWeight, detail.comparisons)} />
            <table className="table">
              <caption className="table__caption">Each comparison’s weight (bits)</caption>
              <thead>
                <tr>
                  <th scope="col">Compared</th>
                  <th scope="col">Outcome</th>
                  <th scope="col" className="numeric">Weight</th>
                </tr>
              </thead>
              <tbody>
                {detail.comparisons.map((c) => (
                  <tr key={c.name}>
                    <td>{c.name}</td>
                    <td>{c.level}</td>
                    <td className="numeric">{c.weight.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </details>
  );
}
