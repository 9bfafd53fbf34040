import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StoreStatus } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { RadioGroup } from '../../components/RadioGroup.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { ROLE_LABELS } from '../settings/roles.js';
import { NewPassphraseFields } from './NewPassphraseFields.js';
import { PASSPHRASE_FIELD, checkNewPassphrase } from './passphrase-rules.js';

interface RecoverPageProps {
  onUnlocked(store: StoreStatus): void;
  onCancel(): void;
}

const CODE_FIELD = 'recovery-code';
const USER_FIELD = 'recovery-user';

type RecoveryUser = { user: string; role: keyof typeof ROLE_LABELS };

/**
 * "Forgotten your passphrase?": the recovery code opens nothing by itself; it lets the user set
 * a new passphrase for one user (an analyst unless they choose otherwise), then unlocks with it.
 */
export function RecoverPage({ onUnlocked, onCancel }: RecoverPageProps) {
  const [code, setCode] = useState('');
  const [users, setUsers] = useState<RecoveryUser[] | null>(null);
  const [user, setUser] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Use your recovery code – Baseline Workbench';
    // The page replaced the Unlock page in place: start keyboard and screen-reader users here.
    heading.current?.focus();
  }, []);

  const checkCode = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    if (!code.trim()) {
      setErrors([{ fieldId: CODE_FIELD, message: 'Enter the recovery code' }]);
      return;
    }
    setBusy(true);
    try {
      const found = await workbench.call('governance:recoveryCheck', { code });
      setErrors([]);
      setUsers(found.users);
      setUser(found.users.find((u) => u.role === 'analyst')?.user ?? found.users[0]?.user ?? '');
    } catch (error) {
      setErrors([{ fieldId: CODE_FIELD, message: toWorkbenchError(error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const reset = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    const problems = checkNewPassphrase(passphrase, confirm);
    if (!user) problems.unshift({ fieldId: USER_FIELD, message: 'Choose whose passphrase to replace' });
    setErrors(problems);
    if (problems.length > 0) return;
    setBusy(true);
    try {
      await workbench.call('governance:recoveryReset', { code, user, newPassphrase: passphrase });
      onUnlocked(await workbench.call('store:unlock', { passphrase }));
    } catch (error) {
      const problem = toWorkbenchError(error);
      setErrors([{ fieldId: problem.kind === 'conflict' || problem.kind === 'bad-input' ? PASSPHRASE_FIELD : CODE_FIELD, message: problem.message }]);
      if (problem.kind === 'wrong-passphrase' || problem.kind === 'not-found') setUsers(null);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} focusKey={attempts} />
      <button type="button" className="link-button back-link" onClick={onCancel}>
        Back to unlocking with a passphrase
      </button>
      <h1 className="heading-l" tabIndex={-1} ref={heading}>
        Use your recovery code
      </h1>
      {users === null ? (
        <>
          <p className="body">
            The recovery code was printed or written down when it was made in Audit &amp; settings. It lets you set a new
            passphrase; it does not open the store by itself, and it works once.
          </p>
          <form noValidate onSubmit={(event) => void checkCode(event)}>
            <TextField
              id={CODE_FIELD}
              label="Recovery code"
              hint="25 letters and numbers in 5 groups, for example 7KQ2M-D9XRT-4HJ8C-W2N5P-0FZ6V. Capitals, spaces and dashes do not matter."
              value={code}
              onChange={setCode}
              error={errorFor(errors, CODE_FIELD)}
              width="full"
              disabled={busy}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Checking…' : 'Continue'}
            </button>
          </form>
        </>
      ) : (
        <form noValidate onSubmit={(event) => void reset(event)} aria-labelledby="recovery-reset-heading">
          <FocusHeading level={2} id="recovery-reset-heading">
            Set a new passphrase
          </FocusHeading>
          <RadioGroup
            id={USER_FIELD}
            legend="Whose passphrase do you want to replace?"
            value={user}
            onChange={setUser}
            options={users.map((u) => ({ value: u.user, label: u.user, hint: ROLE_LABELS[u.role] }))}
            error={errorFor(errors, USER_FIELD)}
            disabled={busy}
          />
          <NewPassphraseFields
            label="New passphrase"
            passphrase={passphrase}
            confirm={confirm}
            onPassphrase={setPassphrase}
            onConfirm={setConfirm}
            errors={errors}
            disabled={busy}
          />
          <p className="body">
            The recovery code is then used up, and this is recorded in the audit trail. Make a new code in Audit &amp;
            settings once you are in.
          </p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Setting the new passphrase…' : 'Set passphrase and unlock'}
          </button>
        </form>
      )}
    </div>
  );
}
