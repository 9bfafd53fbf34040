import { useState, type FormEvent } from 'react';
import type { AppInfo, ChosenFile } from '../../../../shared/ipc/contract.js';
import { RELEASE_IDS, type GeoImportKind, type GeoImportResult, type ReleaseId } from '../../../../shared/ipc/channels/areas.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { useJob } from '../../api/use-job.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { RadioGroup } from '../../components/RadioGroup.js';
import { SelectField } from '../../components/SelectField.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { formatBytes, formatCount } from '../../components/format.js';
import { describeImport } from './area-text.js';

export const REFERENCE_PATH_FIELD = 'reference-path';
const KIND_FIELD = 'reference-kind';

const KINDS: ReadonlyArray<{ value: GeoImportKind; label: string; hint: string }> = [
  { value: 'auto', label: 'Work it out from the file', hint: 'GeoJSON files are boundaries; other files are recognised by their column headings.' },
  { value: 'imd', label: 'Indices of Deprivation', hint: 'Any release from 2004 to 2025: the published files (xlsx or CSV) or a local extract.' },
  { value: 'lookup', label: 'ONS lookup', hint: 'Postcode to LSOA (ONSPD, NSPL or the best-fit file), LSOA 2001/2011/2021, or LSOA to ward.' },
  { value: 'boundaries', label: 'LSOA boundaries', hint: 'GeoJSON from the ONS Open Geography Portal, in WGS84.' },
];

interface ReferenceImportProps {
  info: AppInfo;
  onImported(): void;
}

/** Import an IoD file, a lookup or boundaries, with progress by bytes read and what was recognised. */
export function ReferenceImport({ info, onImported }: ReferenceImportProps) {
  const [kind, setKind] = useState<GeoImportKind>('auto');
  const [release, setRelease] = useState<ReleaseId | ''>('');
  const [path, setPath] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [result, setResult] = useState<GeoImportResult | null>(null);
  const job = useJob('geo:import');

  const fail = (next: FormError[]) => {
    setErrors(next);
    setAttempts((n) => n + 1);
  };

  const run = async (file: ChosenFile) => {
    setResult(null);
    const summary = await job.start({ token: file.token, kind, ...(release && kind !== 'lookup' && kind !== 'boundaries' ? { release } : {}) });
    if (summary) {
      setResult(summary);
      job.reset();
      onImported();
    }
  };

  const choose = async () => {
    fail([]);
    try {
      const files = await workbench.call('files:choose', { purpose: 'reference' });
      for (const file of files) await run(file);
    } catch (error) {
      fail([{ message: toWorkbenchError(error).message }]);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (trimmed === '') {
      fail([{ fieldId: REFERENCE_PATH_FIELD, message: 'Enter the full path of the file' }]);
      return;
    }
    fail([]);
    try {
      await run(await workbench.call('files:fromPath', { path: trimmed }));
    } catch (error) {
      fail([{ fieldId: REFERENCE_PATH_FIELD, message: toWorkbenchError(error).message }]);
    }
  };

  const running = job.state.status === 'running' ? job.state : null;
  const jobError = job.state.status === 'failed' ? (job.state.error.kind === 'cancelled' ? 'The import was cancelled; nothing was changed.' : job.state.error.message) : null;
  const shown: FormError[] = jobError ? [{ message: jobError }] : errors;

  return (
    <section className="section" aria-labelledby="reference-heading">
      <h2 className="heading-m" id="reference-heading">
        Import reference data
      </h2>
      <p className="body">
        The deprivation figures, the ONS lookups and the boundaries are public files. Download them from GOV.UK and the
        ONS Open Geography Portal, then import them here. A national postcode file takes about a minute.
      </p>
      <ErrorSummary errors={shown} focusKey={attempts} title="The file could not be imported" />
      {running ? (
        <>
          {/* The engine counts bytes read: a lookup's row count is unknown until the end. */}
          <ProgressBar label="Reference import progress" progress={running.progress} formatAmount={formatBytes} />
          <button type="button" className="button button--warning" onClick={job.cancel} disabled={running.cancelling}>
            {running.cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        </>
      ) : (
        <form noValidate onSubmit={(event) => void submit(event)} aria-label="Import a reference file">
          <RadioGroup id={KIND_FIELD} legend="What kind of file is it?" value={kind} options={KINDS} onChange={(v) => setKind(v as GeoImportKind)} />
          {kind === 'auto' || kind === 'imd' ? (
            <SelectField
              id="reference-release"
              label="Release of a deprivation file"
              hint="Leave it to the file unless the import asks: published files say their release in their headings, some extracts do not."
              value={release}
              options={[{ value: '', label: 'Taken from the file' }, ...RELEASE_IDS.map((r) => ({ value: r, label: r }))]}
              onChange={(v) => setRelease(v as ReleaseId | '')}
            />
          ) : null}
          {info.fileChooser === 'dialog' ? (
            <button type="button" className="button" onClick={() => void choose()}>
              Choose a reference file
            </button>
          ) : (
            <>
              <TextField
                id={REFERENCE_PATH_FIELD}
                label="Full path of the reference file"
                hint="The browser version cannot open a file dialog: type or paste where the file is on this computer."
                value={path}
                onChange={setPath}
                error={errorFor(errors, REFERENCE_PATH_FIELD)}
                width="full"
              />
              <button type="submit" className="button">
                Import reference file
              </button>
            </>
          )}
        </form>
      )}
      {result ? <ImportOutcome result={result} /> : null}
    </section>
  );
}

function ImportOutcome({ result }: { result: GeoImportResult }) {
  if (result.status === 'skipped') {
    return (
      <NotificationBanner title="Important" heading={`${result.file} was already imported`} variant="important">
        <p className="body">{result.message}</p>
      </NotificationBanner>
    );
  }
  return (
    <NotificationBanner title="Success" heading={`${result.file} has been imported`}>
      <p className="body">{describeImport(result)}</p>
      <p className="body">
        Layout: {result.layout}. {formatCount(result.rows)} rows read.
      </p>
      {result.problemCount > 0 ? (
        <>
          <p className="body">
            {formatCount(result.problemCount)} {result.problemCount === 1 ? 'problem' : 'problems'} (the rows or values
            concerned were left out):
          </p>
          <ul className="list">
            {result.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : null}
    </NotificationBanner>
  );
}
