import { useState } from 'react';
import type { UserRow } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import type { Session } from '../../app/session.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { focusElementById } from '../../components/focus-element.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { AddUserForm } from './AddUserForm.js';
import { RemoveUserConfirm } from './RemoveUserConfirm.js';
import { ROLE_LABELS } from './roles.js';
import type { UsersState } from './use-users.js';
import { UsersTable, removeButtonId } from './UsersTable.js';

interface UsersSectionProps {
  session: Session | null;
  users: UsersState;
  reloadUsers(): void;
  /** A user was added or removed: the list and the audit trail fetch again. */
  onChanged(): void;
}

type Flash = { kind: 'added'; user: UserRow } | { kind: 'removed'; user: string } | null;

/** Analysts only: who can unlock the store, adding users and removing them. */
export function UsersSection({ session, users, reloadUsers, onChanged }: UsersSectionProps) {
  const [confirming, setConfirming] = useState<{ user: UserRow; index: number } | null>(null);
  const [removing, setRemoving] = useState(false);
  const [flash, setFlash] = useState<Flash>(null);
  const [flashKey, setFlashKey] = useState(0);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [errorKey, setErrorKey] = useState(0);
  const me = session?.user ?? null;

  const showFlash = (next: Flash) => {
    setFlash(next);
    setFlashKey((n) => n + 1);
  };

  const cancel = () => {
    const index = confirming?.index;
    setConfirming(null);
    // Back to the button that started it, once the table is on screen again.
    if (index !== undefined) requestAnimationFrame(() => focusElementById(removeButtonId(index)));
  };

  const remove = async () => {
    if (!confirming) return;
    setRemoving(true);
    try {
      const { removed } = await workbench.call('users:remove', { user: confirming.user.user });
      setConfirming(null);
      showFlash({ kind: 'removed', user: removed });
      onChanged();
    } catch (error) {
      // The engine's own words, e.g. that the last analyst cannot be removed.
      setConfirming(null);
      setRemoveError(plainErrorMessage(error));
      setErrorKey((n) => n + 1);
    } finally {
      setRemoving(false);
    }
  };

  return (
    <section className="section" aria-labelledby="users-heading">
      <h2 className="heading-m" id="users-heading">
        Users
      </h2>
      {removeError ? (
        <ErrorSummary title="The user could not be removed" errors={[{ message: removeError }]} focusKey={errorKey} />
      ) : null}
      {flash ? (
        <NotificationBanner
          key={flashKey}
          title="Success"
          heading={flash.kind === 'added' ? `${flash.user.user} has been added` : `${flash.user} has been removed`}
        >
          <p className="body">
            {flash.kind === 'added'
              ? `${flash.user.user} can now unlock the store with their passphrase, as ${ROLE_LABELS[flash.user.role].toLowerCase()}${flash.user.organisation ? ` for ${flash.user.organisation}` : ''}.`
              : `${flash.user} can no longer unlock the store.`}
          </p>
        </NotificationBanner>
      ) : null}

      {confirming ? (
        <RemoveUserConfirm
          user={confirming.user}
          isMe={confirming.user.user === me}
          busy={removing}
          onConfirm={() => void remove()}
          onCancel={cancel}
        />
      ) : (
        <>
          <p className="body">Everyone who can unlock this store, and what they can see.</p>
          {users.status === 'loading' ? (
            <p className="body" role="status">
              Loading users…
            </p>
          ) : null}
          {users.status === 'failed' ? (
            <>
              <ErrorSummary title="The users could not be loaded" errors={[{ message: users.message }]} />
              <button type="button" className="button button--secondary" onClick={reloadUsers}>
                Try again
              </button>
            </>
          ) : null}
          {users.status === 'loaded' ? (
            <UsersTable
              users={users.users}
              me={me}
              onRemove={(user) => {
                setFlash(null);
                setRemoveError(null);
                setConfirming({ user, index: users.users.indexOf(user) });
              }}
            />
          ) : null}
          <AddUserForm
            onStart={() => {
              setFlash(null);
              setRemoveError(null);
            }}
            onAdded={(user) => {
              showFlash({ kind: 'added', user });
              onChanged();
            }}
          />
        </>
      )}
    </section>
  );
}
