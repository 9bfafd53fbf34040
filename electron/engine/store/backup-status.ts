// When the store was last backed up, kept in the store itself, and whether to remind about it.
import { BACKUP_REMINDER_DAYS } from '../../../shared/ipc/channels/stores.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { BackupWritten } from './backup.js';
import type { Store } from './store.js';

const KEY = 'last_backup_at';

/**
 * Records a backup in the store's meta and audit trail. A job may hold the writer in a
 * transaction (an import running while the backup was taken): the note then waits for it, so
 * it never becomes part of, or is rolled back with, someone else's work.
 */
export function recordBackup(store: Store, jobs: JobRunner, user: string, written: BackupWritten): void {
  const note = (): void => {
    if (!store.writer.open) return;
    store.setMeta(KEY, written.createdAt);
    store.audit(user, 'store-backed-up', { bytes: written.bytes, schemaVersion: written.schemaVersion });
  };
  if (store.writer.inTransaction) void jobs.idle().then(note);
  else note();
}

export function backupStatus(store: Store, now = Date.now()): { lastBackupAt: string | null; backupDue: boolean } {
  const lastBackupAt = store.meta(KEY);
  const hasData = (store.reader.prepare('SELECT count(*) AS n FROM source').get() as { n: number }).n > 0;
  const age = lastBackupAt ? now - Date.parse(lastBackupAt) : Number.POSITIVE_INFINITY;
  return { lastBackupAt, backupDue: hasData && age > BACKUP_REMINDER_DAYS * 86_400_000 };
}
