import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SourceKind } from '../../../../shared/domain/record-fields.js';
import type { PartnerRow } from '../../../../shared/ipc/channels/partners.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatIsoDate } from '../../components/format.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { TextField } from '../../components/TextField.js';
import { SOURCE_KIND_LABELS, SOURCE_KIND_OPTIONS } from './kinds.js';

interface PartnersSectionProps {
  /** Analysts keep the list; a partner user sees their own organisation's entry. */
  canManage: boolean;
  /** Bumped when an import may have named a new partner. */
  refreshKey: number;
}

const NAME_FIELD = 'partner-name';
const RENAME_FIELD = 'partner-rename-to';

/** The partner organisations: what each sends, its sources, presets and users; analysts add and rename them. */
export function PartnersSection({ canManage, refreshKey }: PartnersSectionProps) {
  const [partners, setPartners] = useState<PartnerRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [name, setName] = useState('');
  const [kinds, setKinds] = useState<SourceKind[]>([]);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [renameTo, setRenameTo] = useState('');
  const [error, setError] = useState<{ fieldId: string; message: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    workbench.call('partners:list', {}).then(
      (rows) => current && (setPartners(rows), setLoadError(null)),
      (problem: unknown) => current && setLoadError(plainErrorMessage(problem)),
    );
    return () => {
      current = false;
    };
  }, [refreshKey, reloads]);

  const act = useCallback(async (fieldId: string, work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
      setReloads((n) => n + 1);
    } catch (problem) {
      setError({ fieldId, message: plainErrorMessage(problem) });
    } finally {
      setBusy(false);
    }
  }, []);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError({ fieldId: NAME_FIELD, message: 'Enter the organisation’s name' });
    void act(NAME_FIELD, async () => {
      const saved = await workbench.call('partners:save', { name: name.trim(), kinds });
      setName('');
      setKinds([]);
      return `${saved.name} is on the partner list.`;
    });
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    if (!renameTo.trim()) return setError({ fieldId: RENAME_FIELD, message: 'Enter the new name' });
    void act(RENAME_FIELD, async () => {
      const moved = await workbench.call('partners:rename', { from: renaming, to: renameTo.trim() });
      setRenaming(null);
      setRenameTo('');
      const users = moved.usersToReissue.length ? ` ${moved.usersToReissue.join(', ')} still sign in for ${renaming}: remove and add them again for ${moved.partner.name}.` : '';
      return `${renaming} is now ${moved.partner.name}: ${moved.sources} source(s) and ${moved.presets} preset(s) moved.${users}`;
    });
  };

  return (
    <section className="section" aria-labelledby="partners-heading">
      <h2 className="heading-m" id="partners-heading">
        Partner organisations
      </h2>
      <p className="body">
        Each import is filed under a partner. Its saved layouts (presets) and its earlier extracts are what next month’s
        file is matched and compared with, whatever the file is called.
      </p>
      {error ? <ErrorSummary title="That was not saved" errors={[error]} /> : null}
      {done ? (
        <NotificationBanner title="Success" heading="Partner list updated">
          <p className="body" data-testid="partners-done">
            {done}
          </p>
        </NotificationBanner>
      ) : null}
      {loadError ? <ErrorSummary title="The partners could not be loaded" errors={[{ message: loadError }]} /> : null}
      {partners === null && !loadError ? (
        <p className="body" role="status">
          Loading partners…
        </p>
      ) : null}
      {partners && partners.length === 0 ? <p className="body">No partners yet: importing a file names one.</p> : null}
      {partners && partners.length > 0 ? (
        <div className="table-wrapper">
          <table className="table" data-testid="partners-table">
            <caption className="visually-hidden">Partner organisations</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Sends</th>
                <th scope="col">Sources</th>
                <th scope="col">Latest extract</th>
                <th scope="col">Presets</th>
                <th scope="col">Users</th>
                {canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.name}>
                  <th scope="row">
                    {p.name}
                    {p.listed ? null : <span className="table__detail">Named but not yet listed</span>}
                  </th>
                  <td>{p.kinds.map((k) => SOURCE_KIND_LABELS[k]).join(', ') || '–'}</td>
                  <td className="table__cell--numeric">{p.sources}</td>
                  <td>{p.latestAsOf ? formatIsoDate(p.latestAsOf) : '–'}</td>
                  <td>{p.presets.join(', ') || '–'}</td>
                  <td>{p.users.map((u) => u.user).join(', ') || '–'}</td>
                  {canManage ? (
                    <td>
                      <button type="button" className="button button--secondary button--small" onClick={() => (setRenaming(p.name), setRenameTo(p.name))}>
                        Rename<span className="visually-hidden"> {p.name}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canManage && renaming ? (
        <form noValidate onSubmit={rename} aria-label={`Rename ${renaming}`}>
          <TextField
            id={RENAME_FIELD}
            label={`New name for ${renaming}`}
            hint="Give the name of another partner to merge them: the sources and presets move across."
            value={renameTo}
            onChange={setRenameTo}
            error={error?.fieldId === RENAME_FIELD ? error.message : undefined}
          />
          <div className="button-group">
            <button type="submit" className="button" disabled={busy}>
              Rename
            </button>
            <button type="button" className="button button--secondary" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {canManage ? (
        <form noValidate onSubmit={add} aria-labelledby="partner-add-heading">
          <h3 className="heading-s" id="partner-add-heading">
            Add a partner
          </h3>
          <TextField id={NAME_FIELD} label="Organisation" value={name} onChange={setName} error={error?.fieldId === NAME_FIELD ? error.message : undefined} />
          <fieldset className="fieldset">
            <legend className="fieldset__legend">What it sends</legend>
            <div className="checkboxes">
              {SOURCE_KIND_OPTIONS.map((option) => (
                <div className="checkboxes__item" key={option.value}>
                  <input
                    className="checkboxes__input"
                    id={`partner-kind-${option.value}`}
                    type="checkbox"
                    checked={kinds.includes(option.value)}
                    onChange={(event) => setKinds((now) => (event.target.checked ? [...now, option.value] : now.filter((k) => k !== option.value)))}
                  />
                  <label className="label checkboxes__label" htmlFor={`partner-kind-${option.value}`}>
                    {option.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="button button--secondary" disabled={busy}>
            Add partner
          </button>
        </form>
      ) : null}
    </section>
  );
}
