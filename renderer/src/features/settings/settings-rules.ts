import type { FormError } from '../../components/form-error.js';
import { MIN_PASSPHRASE_LENGTH } from '../setup/passphrase-rules.js';
import { isRole, type Role } from './roles.js';

// Field ids: this page holds two passphrase forms, so none can reuse the set-up page's ids.
export const CURRENT_FIELD = 'current-passphrase';
export const NEW_FIELD = 'new-passphrase';
export const NEW_CONFIRM_FIELD = 'new-passphrase-confirm';

export const USER_NAME_FIELD = 'new-user-name';
export const USER_ROLE_FIELD = 'new-user-role';
export const USER_ORGANISATION_FIELD = 'new-user-organisation';
export const USER_PASSPHRASE_FIELD = 'new-user-passphrase';
export const USER_CONFIRM_FIELD = 'new-user-passphrase-confirm';

/** The engine's rule for user names (electron/engine/store/users.ts), checked here to answer at once. */
export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._'-]{0,62}$/;
export const MAX_ORGANISATION_LENGTH = 200;

function checkPassphrasePair(
  passphrase: string,
  confirm: string,
  fields: { passphrase: string; confirm: string },
  words: { missing: string; again: string },
): FormError[] {
  const errors: FormError[] = [];
  if (passphrase.length === 0) {
    errors.push({ fieldId: fields.passphrase, message: words.missing });
  } else if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    errors.push({ fieldId: fields.passphrase, message: `Passphrase must be ${MIN_PASSPHRASE_LENGTH} characters or more` });
  }
  if (confirm.length === 0) {
    if (passphrase.length > 0) errors.push({ fieldId: fields.confirm, message: words.again });
  } else if (confirm !== passphrase) {
    errors.push({ fieldId: fields.confirm, message: 'The passphrases do not match' });
  }
  return errors;
}

export interface PassphraseChange {
  current: string;
  next: string;
  confirm: string;
}

export function checkPassphraseChange({ current, next, confirm }: PassphraseChange): FormError[] {
  const errors: FormError[] = [];
  if (current.length === 0) errors.push({ fieldId: CURRENT_FIELD, message: 'Enter your current passphrase' });
  errors.push(
    ...checkPassphrasePair(
      next,
      confirm,
      { passphrase: NEW_FIELD, confirm: NEW_CONFIRM_FIELD },
      { missing: 'Enter a new passphrase', again: 'Enter the new passphrase again to confirm it' },
    ),
  );
  if (current.length > 0 && next === current && !errors.some((e) => e.fieldId === NEW_FIELD)) {
    errors.push({ fieldId: NEW_FIELD, message: 'The new passphrase must be different from your current one' });
  }
  return errors;
}

export interface NewUserForm {
  user: string;
  role: Role | '';
  organisation: string;
  /** Partners: sign in and read their own organisation's sources (their passphrase then holds the data key). */
  readsOwn?: boolean;
  passphrase: string;
  confirm: string;
}

export const EMPTY_NEW_USER: NewUserForm = { user: '', role: '', organisation: '', readsOwn: false, passphrase: '', confirm: '' };

export function checkNewUser(form: NewUserForm): FormError[] {
  const errors: FormError[] = [];
  const user = form.user.trim();
  if (user.length === 0) {
    errors.push({ fieldId: USER_NAME_FIELD, message: 'Enter a name for the user' });
  } else if (user.length > 63) {
    errors.push({ fieldId: USER_NAME_FIELD, message: 'Name must be 63 characters or fewer' });
  } else if (!USER_NAME_PATTERN.test(user)) {
    errors.push({
      fieldId: USER_NAME_FIELD,
      message: 'Name must start with a letter or digit, and use only letters, digits, spaces, dots, hyphens or apostrophes',
    });
  }
  if (!isRole(form.role)) {
    errors.push({ fieldId: USER_ROLE_FIELD, message: 'Select what the user can see' });
  } else if (form.role === 'partner') {
    const organisation = form.organisation.trim();
    if (organisation.length === 0) {
      errors.push({ fieldId: USER_ORGANISATION_FIELD, message: 'Enter the organisation the partner imports files for' });
    } else if (organisation.length > MAX_ORGANISATION_LENGTH) {
      errors.push({ fieldId: USER_ORGANISATION_FIELD, message: `Organisation must be ${MAX_ORGANISATION_LENGTH} characters or fewer` });
    }
  }
  errors.push(
    ...checkPassphrasePair(
      form.passphrase,
      form.confirm,
      { passphrase: USER_PASSPHRASE_FIELD, confirm: USER_CONFIRM_FIELD },
      { missing: 'Enter a passphrase for the user', again: 'Enter their passphrase again to confirm it' },
    ),
  );
  return errors;
}

/** The users:add request for a checked form: the organisation is sent for partners only. */
export function toAddUserRequest(form: NewUserForm & { role: Role }): {
  user: string;
  role: Role;
  organisation: string | null;
  passphrase: string;
  submitOnly?: boolean;
} {
  return {
    user: form.user.trim(),
    role: form.role,
    organisation: form.role === 'partner' ? form.organisation.trim() : null,
    passphrase: form.passphrase,
    ...(form.role === 'partner' ? { submitOnly: !form.readsOwn } : {}),
  };
}
