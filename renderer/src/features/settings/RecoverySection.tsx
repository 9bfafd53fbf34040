import { useCallback, useEffect, useState } from 'react';
import type { RecoveryStatus } from '../../../../shared/ipc/channels/governance.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { WarningText } from '../../components/WarningText.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { plainErrorMessage } from '../../components/error-message.js';

interface RecoverySectionProps {
  /** Printed with the code, so whoever finds it later knows which store it opens. */
  storePath: string;
  /** Creating a code writes an audit event. */
  onChanged(): void;
}

/**
 * Analysts only: the recovery code (DESIGN §2), a printed code that lets a forgotten passphrase
 * be replaced. It is shown once, straight after it is made, and never again.
 */
export function RecoverySection({ storePath, onChanged }: RecoverySectionProps) {
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorKey, setErrorKey] = useState(0);

  const load = useCallback(() => {
    workbench.call('governance:recoveryStatus', {}).then(setStatus, (problem: unknown) => setError(plainErrorMessage(problem)));
  }, []);
  useEffect(load, [load]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await workbench.call('governance:recoveryCreate', {});
      setCode(made.code);
      setStatus({ exists: true, createdAt: made.createdAt });
      onChanged();
    } catch (problem) {
      setError(plainErrorMessage(problem));
      setErrorKey((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section" aria-labelledby="recovery-heading">
      <h2 className="heading-m" id="recovery-heading">
        Recovery code
      </h2>
      {error ? <ErrorSummary title="The recovery code could not be made" errors={[{ message: error }]} focusKey={errorKey} /> : null}
      {code ? (
        <div className="confirm confirm--neutral recovery-print" data-testid="recovery-code-panel">
          <FocusHeading level={3} className="heading-s">
            Your recovery code
          </FocusHeading>
          <p className="recovery-code" data-testid="recovery-code">
            {code}
          </p>
          <p className="body">
            For the Baseline Workbench store at <code className="path">{storePath}</code>, made on{' '}
            {formatUkDateTime(status?.createdAt ?? new Date().toISOString())}.
          </p>
          <WarningText>This code will not be shown again. Print this page or write the code down now.</WarningText>
          <p className="body">
            Keep it locked away, apart from this computer and its backups. Anyone who has it can set a new passphrase for
            any user of this store. It works once: after it has been used, make a new one.
          </p>
          <div className="button-group no-print">
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              Print the code
            </button>
            <button type="button" className="button" onClick={() => setCode(null)}>
              I have kept the code safe
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="body" data-testid="recovery-status">
            {status === null
              ? 'Checking for a recovery code…'
              : status.exists
                ? `A recovery code was made on ${formatUkDateTime(status.createdAt ?? '')}. If someone forgets their passphrase, it lets them set a new one.`
                : 'There is no recovery code. If everyone who can unlock the store forgets their passphrase, the data cannot be opened again.'}
          </p>
          {status?.exists ? <p className="body">Making a new code stops the old one working.</p> : null}
          <button type="button" className="button button--secondary" onClick={() => void create()} disabled={busy || status === null}>
            {busy ? 'Making a recovery code…' : status?.exists ? 'Replace the recovery code' : 'Create a recovery code'}
          </button>
        </>
      )}
    </section>
  );
}
