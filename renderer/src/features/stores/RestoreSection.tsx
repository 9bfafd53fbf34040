import { useState, type FormEvent } from 'react';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { TextField } from '../../components/TextField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import type { FormError } from '../../components/form-error.js';
import { errorFor } from '../../components/form-error.js';

const ARCHIVE_FIELD = 'restore-archive';
const TARGET_FIELD = 'restore-target';
const PASSPHRASE_FIELD = 'restore-passphrase';

interface RestoreSectionProps {
  /** The open store's path, to suggest a new name beside it. */
  storePath: string;
  /** The engine now has the restored store open. */
  onRestored(): void;
  /** Electron: the backup is chosen in the native dialog (a token), not typed. */
  dialog?: boolean;
}

const besideStore = (storePath: string): string => storePath.replace(/[^/\\]+$/, 'restored.db');

/**
 * Restores a backup as a store of its own (never over the open one without saying so): the
 * backup is checked, its passphrase must open it, and the app then switches to it.
 */
export function RestoreSection({ storePath, onRestored, dialog = false }: RestoreSectionProps) {
  const [archive, setArchive] = useState('');
  const [chosen, setChosen] = useState<{ token: string; name: string } | null>(null);
  const [target, setTarget] = useState(besideStore(storePath));
  const [passphrase, setPassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    const problems: FormError[] = [];
    if (dialog ? chosen === null : archive.trim() === '') problems.push({ fieldId: ARCHIVE_FIELD, message: dialog ? 'Choose the backup file' : 'Type the path of the backup file' });
    if (target.trim() === '') problems.push({ fieldId: TARGET_FIELD, message: 'Type where to put the restored store' });
    if (passphrase === '') problems.push({ fieldId: PASSPHRASE_FIELD, message: 'Enter a passphrase that opens the backup' });
    setErrors(problems);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      const from = dialog && chosen ? { archiveToken: chosen.token } : { archive: archive.trim() };
      await workbench.call('store:restore', { ...from, target: target.trim(), passphrase, replace });
      setPassphrase('');
      onRestored();
    } catch (problem) {
      setErrors([{ message: plainErrorMessage(problem) }]);
    } finally {
      setBusy(false);
    }
  };

  const chooseBackup = async () => {
    try {
      const file = await workbench.call('stores:choose', { purpose: 'backup' });
      if (file) setChosen({ token: file.token, name: file.name });
    } catch (problem) {
      setAttempts((n) => n + 1);
      setErrors([{ message: plainErrorMessage(problem) }]);
    }
  };

  return (
    <section className="section" aria-labelledby="restore-heading">
      <h2 className="heading-m" id="restore-heading">
        Restore a backup
      </h2>
      <ErrorSummary title="The backup was not restored" errors={errors} focusKey={attempts} />
      <p className="body">
        The backup becomes a store of its own and the workbench opens it. It is checked first: if it is damaged or the
        passphrase does not open it, nothing is changed. Switch back to this store from &ldquo;Stores&rdquo; below.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {dialog ? (
          <p className="body">
            <button type="button" id={ARCHIVE_FIELD} className="button button--secondary" onClick={() => void chooseBackup()}>
              Choose the backup file…
            </button>{' '}
            {chosen ? <code className="path">{chosen.name}</code> : null}
          </p>
        ) : (
          <TextField id={ARCHIVE_FIELD} label="Backup file" value={archive} onChange={setArchive} width="full" error={errorFor(errors, ARCHIVE_FIELD)} />
        )}
        <TextField
          id={TARGET_FIELD}
          label="Restore it as the store"
          hint="A new file: a store that is already there is replaced only if you tick the box below"
          value={target}
          onChange={setTarget}
          width="full"
          error={errorFor(errors, TARGET_FIELD)}
        />
        <TextField
          id={PASSPHRASE_FIELD}
          label="Passphrase for the backup"
          hint="Yours when the backup was made"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          error={errorFor(errors, PASSPHRASE_FIELD)}
        />
        <div className="checkboxes">
          <div className="checkboxes__item">
            <input className="checkboxes__input" id="restore-replace" type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} />
            <label className="label checkboxes__label" htmlFor="restore-replace">
              Replace the store that is already there
            </label>
          </div>
        </div>
        <button type="submit" className="button button--secondary" disabled={busy}>
          {busy ? 'Restoring…' : 'Restore the backup'}
        </button>
      </form>
    </section>
  );
}
