import { useState, type FormEvent } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ReplaceQuestion } from '../../components/ReplaceQuestion.js';
import { TextField } from '../../components/TextField.js';
import { formatUkDateTime } from '../../components/date-time.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { useSaveTarget } from '../../components/save-target.js';

const PATH_FIELD = 'backup-path';

interface BackupSectionProps {
  info: AppInfo;
  /** A backup changes the store's "last backed up" and writes an audit event. */
  onChanged(): void;
}

/**
 * Analysts: one file holding a consistent copy of the encrypted store and its key file, taken
 * while the store is in use. The browser host cannot show a save dialog, so the path is typed.
 */
export function BackupSection({ info, onChanged }: BackupSectionProps) {
  const typed = info.fileChooser === 'path';
  const [path, setPath] = useState('');
  const target = useSaveTarget('backup');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ path: string; createdAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempts, setAttempts] = useState(0);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    setSaved(null);
    if (typed && path.trim() === '') {
      setError('Type where to save the backup, for example /home/you/baseline-backup.bwbackup');
      return;
    }
    setError(null);
    const send = async (replace: boolean) => {
      setBusy(true);
      try {
        const written = await workbench.call('store:backup', typed ? { path: path.trim(), replace } : {});
        if (written.saved && written.path && written.createdAt) {
          setSaved({ path: written.path, createdAt: written.createdAt });
          onChanged();
        }
      } catch (problem) {
        setError(plainErrorMessage(problem));
      } finally {
        setBusy(false);
      }
    };
    try {
      await (typed ? target.save(path.trim(), send) : send(false));
    } catch (problem) {
      setError(plainErrorMessage(problem));
    }
  };

  const last = info.store.lastBackupAt;
  return (
    <section className="section" aria-labelledby="backup-heading">
      <h2 className="heading-m" id="backup-heading">
        Back up the store
      </h2>
      {error ? <ErrorSummary title="The backup was not made" errors={[{ fieldId: typed ? PATH_FIELD : undefined, message: error }]} focusKey={attempts} /> : null}
      {saved ? (
        <NotificationBanner title="Success" heading="Backup saved">
          <p className="body" data-testid="backup-saved">
            The store and its key file were saved to <code className="path">{saved.path}</code> on{' '}
            {formatUkDateTime(saved.createdAt)}.
          </p>
        </NotificationBanner>
      ) : null}
      <p className="body" data-testid="last-backup">
        {last ? `Last backed up on ${formatUkDateTime(last)}.` : 'This store has not been backed up yet.'}
      </p>
      <p className="body">
        The backup is one file holding an encrypted copy of the store and its key file, taken as it is now, even while
        an import is running. The same passphrases open it. Keep it as safe as the store, on a drive your organisation
        approves for personal data.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        {typed ? (
          <TextField
            id={PATH_FIELD}
            label="Save the backup as"
            hint="The full path of a file, ending for example in .bwbackup: an earlier backup there is replaced only if you say so"
            value={path}
            onChange={setPath}
            width="full"
          />
        ) : null}
        <ReplaceQuestion target={target} what="backup" />
        {target.asking ? null : (
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Backing up…' : 'Back up now'}
          </button>
        )}
      </form>
    </section>
  );
}
