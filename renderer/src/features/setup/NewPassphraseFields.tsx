import type { ReactNode } from 'react';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { CONFIRM_FIELD, MIN_PASSPHRASE_LENGTH, PASSPHRASE_FIELD } from './passphrase-rules.js';

interface NewPassphraseFieldsProps {
  passphrase: string;
  confirm: string;
  onPassphrase(value: string): void;
  onConfirm(value: string): void;
  errors: readonly FormError[];
  disabled: boolean;
  /** e.g. "New passphrase"; the confirm field is labelled "Confirm <label, lower case>". */
  label?: string;
  hint?: ReactNode;
  /** Ids, for pages that hold more than one passphrase form. */
  ids?: { passphrase: string; confirm: string };
}

export const NEW_PASSPHRASE_HINT = `At least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easier to remember than a short, complicated password.`;

/** A new passphrase typed twice, the way every form that sets one asks for it. */
export function NewPassphraseFields({
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  errors,
  disabled,
  label = 'Passphrase',
  hint = NEW_PASSPHRASE_HINT,
  ids = { passphrase: PASSPHRASE_FIELD, confirm: CONFIRM_FIELD },
}: NewPassphraseFieldsProps) {
  return (
    <>
      <TextField
        id={ids.passphrase}
        label={label}
        hint={hint}
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onChange={onPassphrase}
        error={errorFor(errors, ids.passphrase)}
        disabled={disabled}
      />
      <TextField
        id={ids.confirm}
        label={`Confirm ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={onConfirm}
        error={errorFor(errors, ids.confirm)}
        disabled={disabled}
      />
    </>
  );
}
