import { useState, type FormEvent } from 'react';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ReplaceQuestion } from '../../components/ReplaceQuestion.js';
import { TextField } from '../../components/TextField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { useSaveTarget } from '../../components/save-target.js';

interface ExportRecordProps {
  /** The browser host cannot show a save dialog: the user types where the file goes. */
  typePath: boolean;
  /** An export writes an audit event. */
  onExported(): void;
}

const PATH_FIELD = 'dp-export-path';

/** Saves the record as a workbook for the data protection officer. */
export function ExportRecord({ typePath, onExported }: ExportRecordProps) {
  const [path, setPath] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ path: string; checkpoint: string | null } | null>(null);
  const target = useSaveTarget('dp-record');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    setSaved(null);
    if (typePath && !path.trim()) {
      setErrors([{ fieldId: PATH_FIELD, message: 'Enter where to save the record, ending in .xlsx' }]);
      return;
    }
    setErrors([]);
    const fail = (error: unknown) => setErrors([typePath ? { fieldId: PATH_FIELD, message: plainErrorMessage(error) } : { message: plainErrorMessage(error) }]);
    const send = async (replace: boolean) => {
      setBusy(true);
      try {
        const result = await workbench.call('governance:exportRecord', typePath ? { path: path.trim(), replace } : {});
        // A cancelled save dialog saves nothing and says nothing.
        if (result.saved && result.path !== null) {
          setSaved({ path: result.path, checkpoint: result.checkpoint?.hash ?? null });
          onExported();
        }
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    };
    try {
      await (typePath ? target.save(path.trim(), send) : send(false));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section className="section" aria-labelledby="dp-export-heading">
      <h2 className="heading-m" id="dp-export-heading">
        Export the record
      </h2>
      <ErrorSummary errors={errors} focusKey={attempts} />
      {saved ? (
        <NotificationBanner key={attempts} title="Success" heading="The record has been saved">
          <p className="body">
            Saved to <code className="path" data-testid="dp-export-saved">{saved.path}</code>. It holds no personal data
            about the people in the extracts, only file names, partners, dates, counts and staff user names.
          </p>
          {saved.checkpoint ? (
            <p className="body">
              Audit checkpoint: <code className="path" data-testid="dp-export-checkpoint">{saved.checkpoint}</code>. Keep it
              outside the store: checking the audit trail against it later proves nothing before it was rewritten.
            </p>
          ) : null}
        </NotificationBanner>
      ) : null}
      <p className="body">
        A spreadsheet with one sheet for each part of this record, for a DPIA or the data protection officer. Exporting
        it is recorded in the audit trail.
      </p>
      <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="dp-export-heading">
        {typePath ? (
          <TextField
            id={PATH_FIELD}
            label="Where to save it"
            hint="The full path of a new file ending in .xlsx, in a folder that exists, for example /home/you/data-protection-record.xlsx"
            value={path}
            onChange={setPath}
            error={errorFor(errors, PATH_FIELD)}
            width="full"
            disabled={busy}
          />
        ) : (
          <p className="body">You will be asked where to save it.</p>
        )}
        <ReplaceQuestion target={target} what="data protection record" />
        {target.asking ? null : (
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Exporting…' : 'Export the record'}
          </button>
        )}
      </form>
    </section>
  );
}
