import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { REVIEW_SCENARIOS, type PairCluster, type QueueEntry } from '../../../../shared/ipc/channels/baseline.js';
import { SelectField } from '../../components/SelectField.js';
import type { DecisionKind } from '../../../../shared/ipc/channels/matching.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatIsoDate } from '../../components/format.js';
import './baseline.css';

const KEYS: Record<string, DecisionKind> = { m: 'match', n: 'non-match', u: 'unsure' };
const SCENARIO_LABELS: Record<(typeof REVIEW_SCENARIOS)[number], string> = {
  any: 'Every pair',
  'same-name-dob-different-postcode': 'Same name and date of birth, different postcode',
  'same-name-different-dob': 'Same name, different date of birth',
  'same-dob-different-name': 'Same date of birth, different name',
};
const LABELS: Record<DecisionKind, string> = { match: 'Same person', 'non-match': 'Not the same person', unsure: 'Unsure' };

interface Done {
  id: string;
  decision: DecisionKind;
  previous: DecisionKind | null;
}

const person = (r: QueueEntry['a']): string => `${[r.forename, r.surname].filter(Boolean).join(' ') || 'No name'}, ${r.dob ? formatIsoDate(r.dob) : 'no date of birth'}`;

/**
 * The review queue worked from the keyboard: one key per decision, next and previous, undo and a
 * note, with focus kept on the queue after every key. One entry per pair of people, however many
 * months of extracts repeat them.
 */
/** The review queue of the latest run (`run`): a new run, or a new `refreshKey` (a saved band), reloads it. */
export function KeyboardReview({ run, refreshKey = 0, onDecided }: { run: number; refreshKey?: number; onDecided(): void }) {
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [at, setAt] = useState(0);
  const [done, setDone] = useState<Done[]>([]);
  const [decisions, setDecisions] = useState<Record<string, DecisionKind | null>>({});
  const [note, setNote] = useState('');
  const [cluster, setCluster] = useState<PairCluster | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [scenario, setScenario] = useState<(typeof REVIEW_SCENARIOS)[number]>('any');
  const panel = useRef<HTMLDivElement>(null);
  const noteField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setEntries(null);
    setDone([]);
    setDecisions({});
    workbench.call('review:queue', { limit: 200, scenario }).then(
      (q) => {
        setEntries(q?.entries ?? []);
        setTotal(q?.total ?? 0);
        setAt(0);
      },
      (e: unknown) => setError(plainErrorMessage(e)),
    );
  }, [scenario, run, refreshKey]);

  const current = entries?.[at] ?? null;
  useEffect(() => setCluster(null), [at]);

  const decide = (decision: DecisionKind): void => {
    if (!current) return;
    const id = current.id;
    workbench.call('review:decide', { id, decision, ...(note.trim() ? { note: note.trim() } : {}) }).then(
      (r) => {
        setDone((d) => [...d, { id, decision, previous: r.previous }]);
        setDecisions((m) => ({ ...m, [id]: decision }));
        setNote('');
        setSaid(`${LABELS[decision]}: pair ${at + 1} of ${entries?.length ?? 0}.`);
        setAt((i) => Math.min(i + 1, (entries?.length ?? 1) - 1));
        onDecided();
        panel.current?.focus();
      },
      (e: unknown) => setError(plainErrorMessage(e)),
    );
  };
  const undo = (): void => {
    const last = done[done.length - 1];
    if (!last) return;
    const call = last.previous ? workbench.call('review:decide', { id: last.id, decision: last.previous }) : workbench.call('review:clear', { id: last.id });
    call.then(
      () => {
        setDone((d) => d.slice(0, -1));
        setDecisions((m) => ({ ...m, [last.id]: last.previous }));
        const index = entries?.findIndex((e) => e.id === last.id) ?? -1;
        if (index >= 0) setAt(index);
        setSaid(`Undone: pair ${index + 1} is ${last.previous ? LABELS[last.previous].toLowerCase() : 'not decided'} again.`);
        onDecided();
        panel.current?.focus();
      },
      (e: unknown) => setError(plainErrorMessage(e)),
    );
  };
  const showCluster = (): void => {
    if (!current) return;
    workbench.call('review:cluster', { id: current.id }).then(setCluster, (e: unknown) => setError(plainErrorMessage(e)));
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== panel.current || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    const decision = KEYS[key];
    if (decision) decide(decision);
    else if (key === 'j' || key === 'arrowdown') setAt((i) => Math.min(i + 1, (entries?.length ?? 1) - 1));
    else if (key === 'k' || key === 'arrowup') setAt((i) => Math.max(i - 1, 0));
    else if (key === 'z') undo();
    else if (key === 'e') noteField.current?.focus();
    else if (key === 'c') showCluster();
    else return;
    event.preventDefault();
  };

  return (
    <section className="section" aria-labelledby="keyboard-review-heading">
      <h2 className="heading-m" id="keyboard-review-heading">
        Review by keyboard
      </h2>
      <p className="body" id="keyboard-review-keys">
        Select the pair below, then press M for the same person, N for not the same person, U for unsure, J or ↓ for the next pair, K or ↑ for the
        previous one, Z to undo the last decision, E to write a note (Enter returns) and C to see every record the pair would join.
      </p>
      {error ? <ErrorSummary title="That did not work" errors={[{ message: error }]} /> : null}
      <SelectField
        id="keyboard-review-scenario"
        label="Pairs to show"
        value={scenario}
        onChange={(v) => setScenario(v as (typeof REVIEW_SCENARIOS)[number])}
        options={REVIEW_SCENARIOS.map((s) => ({ value: s, label: SCENARIO_LABELS[s] }))}
      />
      <p className="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
      {entries === null ? (
        <p className="body" role="status">Loading the pairs to review…</p>
      ) : entries.length === 0 ? (
        <p className="body" data-testid="keyboard-review-empty">No pairs of people are waiting for review.</p>
      ) : (
        <>
          <p className="body" data-testid="keyboard-review-progress">
            Pair {at + 1} of {entries.length}
            {total > entries.length ? ` (of ${total} waiting)` : ''}; {Object.values(decisions).filter(Boolean).length} decided here.
          </p>
          <div
            className="keyboard-review"
            ref={panel}
            tabIndex={0}
            role="group"
            aria-label={current ? `Pair ${at + 1} of ${entries.length}: ${person(current.a)} and ${person(current.b)}` : 'Pairs to review'}
            aria-describedby="keyboard-review-keys"
            onKeyDown={onKey}
            data-testid="keyboard-review"
          >
            {current ? (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Record</th>
                    <th scope="col">Name</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">Postcode</th>
                    <th scope="col">From</th>
                  </tr>
                </thead>
                <tbody>
                  {[current.a, current.b].map((r) => (
                    <tr key={r.recordId}>
                      <th scope="row">{r.recordId}</th>
                      <td>{[r.forename, r.surname].filter(Boolean).join(' ')}</td>
                      <td>{r.dob ? formatIsoDate(r.dob) : 'Not known'}</td>
                      <td>{r.postcode ?? ''}</td>
                      <td>
                        {r.file}
                        {r.sheet ? ` / ${r.sheet}` : ''} row {r.row}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {current ? (
              <p className="body" data-testid="keyboard-review-decision">
                Match probability {current.probability.toFixed(3)}
                {current.pairs > 1 ? `; ${current.pairs} pairs of records between these two people` : ''}. Decision:{' '}
                <strong>{decisions[current.id] ? LABELS[decisions[current.id]!] : current.decision ? LABELS[current.decision] : 'not decided'}</strong>
              </p>
            ) : null}
          </div>
          <div className="form-group">
            <label className="label" htmlFor="keyboard-review-note">
              Note for the next decision (optional)
            </label>
            <input
              className="input input--two-thirds"
              id="keyboard-review-note"
              ref={noteField}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === 'Escape') {
                  e.preventDefault();
                  panel.current?.focus();
                }
              }}
            />
          </div>
          {cluster ? (
            <div data-testid="keyboard-review-cluster">
              <h3 className="heading-s">Every record this pair would join ({cluster.records.length})</h3>
              {cluster.flags.length > 0 ? (
                <ul className="list list--bullet">
                  {cluster.flags.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              ) : (
                <p className="body">Nothing looks suspicious about this cluster.</p>
              )}
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Side</th>
                    <th scope="col">Name</th>
                    <th scope="col">Date of birth</th>
                    <th scope="col">Postcode</th>
                    <th scope="col">From</th>
                  </tr>
                </thead>
                <tbody>
                  {cluster.records.map((r) => (
                    <tr key={r.recordId}>
                      <td>{r.side === 'a' ? 'First person' : 'Second person'}</td>
                      <td>{[r.forename, r.surname].filter(Boolean).join(' ')}</td>
                      <td>{r.dob ? formatIsoDate(r.dob) : ''}</td>
                      <td>{r.postcode ?? ''}</td>
                      <td>
                        {r.file} row {r.row}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
