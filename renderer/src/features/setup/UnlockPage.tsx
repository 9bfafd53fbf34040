import { useEffect, useState, type FormEvent } from 'react';
import type { StoreStatus } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { PASSPHRASE_FIELD } from './passphrase-rules.js';

interface UnlockPageProps {
  store: StoreStatus;
  onUnlocked(store: StoreStatus): void;
}

export function UnlockPage({ store, onUnlocked }: UnlockPageProps) {
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);

  useEffect(() => {
    document.title = 'Unlock your store – Baseline Workbench';
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    if (passphrase.length === 0) {
      setErrors([{ fieldId: PASSPHRASE_FIELD, message: 'Enter your passphrase' }]);
      return;
    }
    setBusy(true);
    try {
      onUnlocked(await workbench.call('store:unlock', { passphrase }));
    } catch (error) {
      // The engine's message says what went wrong (e.g. a wrong passphrase); show it as given.
      setErrors([{ fieldId: PASSPHRASE_FIELD, message: toWorkbenchError(error).message }]);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} focusKey={attempts} />
      <h1 className="heading-l">Unlock your store</h1>
      <p className="body">
        The store is locked. Enter its passphrase to open it. The store is kept at{' '}
        <code className="path">{store.path}</code>.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={PASSPHRASE_FIELD}
          label="Passphrase"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={setPassphrase}
          error={errorFor(errors, PASSPHRASE_FIELD)}
          disabled={busy}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
      <details className="details">
        <summary className="details__summary">I have forgotten the passphrase</summary>
        <div className="details__text">
          The store cannot be opened without its passphrase, and there is no way to recover the data without it. If
          someone else set up this workbench, ask them. Otherwise you will need to set up a new store and import the
          files again.
        </div>
      </details>
    </div>
  );
}
