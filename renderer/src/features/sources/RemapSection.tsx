import { useState, type FormEvent } from 'react';
import type { ColumnRole } from '../../../../shared/domain/record-fields.js';
import type { RemapSummary, SourceMappingSheet } from '../../../../shared/ipc/channels/imports.js';
import type { SourceRow } from '../../../../shared/ipc/contract.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { useJob } from '../../api/use-job.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { FocusHeading } from '../../components/FocusHeading.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { WarningText } from '../../components/WarningText.js';
import { formatCount } from '../../components/format.js';
import { withRole, type RoleChoices } from './mapping.js';
import { SheetMapping } from './SheetMapping.js';

type Stage =
  | { stage: 'closed' }
  | { stage: 'loading' }
  | { stage: 'mapping'; sheets: SourceMappingSheet[]; choices: RoleChoices }
  | { stage: 'done'; summary: RemapSummary };

interface RemapSectionProps {
  source: SourceRow;
  /** Called after the rows were read again, so the counts, records and quarantine fetch again. */
  onRemapped(): void;
}

/** Only the sheets that changed go to the engine; the others keep their roles. */
function changedMapping(sheets: readonly SourceMappingSheet[], choices: RoleChoices): Record<string, ColumnRole[]> {
  const mapping: Record<string, ColumnRole[]> = {};
  for (const sheet of sheets) {
    const roles = choices[sheet.sheet];
    if (sheet.columns.length === 0 || !roles) continue;
    if (roles.some((role, i) => role !== sheet.columns[i]?.role)) mapping[sheet.sheet] = [...roles];
  }
  return mapping;
}

/**
 * "Change the mapping and read the rows again": the source's stored rows are read again under the
 * roles the user fixes (no file needed), then the records and quarantined rows before and after.
 */
export function RemapSection({ source, onRemapped }: RemapSectionProps) {
  const [stage, setStage] = useState<Stage>({ stage: 'closed' });
  const [errors, setErrors] = useState<string[]>([]);
  const [attempts, setAttempts] = useState(0);
  const job = useJob('sources:remap');

  const showErrors = (next: string[]) => {
    setErrors(next);
    setAttempts((n) => n + 1);
  };

  const open = async () => {
    job.reset();
    showErrors([]);
    setStage({ stage: 'loading' });
    try {
      const result = await workbench.call('sources:mapping', { sourceId: source.id });
      setStage({ stage: 'mapping', sheets: result.sheets, choices: Object.fromEntries(result.sheets.map((s) => [s.sheet, s.columns.map((c) => c.role)])) });
    } catch (error) {
      setStage({ stage: 'closed' });
      showErrors([toWorkbenchError(error).message]);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (stage.stage !== 'mapping') return;
    const mapping = changedMapping(stage.sheets, stage.choices);
    if (Object.keys(mapping).length === 0) {
      showErrors(['Change what at least one column is used as, or choose Cancel.']);
      return;
    }
    showErrors([]);
    const summary = await job.start({ sourceId: source.id, mapping });
    if (summary) {
      job.reset();
      setStage({ stage: 'done', summary });
      onRemapped();
    }
  };

  const running = job.state.status === 'running' ? job.state : null;
  const jobError =
    job.state.status === 'failed' ? (job.state.error.kind === 'cancelled' ? 'Reading the rows again was cancelled: nothing was changed.' : job.state.error.message) : null;
  const shown = (jobError ? [jobError] : errors).map((message) => ({ message }));

  return (
    <section className="section" aria-labelledby="remap-heading" data-testid="remap-section">
      <h2 className="heading-m" id="remap-heading">
        Change the mapping
      </h2>
      <ErrorSummary errors={shown} focusKey={attempts} />

      {stage.stage === 'closed' ? (
        <>
          <p className="body">
            If rows were quarantined or read wrongly because a column was used as the wrong thing, change what the columns are used as. The
            stored rows are read again: you do not need the file.
          </p>
          <button type="button" className="button button--secondary" onClick={() => void open()}>
            Change the mapping and read the rows again
          </button>
        </>
      ) : null}

      {stage.stage === 'loading' ? (
        <p className="body" role="status">
          Loading the columns…
        </p>
      ) : null}

      {stage.stage === 'mapping' && running ? (
        <>
          <FocusHeading level={3} className="heading-s">Reading the rows of {source.fileName} again</FocusHeading>
          <ProgressBar label="Progress reading the rows again" progress={running.progress} />
          <button type="button" className="button button--warning" onClick={job.cancel} disabled={running.cancelling}>
            {running.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </>
      ) : null}

      {stage.stage === 'mapping' && !running ? (
        <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="remap-form-heading">
          <FocusHeading level={3} id="remap-form-heading" className="heading-s">
            Check the columns in {source.fileName}
          </FocusHeading>
          <p className="body">
            Records that still read keep their record IDs. Rows that now read become records; records that no longer read are quarantined
            with the reason. Choose &lsquo;Not needed (do not store)&rsquo; to delete a column&rsquo;s stored cells.
          </p>
          {stage.sheets.map((sheet, index) => (
            <SheetMapping
              key={sheet.sheet}
              sheet={sheet}
              sheetIndex={index}
              fileName={source.fileName}
              roles={stage.choices[sheet.sheet] ?? []}
              onRoleChange={(position, role) => setStage({ ...stage, choices: withRole(stage.choices, sheet.sheet, position, role) })}
              disabled={false}
              stored
            />
          ))}
          <div className="button-group">
            <button type="submit" className="button">
              Read the rows again
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                showErrors([]);
                setStage({ stage: 'closed' });
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}

      {stage.stage === 'done' ? (
        <>
          <NotificationBanner title="Success" heading={`The rows of ${source.fileName} were read again`}>
            <dl className="summary-list summary-list--compact" data-testid="remap-counts">
              <div className="summary-list__row">
                <dt className="summary-list__key">Records</dt>
                <dd className="summary-list__value">
                  {formatCount(stage.summary.before.records)} before, {formatCount(stage.summary.after.records)} now
                </dd>
              </div>
              <div className="summary-list__row">
                <dt className="summary-list__key">Quarantined rows</dt>
                <dd className="summary-list__value">
                  {formatCount(stage.summary.before.quarantined)} before, {formatCount(stage.summary.after.quarantined)} now
                </dd>
              </div>
            </dl>
            <p className="body">
              {formatCount(stage.summary.updated)} records read again in place, {formatCount(stage.summary.added)} new,{' '}
              {formatCount(stage.summary.removed)} now quarantined.
            </p>
          </NotificationBanner>
          {stage.summary.linkRunStale ? (
            <WarningText>The latest matching run was made from the records as they were. Run matching again to bring people and households up to date.</WarningText>
          ) : null}
          <button type="button" className="button button--secondary" onClick={() => void open()}>
            Change the mapping again
          </button>
        </>
      ) : null}
    </section>
  );
}
