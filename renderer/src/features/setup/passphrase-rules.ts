import type { FormError } from '../../components/form-error.js';

/** Same rule as the engine's store:create schema (DESIGN §2); checked here to answer at once. */
export const MIN_PASSPHRASE_LENGTH = 10;

export const PASSPHRASE_FIELD = 'passphrase';
export const CONFIRM_FIELD = 'passphrase-confirm';

export function checkNewPassphrase(passphrase: string, confirm: string): FormError[] {
  const errors: FormError[] = [];
  if (passphrase.length === 0) {
    errors.push({ fieldId: PASSPHRASE_FIELD, message: 'Enter a passphrase' });
  } else if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    errors.push({
      fieldId: PASSPHRASE_FIELD,
      message: `Passphrase must be ${MIN_PASSPHRASE_LENGTH} characters or more`,
    });
  }
  if (confirm.length === 0) {
    if (passphrase.length > 0) errors.push({ fieldId: CONFIRM_FIELD, message: 'Enter the passphrase again to confirm it' });
  } else if (confirm !== passphrase) {
    errors.push({ fieldId: CONFIRM_FIELD, message: 'The passphrases do not match' });
  }
  return errors;
}
