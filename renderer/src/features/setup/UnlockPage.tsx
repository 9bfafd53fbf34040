import { useEffect, useState, type FormEvent } from 'react';
import { StoresSection } from '../stores/StoresSection.js';
import type { StoreStatus } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { PASSPHRASE_FIELD } from './passphrase-rules.js';
import { RecoverPage } from './RecoverPage.js';
import { SubmitToInboxPage } from '../inbox/SubmitToInboxPage.js';

interface UnlockPageProps {
  store: StoreStatus;
  onUnlocked(store: StoreStatus): void;
  /** Another store was opened instead (locked): show its Unlock page. */
  onSwitched?(): void;
}

export function UnlockPage({ store, onUnlocked, onSwitched }: UnlockPageProps) {
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [attempts, setAttempts] = useState(0);
  const [recovering, setRecovering] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [canTypePath, setCanTypePath] = useState(true);

  useEffect(() => {
    if (!recovering) document.title = 'Unlock your store – Baseline Workbench';
  }, [recovering]);

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

  if (submitting) return <SubmitToInboxPage canTypePath={canTypePath} onCancel={() => setSubmitting(false)} />;
  if (recovering) return <RecoverPage onUnlocked={onUnlocked} onCancel={() => setRecovering(false)} />;

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
      <h2 className="heading-s">Forgotten your passphrase?</h2>
      <p className="body">
        If a recovery code was made for this store, you can use it to set a new passphrase. Otherwise ask someone else
        who can unlock the store (an analyst can give you a new passphrase by removing and adding you again). Without
        either, the data cannot be opened: set up a new store and import the files again.
      </p>
      <button type="button" className="button button--secondary" onClick={() => setRecovering(true)} disabled={busy}>
        Use a recovery code
      </button>
      <h2 className="heading-s">Sending a file as a partner?</h2>
      <p className="body">If you send your organisation’s extracts to this store, you do not need to unlock it.</p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          void workbench.call('app:info', {}).then((info) => setCanTypePath(info.fileChooser === 'path'));
          setSubmitting(true);
        }}
        disabled={busy}
      >
        Send a file to the inbox
      </button>
      {onSwitched ? <StoresSection onSwitched={onSwitched} headingLevel={2} /> : null}
    </div>
  );
}
