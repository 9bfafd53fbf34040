import { useState, type FormEvent } from 'react';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { TextField } from '../../components/TextField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { NewPassphraseFields } from '../setup/NewPassphraseFields.js';
import { checkNewPassphrase } from '../setup/passphrase-rules.js';

const PATH_FIELD = 'new-store-path';
const IDS = { passphrase: 'new-store-passphrase', confirm: 'new-store-confirm' };

interface CreateStoreFormProps {
  /** The engine now has the new store open. */
  onCreated(): void;
}

/**
 * A new, empty store of its own (another programme, a test): its own key file and passphrase.
 * The engine checks the passphrase for more than length, as for every new store.
 */
export function CreateStoreForm({ onCreated }: CreateStoreFormProps) {
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    // The shared rules name the setup page's fields: point them at this form's.
    const problems: FormError[] = checkNewPassphrase(passphrase, confirm).map((e) => ({
      ...e,
      fieldId: e.fieldId === 'passphrase' ? IDS.passphrase : IDS.confirm,
    }));
    if (path.trim() === '') problems.unshift({ fieldId: PATH_FIELD, message: 'Type where to create the store, for example /home/you/second-programme.db' });
    setErrors(problems);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      await workbench.call('stores:create', { path: path.trim(), passphrase });
      setPassphrase('');
      setConfirm('');
      onCreated();
    } catch (problem) {
      setErrors([{ fieldId: PATH_FIELD, message: plainErrorMessage(problem) }]);
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="create-store-heading">
      <h3 className="heading-s" id="create-store-heading">
        Create a new empty store
      </h3>
      <ErrorSummary title="The store was not created" errors={errors} focusKey={attempts} />
      <p className="body">It has its own key file and passphrase, and opens as soon as it is made. Creating it locks this store.</p>
      <TextField
        id={PATH_FIELD}
        label="New store file"
        hint="The full path of a new file ending in .db, in a folder that exists"
        value={path}
        onChange={setPath}
        width="full"
        error={errorFor(errors, PATH_FIELD)}
        disabled={busy}
      />
      <NewPassphraseFields
        passphrase={passphrase}
        confirm={confirm}
        onPassphrase={setPassphrase}
        onConfirm={setConfirm}
        errors={errors}
        disabled={busy}
        label="Passphrase for the new store"
        ids={IDS}
      />
      <button type="submit" className="button button--secondary" disabled={busy}>
        {busy ? 'Creating…' : 'Create and open the store'}
      </button>
    </form>
  );
}
