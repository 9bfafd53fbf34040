import { useEffect, useState } from 'react';
import type { SubmissionStatus } from '../../../../shared/ipc/channels/inbox.js';
import { workbench } from '../../api/client.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { plainErrorMessage } from '../../components/error-message.js';

interface InboxSectionProps {
  /** After a take-in: new sources to list. */
  onTakenIn(): void;
}

const STATUS_LABELS: Readonly<Record<SubmissionStatus['status'], string>> = {
  waiting: 'Waiting',
  'taken-in': 'Taken in',
  refused: 'Refused',
};

/**
 * For analysts: the extracts partners sealed to this store. Taking them in imports each one as
 * the partner who sent it; a partner sees the result, as counts, from the Unlock page.
 */
export function InboxSection({ onTakenIn }: InboxSectionProps) {
  const [submissions, setSubmissions] = useState<SubmissionStatus[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [tries, setTries] = useState(0);

  useEffect(() => {
    let live = true;
    workbench
      .call('inbox:list', {})
      .then((list) => live && setSubmissions(list))
      .catch((error: unknown) => live && setProblem(plainErrorMessage(error)));
    return () => {
      live = false;
    };
  }, [tries]);

  const takeIn = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await workbench.call('inbox:takeIn', {});
      onTakenIn();
    } catch (error) {
      setProblem(plainErrorMessage(error));
    } finally {
      setBusy(false);
      setTries((n) => n + 1);
    }
  };

  const waiting = submissions?.filter((s) => s.status === 'waiting').length ?? 0;
  return (
    <section className="section" aria-labelledby="inbox-heading">
      <h2 className="heading-m" id="inbox-heading">
        Partners’ inbox
      </h2>
      {problem ? <ErrorSummary title="The inbox could not be read" errors={[{ message: problem }]} focusKey={tries} /> : null}
      <p className="body" data-testid="inbox-waiting">
        {waiting === 0 ? 'Nothing is waiting.' : `${waiting} sealed ${waiting === 1 ? 'file is' : 'files are'} waiting to be taken in.`}
      </p>
      {submissions && submissions.length > 0 ? (
        <div className="table-wrapper">
          <table className="table" data-testid="inbox-list">
            <caption className="visually-hidden">Partners’ submissions</caption>
            <thead>
              <tr>
                <th scope="col">Partner</th>
                <th scope="col">Sent by</th>
                <th scope="col">Sent</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.partner}</th>
                  <td>{s.user}</td>
                  <td>{formatUkDateTime(s.submittedAt)}</td>
                  <td>{STATUS_LABELS[s.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {waiting > 0 ? (
        <button type="button" className="button" onClick={() => void takeIn()} disabled={busy}>
          {busy ? 'Taking them in…' : 'Take them in'}
        </button>
      ) : null}
    </section>
  );
}
