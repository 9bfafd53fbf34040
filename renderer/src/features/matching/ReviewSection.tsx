import { useRef, useState } from 'react';
import type { DecisionKind } from '../../../../shared/ipc/channels/matching.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { formatCount } from '../../components/format.js';
import { Pagination } from '../../components/Pagination.js';
import { DECISION_LABELS } from './decision-labels.js';
import { PairReview } from './PairReview.js';
import { useEngineValue } from './use-engine-value.js';
import { formatProbability } from './weight-scale.js';

const PAGE_SIZE = 20;

interface PairKey {
  recordA: number;
  recordB: number;
}

interface ReviewSectionProps {
  /** the band tried on the sliders, as probabilities */
  threshold: number;
  reviewFrom: number;
  refreshKey: number;
  onDecided(): void;
}

export function ReviewSection({ threshold, reviewFrom, refreshKey, onDecided }: ReviewSectionProps) {
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<PairKey | null>(null);
  // the list as it was when a pair was opened: "Next pair" walks it even as decided pairs leave the list
  const [queue, setQueue] = useState<PairKey[]>([]);
  const [undecidedOnly, setUndecidedOnly] = useState(false);
  const [decided, setDecided] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const { state } = useEngineValue(
    'matching:reviewList',
    { threshold, reviewFrom, undecidedOnly, startRow: page * PAGE_SIZE, endRow: (page + 1) * PAGE_SIZE },
    refreshKey + decided,
  );

  const at = open ? queue.findIndex((i) => i.recordA === open.recordA && i.recordB === open.recordB) : -1;
  const next = at >= 0 ? (queue[at + 1] ?? null) : null;
  const openPair = (pair: PairKey) => {
    if (state.status === 'loaded' && state.value) setQueue(state.value.items.map((i) => ({ recordA: i.recordA, recordB: i.recordB })));
    setOpen(pair);
  };

  return (
    <section className="section" aria-labelledby="review-heading">
      <h2 className="heading-m" id="review-heading" tabIndex={-1} ref={heading}>
        Review pairs
      </h2>
      <p className="body">
        These pairs scored between {formatProbability(reviewFrom)} and {formatProbability(threshold)}: the evidence is not strong enough
        either way. Look at both records and decide. Your decisions are kept and used every time matching runs: a match joins the two
        records into one person, and not a match keeps them apart, whatever the scores say.
      </p>
      {open ? null : (
        <div className="form-group matching-checkbox">
          <input
            className="matching-checkbox__input"
            type="checkbox"
            id="undecided-only"
            checked={undecidedOnly}
            onChange={(event) => {
              setUndecidedOnly(event.target.checked);
              setPage(0);
            }}
          />
          <label className="matching-checkbox__label" htmlFor="undecided-only">
            Show only pairs nobody has decided yet
          </label>
        </div>
      )}
      {open ? (
        <PairReview
          key={`${open.recordA}-${open.recordB}`}
          recordA={open.recordA}
          recordB={open.recordB}
          onDecided={(_kind: DecisionKind) => {
            setDecided((n) => n + 1);
            onDecided();
          }}
          onNext={next ? () => setOpen(next) : null}
          onClose={() => {
            setOpen(null);
            // back where the reviewer left: the list's heading, not the top of the page
            requestAnimationFrame(() => heading.current?.focus());
          }}
        />
      ) : state.status === 'loading' ? (
        <p className="body" role="status">
          Loading the pairs to review…
        </p>
      ) : state.status === 'failed' ? (
        <ErrorSummary title="The pairs to review could not be loaded" errors={[{ message: state.message }]} />
      ) : state.value === null || state.value.total === 0 ? (
        <p className="body" data-testid="review-empty">
          {undecidedOnly ? 'Every pair in the review band has been decided.' : 'No pairs fall in the review band.'}
        </p>
      ) : (
        <>
          <p className="body" data-testid="review-total">
            {formatCount(state.value.total)} pairs to review, highest scores first.
          </p>
          <div className="table-wrapper">
            <table className="table" data-testid="review-table">
              <caption className="visually-hidden">Pairs to review</caption>
              <thead>
                <tr>
                  <th scope="col">Records</th>
                  <th scope="col">From</th>
                  <th scope="col" className="numeric">
                    Match probability
                  </th>
                  <th scope="col">Decision</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.value.items.map((item) => (
                  <tr key={`${item.recordA}-${item.recordB}`}>
                    <th scope="row">
                      {item.recordA} and {item.recordB}
                    </th>
                    <td>
                      {item.sourceA}
                      {item.sourceB !== item.sourceA ? ` and ${item.sourceB}` : ' (both)'}
                    </td>
                    <td className="numeric">{formatProbability(item.probability)}</td>
                    <td>{item.decision ? DECISION_LABELS[item.decision] : 'Not decided'}</td>
                    <td>
                      <button type="button" className="link-button" onClick={() => openPair({ recordA: item.recordA, recordB: item.recordB })}>
                        Review<span className="visually-hidden"> records {item.recordA} and {item.recordB}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination label="Review pages" page={page} pageCount={Math.ceil(state.value.total / PAGE_SIZE)} onPage={setPage} />
        </>
      )}
    </section>
  );
}
