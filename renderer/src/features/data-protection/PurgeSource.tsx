import { useState, type FormEvent } from 'react';
import type { DpSource, PurgeResult } from '../../../../shared/ipc/channels/governance.js';
import { useJob } from '../../api/use-job.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { TextField } from '../../components/TextField.js';
import { WarningText } from '../../components/WarningText.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { confirmationMatches } from './record-text.js';

interface PurgeSourceProps {
  source: DpSource;
  onPurged(result: PurgeResult): void;
  onCancel(): void;
}

const CONFIRM_FIELD = 'purge-confirm-name';

/**
 * The confirmation step before a source's data is deleted: what goes, that it cannot be undone,
 * and the file name typed back. The purge then runs as a job (it links what remains again).
 */
export function PurgeSource({ source, onPurged, onCancel }: PurgeSourceProps) {
  const [typed, setTyped] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const job = useJob('governance:purge');
  const running = job.state.status === 'running';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    if (!confirmationMatches(typed, source.fileName)) {
      setErrors([{ fieldId: CONFIRM_FIELD, message: typed.trim() ? 'The file name you typed does not match' : 'Type the file name to confirm' }]);
      return;
    }
    setErrors([]);
    const result = await job.start({ sourceId: source.id, confirmFileName: typed });
    if (result) onPurged(result);
  };

  const failure = job.state.status === 'failed' ? plainErrorMessage(job.state.error) : null;

  return (
    <div className="confirm" data-testid="purge-confirm">
      <ErrorSummary errors={failure ? [{ message: failure }] : errors} focusKey={attempts} />
      <FocusHeading level={3} className="heading-s">
        Are you sure you want to delete {source.fileName}?
      </FocusHeading>
      <p className="body">
        This deletes everything the workbench holds from this file ({source.partner}, as of {source.asOf}): the rows as
        they were sent, the records made from them, the links and decisions about those records, and their place in
        any person or household. What remains is then linked again. The audit trail keeps a note of what was deleted,
        by counts only.
      </p>
      <WarningText>This cannot be undone. To use this file again you would have to import it again.</WarningText>
      {running ? (
        <ProgressBar label={`Deleting ${source.fileName}`} progress={job.state.status === 'running' ? job.state.progress : null} />
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)} aria-label={`Delete ${source.fileName}`}>
          <TextField
            id={CONFIRM_FIELD}
            label="Type the file name to confirm"
            hint={
              <>
                Type <code className="path">{source.fileName}</code> exactly as shown.
              </>
            }
            value={typed}
            onChange={setTyped}
            error={errorFor(errors, CONFIRM_FIELD)}
          />
          <div className="button-group">
            <button type="submit" className="button button--warning">
              Delete this source&apos;s data
            </button>
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
