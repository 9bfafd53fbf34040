import type { StoreStatus } from '../../../../shared/ipc/contract.js';
import { BACKUP_REMINDER_DAYS } from '../../../../shared/ipc/channels/stores.js';
import { WarningText } from '../../components/WarningText.js';

/** The store's file name without its folder (either separator: the path may be Windows'). */
export const storeFileName = (path: string): string => path.split(/[/\\]/).pop() ?? path;

/** Shown on every screen of an open store: a purge not yet matched again, an old backup. */
export function StoreReminders({ store }: { store: StoreStatus | null }) {
  if (!store?.unlocked) return null;
  return (
    <>
      {store.readOnly ? (
        <WarningText>
          <span data-testid="read-only">
            This store is open read-only: its file or folder cannot be written. You can look, verify the audit trail and
            export, but nothing can be imported or changed.
          </span>
        </WarningText>
      ) : null}
      {store.relinkNeeded ? (
        <WarningText>
          <span data-testid="relink-needed">
            Re-link needed: data was deleted from this store and its people and households have not been matched again
            since. Run matching again from the Matching page before using them.
          </span>
        </WarningText>
      ) : null}
      {store.backupDue && store.session?.role === 'analyst' ? (
        <WarningText>
          <span data-testid="backup-due">
            {store.lastBackupAt ? `This store has not been backed up for more than ${BACKUP_REMINDER_DAYS} days.` : 'This store has not been backed up yet.'}{' '}
            Back it up from Audit &amp; settings.
          </span>
        </WarningText>
      ) : null}
    </>
  );
}
