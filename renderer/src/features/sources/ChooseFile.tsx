import { useState, type FormEvent } from 'react';
import type { AppInfo, ChosenFile } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';

export const PATH_FIELD = 'import-path';

interface ChooseFileProps {
  fileChooser: AppInfo['fileChooser'];
  errors: readonly FormError[];
  busy: boolean;
  onBusy(busy: boolean): void;
  onChosen(files: ChosenFile[]): void;
  onErrors(errors: FormError[]): void;
}

/**
 * Electron shows the system's file dialog; the browser version cannot see the file system, so
 * the user types the path and the engine reads the file. Either way only a token comes back.
 */
export function ChooseFile({ fileChooser, errors, busy, onBusy, onChosen, onErrors }: ChooseFileProps) {
  const [path, setPath] = useState('');

  const run = async (choose: () => Promise<ChosenFile[]>, fieldId?: string) => {
    onErrors([]);
    onBusy(true);
    try {
      const files = await choose();
      onBusy(false);
      // An empty list means the dialog was closed without choosing: not an error.
      if (files.length > 0) onChosen(files);
    } catch (error) {
      onBusy(false);
      onErrors([{ message: toWorkbenchError(error).message, ...(fieldId ? { fieldId } : {}) }]);
    }
  };

  if (fileChooser === 'dialog') {
    return (
      <>
        <p className="body">Choose a spreadsheet (xlsx, xls, ods) or CSV file that a partner has sent you.</p>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void run(() => workbench.call('files:choose', { purpose: 'import' }))}
        >
          Choose a file
        </button>
      </>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') {
      onErrors([{ fieldId: PATH_FIELD, message: 'Enter the full path of the file' }]);
      return;
    }
    void run(async () => [await workbench.call('files:fromPath', { path: trimmed })], PATH_FIELD);
  };

  return (
    <form noValidate onSubmit={submit}>
      <TextField
        id={PATH_FIELD}
        label="Full path of the file"
        hint={
          <>
            The browser version of the workbench cannot open a file dialog, so type or paste where the file is on this
            computer, for example <code>/home/analyst/extracts/school-2024.xlsx</code> or{' '}
            <code>C:\Extracts\school-2024.xlsx</code>. Spreadsheets (xlsx, xls, ods) and CSV files can be imported.
          </>
        }
        value={path}
        onChange={setPath}
        error={errorFor(errors, PATH_FIELD)}
        width="full"
        disabled={busy}
      />
      <button type="submit" className="button" disabled={busy}>
        Preview file
      </button>
    </form>
  );
}
