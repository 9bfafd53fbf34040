import { useState, type FormEvent } from 'react';
import type { UserRow } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { RadioGroup } from '../../components/RadioGroup.js';
import { TextField } from '../../components/TextField.js';
import { WarningText } from '../../components/WarningText.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { MIN_PASSPHRASE_LENGTH } from '../setup/passphrase-rules.js';
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS, isRole } from './roles.js';
import {
  EMPTY_NEW_USER,
  USER_CONFIRM_FIELD,
  USER_NAME_FIELD,
  USER_ORGANISATION_FIELD,
  USER_PASSPHRASE_FIELD,
  USER_ROLE_FIELD,
  checkNewUser,
  toAddUserRequest,
  type NewUserForm,
} from './settings-rules.js';

interface AddUserFormProps {
  onAdded(user: UserRow): void;
  /** Called when the user starts again, so an earlier success message can go. */
  onStart(): void;
}

export function AddUserForm({ onAdded, onStart }: AddUserFormProps) {
  const [form, setForm] = useState<NewUserForm>(EMPTY_NEW_USER);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NewUserForm>) => setForm((prev) => ({ ...prev, ...patch }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onStart();
    setAttempts((n) => n + 1);
    const problems = checkNewUser(form);
    setErrors(problems);
    if (problems.length > 0 || !isRole(form.role)) return;
    setBusy(true);
    try {
      const added = await workbench.call('users:add', toAddUserRequest({ ...form, role: form.role }));
      setForm(EMPTY_NEW_USER);
      setErrors([]);
      onAdded(added);
    } catch (error) {
      // A name already in use is about the name field; anything else (a refused role, a locked
      // store) is about the whole form.
      const message = plainErrorMessage(error, 'Only analysts can add users.');
      setErrors([toWorkbenchError(error).kind === 'conflict' ? { fieldId: USER_NAME_FIELD, message } : { message }]);
    } finally {
      setBusy(false);
    }
  };

  const organisationField = (
    <>
      <TextField
        id={USER_ORGANISATION_FIELD}
        label="Organisation"
        hint="The partner organisation they import files for, exactly as it appears in the list of sources, for example Northshire Police."
        value={form.organisation}
        onChange={(organisation) => set({ organisation })}
        error={errorFor(errors, USER_ORGANISATION_FIELD)}
        disabled={busy}
      />
      <div className="checkboxes">
        <div className="checkboxes__item">
          <input className="checkboxes__input" id="user-reads-own" type="checkbox" checked={form.readsOwn === true} disabled={busy} aria-describedby="user-reads-own-hint" onChange={(event) => set({ readsOwn: event.target.checked })} />
          <label className="label checkboxes__label" htmlFor="user-reads-own">
            Let them sign in and read their own organisation’s sources
          </label>
          <p className="hint" id="user-reads-own-hint">
            Without this they send files to the inbox and see what came of them, and their passphrase opens nothing in the store. With it, their passphrase holds the key to every record.
          </p>
        </div>
      </div>
    </>
  );

  return (
    <div className="subsection">
      <h3 className="heading-s" id="add-user-heading">
        Add a user
      </h3>
      <ErrorSummary errors={errors} focusKey={attempts} />
      <p className="body">
        Each user unlocks the store with a passphrase of their own. The workbench works out who they are from it, and
        shows them only what their role allows.
      </p>
      <WarningText>
        Roles only limit what the workbench shows. Anyone with a passphrase for this store can decrypt all of the data
        in it, so give passphrases only to people who are allowed to hold that data.
      </WarningText>
      <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="add-user-heading">
        <TextField
          id={USER_NAME_FIELD}
          label="Name"
          hint="Shown in the audit trail against everything they do. Letters, digits, spaces, dots, hyphens or apostrophes."
          value={form.user}
          onChange={(user) => set({ user })}
          error={errorFor(errors, USER_NAME_FIELD)}
          disabled={busy}
        />
        <RadioGroup
          id={USER_ROLE_FIELD}
          legend="What can they see?"
          value={form.role}
          onChange={(role) => {
            if (isRole(role)) set({ role });
          }}
          error={errorFor(errors, USER_ROLE_FIELD)}
          disabled={busy}
          options={ROLES.map((role) => ({
            value: role,
            label: ROLE_LABELS[role],
            hint: ROLE_DESCRIPTIONS[role],
            conditional: role === 'partner' ? organisationField : undefined,
          }))}
        />
        <TextField
          id={USER_PASSPHRASE_FIELD}
          label="Their passphrase"
          hint={`At least ${MIN_PASSPHRASE_LENGTH} characters, and different from everyone else's. Give it to them in person or through your organisation's password manager, never by email.`}
          type="password"
          autoComplete="new-password"
          value={form.passphrase}
          onChange={(passphrase) => set({ passphrase })}
          error={errorFor(errors, USER_PASSPHRASE_FIELD)}
          disabled={busy}
        />
        <TextField
          id={USER_CONFIRM_FIELD}
          label="Confirm their passphrase"
          type="password"
          autoComplete="new-password"
          value={form.confirm}
          onChange={(confirm) => set({ confirm })}
          error={errorFor(errors, USER_CONFIRM_FIELD)}
          disabled={busy}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Adding user…' : 'Add user'}
        </button>
      </form>
    </div>
  );
}
