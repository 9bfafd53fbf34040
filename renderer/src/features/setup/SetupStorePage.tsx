import { useEffect, useState, type FormEvent } from 'react';
import type { StoreStatus } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { WarningText } from '../../components/WarningText.js';
import type { FormError } from '../../components/form-error.js';
import { NewPassphraseFields } from './NewPassphraseFields.js';
import { PASSPHRASE_FIELD, checkNewPassphrase } from './passphrase-rules.js';
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
        If you lose the passphrase, the data cannot be opened. Once the store is set up, make a recovery code in Audit
        &amp; settings and keep it locked away: it lets you set a new passphrase.
      </WarningText>

      <form noValidate onSubmit={(event) => void submit(event)}>
        <NewPassphraseFields
          passphrase={passphrase}
          confirm={confirm}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          errors={errors}
          disabled={busy}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating store…' : 'Create store'}
        </button>
      </form>
    </div>
  );
}
