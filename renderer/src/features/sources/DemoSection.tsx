import { useState, type FormEvent } from 'react';
import type { JobResultOf } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { useJob } from '../../api/use-job.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { formatCount } from '../../components/format.js';
import { HOUSEHOLDS_FIELD, parseHouseholds } from './demo-options.js';

interface DemoSectionProps {
  /** The store is now synthetic and holds new sources: refresh the banner, list and grid. */
  onCreated(): void;
  /** The open store is the demo store: demo data goes straight in. Otherwise it goes in its own store. */
  synthetic?: boolean;
}

const DEMO_PASSPHRASE_FIELD = 'demo-passphrase';

function DemoResult({ result }: { result: JobResultOf<'demo:create'> }) {
  const records = result.files.reduce(
    (sum, file) => sum + file.sheets.reduce((inner, sheet) => inner + sheet.records, 0),
    0,
  );
  return (
    <NotificationBanner title="Success" heading="Demo data created">
      <p className="body">
        {formatCount(result.files.length)} fictional partner files, {formatCount(records)} records. The files are in{' '}
        <code className="path">{result.outDir}</code>.
      </p>
    </NotificationBanner>
  );
}

export function DemoSection({ onCreated, synthetic = false }: DemoSectionProps) {
  const [households, setHouseholds] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  // Demo data never goes into a real store: first confirm, and open (or make) the demo store.
  const [confirming, setConfirming] = useState(false);
  const [demoPassphrase, setDemoPassphrase] = useState('');
  const job = useJob('demo:create');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    const parsed = parseHouseholds(households);
    setErrors(parsed.errors);
    if (parsed.errors.length > 0) return;
    if (!synthetic) {
      if (!confirming) {
        setConfirming(true);
        return;
      }
      if (demoPassphrase === '') {
        setErrors([{ fieldId: DEMO_PASSPHRASE_FIELD, message: 'Enter a passphrase for the demo store' }]);
        return;
      }
      try {
        await workbench.call('stores:openDemo', { passphrase: demoPassphrase });
      } catch (problem) {
        setErrors([{ fieldId: DEMO_PASSPHRASE_FIELD, message: plainErrorMessage(problem) }]);
        return;
      }
      setDemoPassphrase('');
    }
    const result = await job.start(parsed.households === undefined ? {} : { households: parsed.households });
    if (result) onCreated();
  };

  const running = job.state.status === 'running' ? job.state : null;
  const jobErrors: FormError[] =
    job.state.status === 'failed'
      ? [
          {
            message:
              job.state.error.kind === 'cancelled' ? 'Creating demo data was cancelled.' : job.state.error.message,
          },
        ]
      : [];

  return (
    <section className="section" aria-labelledby="demo-heading">
      <h2 className="heading-m" id="demo-heading">
        Demo data
      </h2>
      <ErrorSummary errors={[...errors, ...jobErrors]} focusKey={attempts} />
      <p className="body">
        To try the workbench without real data, create a fictional borough: made-up families, with extracts from
        schools, police, housing and other partners, imported like real files. The store is then marked as holding
        synthetic data, and every screen and export says so, so it cannot be mistaken for real data.
      </p>
      {job.state.status === 'finished' ? <DemoResult result={job.state.result} /> : null}
      {running ? (
        <>
          <ProgressBar label="Demo data progress" progress={running.progress} />
          <button type="button" className="button button--warning" onClick={job.cancel} disabled={running.cancelling}>
            {running.cancelling ? 'Cancelling…' : 'Cancel demo data'}
          </button>
        </>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <TextField
            id={HOUSEHOLDS_FIELD}
            label="Number of households (optional)"
            hint="Leave blank for the standard size. A few hundred is quick to try things out."
            inputMode="numeric"
            width="short"
            value={households}
            onChange={setHouseholds}
            error={errorFor(errors, HOUSEHOLDS_FIELD)}
          />
          {confirming && !synthetic ? (
            <div className="confirm confirm--neutral" data-testid="demo-confirm">
              <p className="body">
                The demo goes into a store of its own (demo.db), never into this one. This store will be locked and the
                demo store opened; switch back from Stores in Audit &amp; settings.
              </p>
              <TextField
                id={DEMO_PASSPHRASE_FIELD}
                label="Passphrase for the demo store"
                hint="A new one if there is no demo store yet (10 characters or more), else the one you chose for it"
                type="password"
                value={demoPassphrase}
                onChange={setDemoPassphrase}
                error={errorFor(errors, DEMO_PASSPHRASE_FIELD)}
              />
              <div className="button-group">
                <button type="submit" className="button">
                  Create the demo in its own store
                </button>
                <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </div>
          ) : (
            <button type="submit" className="button button--secondary">
              Create demo data
            </button>
          )}
        </form>
      )}
    </section>
  );
}
