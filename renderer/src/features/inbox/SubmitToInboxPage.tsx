import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SubmissionResults, SubmissionStatus } from '../../../../shared/ipc/channels/inbox.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { SubmissionResultsView } from './SubmissionResultsView.js';

interface SubmitToInboxPageProps {
  /** Electron shows file dialogs only to a signed-in user: there the command line submits. */
  canTypePath: boolean;
  onCancel(): void;
}

const PASSPHRASE_FIELD = 'inbox-passphrase';
const FILE_FIELD = 'inbox-file';

const STATUS_LABELS: Readonly<Record<SubmissionStatus['status'], string>> = {
  waiting: 'Waiting for an analyst',
  'taken-in': 'Taken in',
  refused: 'Refused',
};

function outcome(s: SubmissionStatus): string {
  if (!s.receipt) return '';
  if (s.receipt.reason) return s.receipt.reason;
  return `${s.receipt.records} records, ${s.receipt.quarantined} ${s.receipt.quarantined === 1 ? 'row' : 'rows'} quarantined${s.receipt.skipped ? ' (already imported)' : ''}`;
}

/**
 * For partners who submit: their passphrase proves who they are and opens nothing in the store.
 * The file is sealed to the store on the way in; only an analyst can open it.
 */
export function SubmitToInboxPage({ canTypePath, onCancel }: SubmitToInboxPageProps) {
  const [passphrase, setPassphrase] = useState('');
  const [path, setPath] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const [submissions, setSubmissions] = useState<SubmissionStatus[] | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [results, setResults] = useState<SubmissionResults | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Send a file to the inbox – Baseline Workbench';
    heading.current?.focus();
  }, []);

  const run = async (work: () => Promise<void>, fieldId: string) => {
    setBusy(true);
    try {
      await work();
      setErrors([]);
    } catch (error) {
      const problem = toWorkbenchError(error);
      setErrors([{ fieldId: problem.kind === 'bad-input' ? fieldId : PASSPHRASE_FIELD, message: problem.message }]);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    const problems: FormError[] = [];
    if (!passphrase) problems.push({ fieldId: PASSPHRASE_FIELD, message: 'Enter your passphrase' });
    if (!path.trim()) problems.push({ fieldId: FILE_FIELD, message: 'Enter the path of the file to send' });
    setErrors(problems);
    if (problems.length > 0) return;
    await run(async () => {
      const made = await workbench.call('inbox:submit', { path: path.trim(), passphrase });
      setSent(made.id);
      setPath('');
      setSubmissions(await workbench.call('inbox:status', { passphrase }));
    }, FILE_FIELD);
  };

  const check = async () => {
    setAttempts((n) => n + 1);
    if (!passphrase) {
      setErrors([{ fieldId: PASSPHRASE_FIELD, message: 'Enter your passphrase' }]);
      return;
    }
    await run(async () => setSubmissions(await workbench.call('inbox:status', { passphrase })), PASSPHRASE_FIELD);
  };

  // Opened with the partner's own key: only their organisation's submissions have results for them.
  const showResults = async (submission: string) => {
    setAttempts((n) => n + 1);
    if (!passphrase) {
      setErrors([{ fieldId: PASSPHRASE_FIELD, message: 'Enter your passphrase' }]);
      return;
    }
    await run(async () => setResults(await workbench.call('inbox:results', { submission, passphrase })), PASSPHRASE_FIELD);
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} focusKey={attempts} />
      <button type="button" className="link-button back-link" onClick={onCancel}>
        Back to unlocking the store
      </button>
      <h1 className="heading-l" tabIndex={-1} ref={heading}>
        Send a file to the inbox
      </h1>
      <p className="body">
        For partners who send their organisation’s extracts. The file is sealed as it is sent: only an analyst can open
        it, and your passphrase does not open the store. You can see what happened to what you sent.
      </p>
      {sent ? (
        <p className="body" role="status" data-testid="inbox-sent">
          Sent, sealed. An analyst will take it in.
        </p>
      ) : null}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={PASSPHRASE_FIELD}
          label="Your passphrase"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={setPassphrase}
          error={errorFor(errors, PASSPHRASE_FIELD)}
          disabled={busy}
        />
        {canTypePath ? (
          <>
            <TextField
              id={FILE_FIELD}
              label="File to send"
              hint="The full path of the CSV or Excel file, for example /home/pat/police-extract.csv"
              value={path}
              onChange={setPath}
              error={errorFor(errors, FILE_FIELD)}
              width="full"
              disabled={busy}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Sending…' : 'Send the file'}
            </button>
          </>
        ) : (
          <p className="body">In this version, send files with the command line: inbox submit FILE.</p>
        )}
      </form>
      <button type="button" className="button button--secondary" onClick={() => void check()} disabled={busy}>
        Show what I have sent
      </button>
      {submissions ? (
        <section aria-labelledby="inbox-submissions-heading">
          <h2 className="heading-m" id="inbox-submissions-heading">
            What you have sent
          </h2>
          {submissions.length === 0 ? (
            <p className="body">Nothing yet.</p>
          ) : (
            <table className="table" data-testid="inbox-submissions">
              <thead>
                <tr>
                  <th scope="col">Sent</th>
                  <th scope="col">Status</th>
                  <th scope="col">Result</th>
                  <th scope="col">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {submissions.map((s) => (
                  <tr key={s.id}>
                    <td>{formatUkDateTime(s.submittedAt)}</td>
                    <td>{STATUS_LABELS[s.status]}</td>
                    <td>{outcome(s)}</td>
                    <td>
                      {s.status === 'waiting' ? null : (
                        <button type="button" className="link-button" onClick={() => void showResults(s.id)} disabled={busy}>
                          Show what came of it<span className="visually-hidden"> (sent {formatUkDateTime(s.submittedAt)})</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {results ? <SubmissionResultsView results={results} /> : null}
    </div>
  );
}
