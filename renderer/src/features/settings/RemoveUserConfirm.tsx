import type { UserRow } from '../../../../shared/ipc/contract.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { WarningText } from '../../components/WarningText.js';
import { ROLE_LABELS } from './roles.js';

interface RemoveUserConfirmProps {
  user: UserRow;
  isMe: boolean;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation step before a user's key slot is removed. */
export function RemoveUserConfirm({ user, isMe, busy, onConfirm, onCancel }: RemoveUserConfirmProps) {
  return (
    <div className="confirm" data-testid="remove-user-confirm">
      <FocusHeading level={3} className="heading-s">
        Are you sure you want to remove {user.user}?
      </FocusHeading>
      <p className="body">
        {user.user} ({ROLE_LABELS[user.role].toLowerCase()}
        {user.organisation ? `, ${user.organisation}` : ''}) will no longer be able to unlock this store. The data and
        the audit trail are not changed.
      </p>
      {isMe ? (
        <WarningText>
          This is you. Once the store is locked you will not be able to unlock it again with your passphrase.
        </WarningText>
      ) : null}
      <p className="body">
        Backups of the key file made before now still hold their passphrase. Replace them with a new backup of both
        files if they must not be able to open an old copy.
      </p>
      <div className="button-group">
        <button type="button" className="button button--warning" onClick={onConfirm} disabled={busy}>
          {busy ? `Removing ${user.user}…` : `Yes, remove ${user.user}`}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
