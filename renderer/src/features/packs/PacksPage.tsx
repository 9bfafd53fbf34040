import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { packFileNames, SECTION_IDS, type PackBuilt, type PackTemplate, type SectionId } from '../../../../shared/ipc/channels/packs.js';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { useJob } from '../../api/use-job.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { ReplaceQuestion } from '../../components/ReplaceQuestion.js';
import { useSaveTarget } from '../../components/save-target.js';
import { SelectField } from '../../components/SelectField.js';
import { TextField } from '../../components/TextField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { errorFor, type FormError } from '../../components/form-error.js';
import { PackPreview } from './PackPreview.js';
import { SECTION_LABELS } from './pack-text.js';
import './packs.css';

const FOLDER_FIELD = 'pack-export-folder';
const NAME_FIELD = 'pack-template-name';

/** Board packs: choose a template (or make one), build the pack, preview it, export the PDF and workbook. */
export function PacksPage({ info }: { info: AppInfo }) {
  const role = info.store.session?.role;
  const [templates, setTemplates] = useState<PackTemplate[]>([]);
  const [chosen, setChosen] = useState('default');
  const [loadError, setLoadError] = useState<string | null>(null);
  const job = useJob('packs:build');
  const [built, setBuilt] = useState<PackBuilt | null>(null);

  const load = useCallback(async () => {
    try {
      setTemplates(await workbench.call('packs:templates', {}));
      setLoadError(null);
    } catch (error) {
      setLoadError(plainErrorMessage(error));
    }
  }, []);

  useEffect(() => {
    if (role !== 'partner') void load();
  }, [load, role]);

  const template = templates.find((t) => t.name === chosen) ?? templates[0];

  const build = async () => {
    setBuilt(null);
    const result = await job.start({ template: chosen });
    if (result) setBuilt(result);
  };

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Board packs
      </h1>
      <p className="body lead">
        A pack for the programme board: a PDF that reads like a council paper and a workbook with the same figures. Packs
        hold aggregate figures only; small numbers are withheld before anything is written.
      </p>
      {role === 'partner' ? (
        <p className="body" data-testid="packs-role-note">
          Board packs are built by co-ordinators and analysts.
        </p>
      ) : (
        <>
          {loadError ? <ErrorSummary errors={[{ message: loadError }]} focusKey={1} /> : null}
          <section className="section" aria-labelledby="pack-template-heading">
            <h2 className="heading-m" id="pack-template-heading">
              Choose what goes in the pack
            </h2>
            <SelectField
              id="pack-template"
              label="Template"
              hint="The default template holds every section, in the order a board reads them."
              value={chosen}
              options={templates.map((t) => ({ value: t.name, label: t.builtIn ? `${t.title} (default)` : `${t.name}: ${t.title}` }))}
              onChange={(v) => {
                setChosen(v);
                setBuilt(null);
              }}
              disabled={job.state.status === 'running'}
            />
            {template ? (
              <ol className="body" data-testid="pack-template-sections">
                {template.sections.map((s) => (
                  <li key={s}>{SECTION_LABELS[s].title}</li>
                ))}
              </ol>
            ) : null}
            <details className="details subsection">
              <summary className="details__summary">Make a template: choose and order sections</summary>
              <div className="details__text">
                <TemplateEditor
                  start={template?.sections ?? [...SECTION_IDS]}
                  onSaved={(saved) => {
                    void load().then(() => setChosen(saved.name));
                  }}
                />
              </div>
            </details>
          </section>
          <section className="section" aria-labelledby="pack-build-heading">
            <h2 className="heading-m" id="pack-build-heading">
              Build the pack
            </h2>
            {job.state.status === 'running' ? (
              <>
                <ProgressBar label="Building the board pack" progress={job.state.progress} />
                <button type="button" className="button button--secondary" onClick={job.cancel}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" className="button" onClick={() => void build()} disabled={!template}>
                Build the pack
              </button>
            )}
            {job.state.status === 'failed' ? <ErrorSummary errors={[{ message: plainErrorMessage(job.state.error) }]} focusKey={2} /> : null}
          </section>
          {built ? (
            <>
              <section className="section" aria-labelledby="pack-export-heading">
                <h2 className="heading-m" id="pack-export-heading">
                  Export the PDF and the workbook
                </h2>
                <p className="body" data-testid="pack-built-summary">
                  The pack has {built.pages} pages and {built.document.sections.length} sections; {built.document.record.suppressedCells} cells are withheld to protect small numbers.
                </p>
                <ExportPack build={built.build} template={built.document.record.template} typeFolder={info.fileChooser === 'path'} />
              </section>
              <section className="section" aria-labelledby="pack-preview-heading">
                <h2 className="heading-m" id="pack-preview-heading">
                  Preview
                </h2>
                <p className="body">
                  The same figures, tables, charts and maps as the PDF, laid out for the screen. Page breaks, the contents page and
                  page numbers are in the PDF.
                </p>
                <PackPreview pack={built.document} />
              </section>
            </>
          ) : null}
        </>
      )}
    </>
  );
}

function TemplateEditor({ start, onSaved }: { start: readonly SectionId[]; onSaved(t: PackTemplate): void }) {
  const [order, setOrder] = useState<SectionId[]>(() => [...start, ...SECTION_IDS.filter((s) => !start.includes(s))]);
  const [included, setIncluded] = useState<Set<SectionId>>(() => new Set(start));
  const [name, setName] = useState('');
  const [title, setTitle] = useState('Programme board pack');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);

  const move = (i: number, by: number) => {
    const next = [...order];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    setOrder(next);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    const sections = order.filter((s) => included.has(s));
    const problems: FormError[] = [];
    if (!name.trim()) problems.push({ fieldId: NAME_FIELD, message: 'Enter a name for the template' });
    if (sections.length === 0) problems.push({ message: 'Choose at least one section' });
    setErrors(problems);
    if (problems.length > 0) return;
    try {
      const t = await workbench.call('packs:saveTemplate', { name: name.trim(), title: title.trim() || 'Programme board pack', sections });
      setSaved(t.name);
      onSaved(t);
    } catch (error) {
      setErrors([{ fieldId: NAME_FIELD, message: plainErrorMessage(error) }]);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-label="Save a pack template">
      <ErrorSummary errors={errors} focusKey={attempts} />
      {saved ? (
        <NotificationBanner key={attempts} title="Success" heading={`Template ${saved} saved`}>
          <p className="body">It is now chosen above.</p>
        </NotificationBanner>
      ) : null}
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Sections, in the order they appear</legend>
        <ul className="pack-sections">
          {order.map((s, i) => (
            <li key={s}>
              <input
                type="checkbox"
                id={`pack-section-${s}`}
                checked={included.has(s)}
                onChange={(e) => {
                  const next = new Set(included);
                  if (e.target.checked) next.add(s);
                  else next.delete(s);
                  setIncluded(next);
                }}
              />
              <label htmlFor={`pack-section-${s}`}>
                {SECTION_LABELS[s].title} <span className="pack-small">– {SECTION_LABELS[s].hint}</span>
              </label>
              <button type="button" className="button button--secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${SECTION_LABELS[s].title} up`}>
                Up
              </button>
              <button type="button" className="button button--secondary" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${SECTION_LABELS[s].title} down`}>
                Down
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <TextField id={NAME_FIELD} label="Template name" hint="For example Cabinet quarterly" value={name} onChange={setName} error={errorFor(errors, NAME_FIELD)} />
      <TextField id="pack-template-title" label="Title on the front page" value={title} onChange={setTitle} />
      <button type="submit" className="button button--secondary">
        Save the template
      </button>
    </form>
  );
}

/** The pack's PDF in a typed folder (the engine checks its workbook beside it too). */
function pdfIn(folder: string, template: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder.replace(/[\\/]+$/, '')}${separator}${packFileNames(template).pdf}`;
}

function ExportPack({ build, template, typeFolder }: { build: string; template: string; typeFolder: boolean }) {
  const [folder, setFolder] = useState('');
  const target = useSaveTarget('board-pack');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ pdf: string; xlsx: string } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempts((n) => n + 1);
    setSaved(null);
    if (typeFolder && !folder.trim()) {
      setErrors([{ fieldId: FOLDER_FIELD, message: 'Enter the folder to save the PDF and the workbook in' }]);
      return;
    }
    setErrors([]);
    const failed = (error: unknown) => setErrors([typeFolder ? { fieldId: FOLDER_FIELD, message: plainErrorMessage(error) } : { message: plainErrorMessage(error) }]);
    const send = async (replace: boolean) => {
      setBusy(true);
      try {
        const result = await workbench.call('packs:export', typeFolder ? { build, outDir: folder.trim(), replace } : { build });
        if (result.saved && result.pdf && result.xlsx) setSaved({ pdf: result.pdf, xlsx: result.xlsx });
      } catch (error) {
        failed(error);
      } finally {
        setBusy(false);
      }
    };
    try {
      // A file of the pack's name already there: an earlier pack waits for "Replace it?"; anything else is refused, named.
      await (typeFolder ? target.save(pdfIn(folder.trim(), template), send) : send(false));
    } catch (error) {
      failed(error);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)} aria-labelledby="pack-export-heading">
      <ErrorSummary errors={errors} focusKey={attempts} />
      {saved ? (
        <NotificationBanner key={attempts} title="Success" heading="The pack has been saved">
          <p className="body">
            PDF: <code className="path" data-testid="pack-saved-pdf">{saved.pdf}</code>
          </p>
          <p className="body">
            Workbook: <code className="path" data-testid="pack-saved-xlsx">{saved.xlsx}</code>
          </p>
        </NotificationBanner>
      ) : null}
      {typeFolder ? (
        <TextField
          id={FOLDER_FIELD}
          label="Folder to save them in"
          hint="The full path of a folder, for example /home/you/board-packs. Both files are saved there."
          value={folder}
          onChange={setFolder}
          error={errorFor(errors, FOLDER_FIELD)}
          width="full"
          disabled={busy}
        />
      ) : (
        <p className="body">You will be asked where to save them.</p>
      )}
      <ReplaceQuestion target={target} what="board pack (its PDF and workbook)" />
      <button type="submit" className="button" disabled={busy || target.asking !== null}>
        {busy ? 'Saving…' : 'Save the PDF and the workbook'}
      </button>
    </form>
  );
}
