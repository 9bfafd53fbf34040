import { useEffect, useState, type FormEvent } from 'react';
import type { StoreStatus } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { TextField } from '../../components/TextField.js';
import { WarningText } from '../../components/WarningText.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { CONFIRM_FIELD, MIN_PASSPHRASE_LENGTH, PASSPHRASE_FIELD, checkNewPassphrase } from './passphrase-rules.js';
import { StorePaths } from './StorePaths.js';

interface SetupStorePageProps {
  store: StoreStatus;
  onCreated(store: StoreStatus): void;
}

export function SetupStorePage({ store, onCreated }: SetupStorePageProps) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);

  useEffect(() => {
    document.title = 'Set up your store – Baseline Workbench';
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    const problems = checkNewPassphrase(passphrase, confirm);
    setErrors(problems);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      onCreated(await workbench.call('store:create', { passphrase }));
    } catch (error) {
      setErrors([{ fieldId: PASSPHRASE_FIELD, message: toWorkbenchError(error).message }]);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} focusKey={attempts} />
      <h1 className="heading-l">Set up your store</h1>
      <p className="body">
        The workbench keeps the files you import, and everything it works out from them, in one encrypted file on
        this computer. Nothing is sent anywhere else.
      </p>
      <StorePaths store={store} />
      <p className="body">Back up both files together: the store cannot be opened without its key file.</p>

      <h2 className="heading-m">Choose a passphrase</h2>
      <p className="body">
        The passphrase encrypts the data on this computer. Anyone who knows it can open the data, so keep it
        somewhere safe, such as your organisation&apos;s password manager, and do not share it.
      </p>
      <WarningText>
        There is no way to recover the data without the passphrase. If you lose it, everything in this store is lost.
      </WarningText>

      <form noValidate onSubmit={(event) => void submit(event)}>
        <TextField
          id={PASSPHRASE_FIELD}
          label="Passphrase"
          hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easier to remember than a short, complicated password.`}
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={setPassphrase}
          error={errorFor(errors, PASSPHRASE_FIELD)}
          disabled={busy}
        />
        <TextField
          id={CONFIRM_FIELD}
          label="Confirm passphrase"
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={setConfirm}
          error={errorFor(errors, CONFIRM_FIELD)}
          disabled={busy}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating store…' : 'Create store'}
        </button>
      </form>
    </div>
  );
}
