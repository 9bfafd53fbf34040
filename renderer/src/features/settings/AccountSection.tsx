import { useState, type FormEvent } from 'react';
import { toWorkbenchError, workbench } from '../../api/client.js';
import type { Session } from '../../app/session.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { TextField } from '../../components/TextField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { NewPassphraseFields } from '../setup/NewPassphraseFields.js';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from './roles.js';
import { CURRENT_FIELD, NEW_CONFIRM_FIELD, NEW_FIELD, checkPassphraseChange } from './settings-rules.js';

interface AccountSectionProps {
  session: Session | null;
  /** A passphrase was changed: the audit trail has a new event. */
  onChanged(): void;
}

function ChangePassphraseForm({ onChanged }: { onChanged(): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    setChanged(0);
    const problems = checkPassphraseChange({ current, next, confirm });
    setErrors(problems);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      await workbench.call('users:changePassphrase', { oldPassphrase: current, newPassphrase: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setChanged((n) => n + 1);
      onChanged();
    } catch (error) {
      const problem = toWorkbenchError(error);
      setErrors([
        problem.kind === 'wrong-passphrase'
          ? { fieldId: CURRENT_FIELD, message: 'That is not your current passphrase. Nothing was changed.' }
          : { message: plainErrorMessage(problem, 'Your role does not allow you to change this passphrase.') },
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3 className="heading-s" id="change-passphrase-heading">
        Change your passphrase
      </h3>
      <ErrorSummary errors={errors} focusKey={attempts} />
      {changed > 0 ? (
        <NotificationBanner key={changed} title="Success" heading="Your passphrase has been changed">
          <p className="body">
            Use the new passphrase the next time you unlock the store. Backups of the key file made before now still
            open with your old passphrase, so replace them with a new backup of both files.
          </p>
        </NotificationBanner>
      ) : null}
      <p className="body">
        Changing your passphrase does not change the data or anyone else&apos;s passphrase, only the one you unlock the
        store with.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="change-passphrase-heading">
        <TextField
          id={CURRENT_FIELD}
          label="Current passphrase"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errorFor(errors, CURRENT_FIELD)}
          disabled={busy}
        />
        <NewPassphraseFields
          label="New passphrase"
          passphrase={next}
          confirm={confirm}
          onPassphrase={setNext}
          onConfirm={setConfirm}
          errors={errors}
          disabled={busy}
          ids={{ passphrase: NEW_FIELD, confirm: NEW_CONFIRM_FIELD }}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Changing passphrase…' : 'Change passphrase'}
        </button>
      </form>
    </>
  );
}

/** Who is signed in, and their own passphrase. */
export function AccountSection({ session, onChanged }: AccountSectionProps) {
  return (
    <section className="section" aria-labelledby="account-heading">
      <h2 className="heading-m" id="account-heading">
        Your account
      </h2>
      {session ? (
        <dl className="summary-list" data-testid="account-summary">
          <div className="summary-list__row">
            <dt className="summary-list__key">Name</dt>
            <dd className="summary-list__value">{session.user}</dd>
          </div>
          <div className="summary-list__row">
            <dt className="summary-list__key">Role</dt>
            <dd className="summary-list__value">
              {ROLE_LABELS[session.role]}
              <span className="summary-list__detail">{ROLE_DESCRIPTIONS[session.role]}</span>
            </dd>
          </div>
          {session.role === 'partner' ? (
            <div className="summary-list__row">
              <dt className="summary-list__key">Organisation</dt>
              <dd className="summary-list__value">{session.organisation ?? 'Not recorded'}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="body">The engine did not say who unlocked the store.</p>
      )}
      <ChangePassphraseForm onChanged={onChanged} />
    </section>
  );
}
