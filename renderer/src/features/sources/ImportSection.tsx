import { useState } from 'react';
import type { AppInfo, ChosenFile, ImportPreview, ImportSummary } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { useJob } from '../../api/use-job.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { WarningText } from '../../components/WarningText.js';
import type { FormError } from '../../components/form-error.js';
import { ChooseFile } from './ChooseFile.js';
import { ImportResult } from './ImportResult.js';
import {
  checkImportOptions,
  initialChoices,
  initialOptions,
  toImportRequest,
  type ImportOptions,
  type RoleChoices,
} from './mapping.js';
import { PreviewForm } from './PreviewForm.js';

type Stage =
  | { stage: 'choose' }
  | { stage: 'review'; file: ChosenFile; preview: ImportPreview; choices: RoleChoices; options: ImportOptions; headerRows: Record<string, number> }
  | { stage: 'done'; summary: ImportSummary };

interface ImportSectionProps {
  info: AppInfo;
  /** Called after each finished import so the list and the grid fetch again. */
  onImported(): void;
  /** A partner's organisation: the engine files every import they make under it. */
  fixedPartner?: string | null | undefined;
  /** Opens an imported source's own view (its records with problems, its quarantine). */
  onViewSource?: ((sourceId: number) => void) | undefined;
}

/** Choose a file → check its columns → import with progress → summary. */
export function ImportSection({ info, onImported, fixedPartner, onViewSource }: ImportSectionProps) {
  const [stage, setStage] = useState<Stage>({ stage: 'choose' });
  const [queue, setQueue] = useState<ChosenFile[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const job = useJob('import:start');

  const showErrors = (next: FormError[]) => {
    setErrors(next);
    setAttempts((n) => n + 1);
  };

  const preview = async (files: ChosenFile[]) => {
    const [file, ...rest] = files;
    if (!file) return;
    setQueue(rest);
    setStage({ stage: 'choose' });
    setBusy(true);
    showErrors([]);
    try {
      const result = await workbench.call('import:preview', { token: file.token });
      setStage({
        stage: 'review',
        file,
        preview: result,
        choices: initialChoices(result),
        options: fixedPartner ? { ...initialOptions(result), partner: fixedPartner } : initialOptions(result),
        headerRows: {},
      });
    } catch (error) {
      showErrors([{ message: toWorkbenchError(error).message }]);
    } finally {
      setBusy(false);
    }
  };

  /** The same file under another preset: the roles start again from that preset. */
  const changePreset = async (name: string) => {
    if (stage.stage !== 'review') return;
    const current = stage;
    setBusy(true);
    showErrors([]);
    try {
      const headerRows = Object.keys(current.headerRows).length ? { headerRows: current.headerRows } : {};
      const result = await workbench.call('import:preview', { token: current.file.token, preset: name, ...headerRows });
      setStage({ ...current, preview: result, choices: initialChoices(result) });
    } catch (error) {
      showErrors([{ message: toWorkbenchError(error).message }]);
    } finally {
      setBusy(false);
    }
  };

  /** The same file with the header row the analyst chose for one sheet: its roles are suggested again. */
  const changeHeaderRow = async (sheet: string, row: number) => {
    if (stage.stage !== 'review') return;
    const current = stage;
    const headerRows = { ...current.headerRows, [sheet]: row };
    setBusy(true);
    showErrors([]);
    try {
      const result = await workbench.call('import:preview', { token: current.file.token, headerRows, ...(current.preview.preset ? { preset: current.preview.preset.name } : {}) });
      setStage({ ...current, preview: result, choices: initialChoices(result), headerRows });
    } catch (error) {
      showErrors([{ message: toWorkbenchError(error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const startImport = async () => {
    if (stage.stage !== 'review') return;
    job.reset();
    const problems = checkImportOptions(stage.options);
    showErrors(problems);
    if (problems.length > 0) return;
    const request = toImportRequest(stage.file.token, stage.preview, stage.choices, stage.options);
    // The header rows the preview used, chosen or found (0: none), so the import reads the same table.
    const headerRows = { ...Object.fromEntries(stage.preview.sheets.flatMap((s) => (s.headerRow === 0 ? [[s.sheet, 0]] : []))), ...stage.headerRows };
    if (Object.keys(headerRows).length) request.headerRows = headerRows;
    const summary = await job.start(request);
    if (summary) {
      job.reset();
      setStage({ stage: 'done', summary });
      onImported();
    }
  };

  const startOver = () => {
    job.reset();
    showErrors([]);
    setStage({ stage: 'choose' });
  };

  const running = job.state.status === 'running' ? job.state : null;
  const jobError =
    job.state.status === 'failed'
      ? job.state.error.kind === 'cancelled'
        ? 'The import was cancelled.'
        : job.state.error.message
      : null;
  const shownErrors: FormError[] = jobError ? [{ message: jobError }] : errors;

  return (
    <section className="section" aria-labelledby="import-heading">
      <h2 className="heading-m" id="import-heading">
        Import a file
      </h2>
      <ErrorSummary errors={shownErrors} focusKey={attempts} />
      {info.store.synthetic ? (
        <WarningText>
          This store holds demo data. Do not import real partner extracts into it: keep real data in a store of its
          own.
        </WarningText>
      ) : null}

      {stage.stage === 'choose' ? (
        <>
          <ChooseFile
            fileChooser={info.fileChooser}
            errors={errors}
            busy={busy}
            onBusy={setBusy}
            onChosen={(files) => void preview(files)}
            onErrors={showErrors}
          />
          {busy ? (
            <p className="body" role="status">
              Reading the file…
            </p>
          ) : null}
        </>
      ) : null}

      {stage.stage === 'review' && running ? (
        <>
          <FocusHeading level={3}>Importing {stage.preview.fileName}</FocusHeading>
          <ProgressBar label="Import progress" progress={running.progress} />
          <button type="button" className="button button--warning" onClick={job.cancel} disabled={running.cancelling}>
            {running.cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        </>
      ) : null}

      {stage.stage === 'review' && !running ? (
        <PreviewForm
          preview={stage.preview}
          choices={stage.choices}
          options={stage.options}
          errors={errors}
          fixedPartner={fixedPartner}
          onChoicesChange={(choices) => setStage({ ...stage, choices })}
          onOptionsChange={(options) => setStage({ ...stage, options })}
          onImport={() => void startImport()}
          onStartOver={startOver}
          onPresetChange={(name) => void changePreset(name)}
          onHeaderRowChange={(sheet, row) => void changeHeaderRow(sheet, row)}
        />
      ) : null}

      {stage.stage === 'done' ? (
        <>
          <ImportResult summary={stage.summary} />
          {onViewSource && stage.summary.sourceId !== null && !stage.summary.skipped ? (
            <p className="body">
              <button type="button" className="link-button" onClick={() => onViewSource(stage.summary.sourceId ?? 0)}>
                See the records and quarantined rows of {stage.summary.fileName}
              </button>
            </p>
          ) : null}
          {queue[0] ? (
            <button type="button" className="button" onClick={() => void preview(queue)}>
              Continue with the next file: {queue[0].name}
            </button>
          ) : (
            <button type="button" className="button" onClick={startOver}>
              Import another file
            </button>
          )}
        </>
      ) : null}
    </section>
  );
}
