import { useEffect, useState, type FormEvent } from 'react';
import type { AuditRow, UserRow } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Pagination } from '../../components/Pagination.js';
import { SelectField } from '../../components/SelectField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { focusElementById } from '../../components/focus-element.js';
import { actionLabel, actorOptions, auditCountText } from './audit-labels.js';
import { AuditCheck } from './AuditCheck.js';
import { AuditTable } from './AuditTable.js';
import './audit.css';

export const AUDIT_PAGE_SIZE = 20;
const ACTION_FIELD = 'audit-action';
const ACTOR_FIELD = 'audit-actor';

interface Filters {
  action: string;
  actor: string;
}
const NO_FILTERS: Filters = { action: '', actor: '' };

interface Loaded {
  startRow: number;
  rows: AuditRow[];
  total: number;
  actions: string[];
  actors: string[];
}

interface AuditTrailProps {
  /** Bumped after anything on the page that writes an event, so it shows at once. */
  refreshKey: number;
  /** The store's users, for the "User" filter. */
  users: readonly UserRow[];
}

/** Analysts only: the hash-chained record of who did what, newest first, paged by the engine. */
export function AuditTrail({ refreshKey, users }: AuditTrailProps) {
  const [page, setPage] = useState(0);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [data, setData] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const startRow = page * AUDIT_PAGE_SIZE;
    workbench
      .call('audit:page', {
        startRow,
        endRow: startRow + AUDIT_PAGE_SIZE,
        ...(applied.action ? { action: applied.action } : {}),
        ...(applied.actor ? { actor: applied.actor } : {}),
      })
      .then(
        (result) => {
          if (!current) return;
          setData({ startRow, ...result });
          setError(null);
          setLoading(false);
          // Fewer events than before (e.g. a narrower filter): go to the last page there is.
          const lastPage = Math.max(0, Math.ceil(result.total / AUDIT_PAGE_SIZE) - 1);
          if (page > lastPage) setPage(lastPage);
        },
        (failure: unknown) => {
          if (!current) return;
          setError(plainErrorMessage(failure, 'Only analysts can see the audit trail.'));
          setLoading(false);
        },
      );
    return () => {
      current = false;
    };
  }, [page, applied, refreshKey, attempt]);

  const filtered = applied.action !== '' || applied.actor !== '';
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setApplied(draft);
    setPage(0);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setApplied(NO_FILTERS);
    setPage(0);
    // The button goes away with the filters; carry on from the first filter.
    requestAnimationFrame(() => focusElementById(ACTION_FIELD));
  };

  const actions = [...new Set([...(data?.actions ?? []), ...(draft.action ? [draft.action] : [])])].sort((a, b) =>
    actionLabel(a).localeCompare(actionLabel(b), 'en-GB'),
  );
  const actors = actorOptions(users, (data?.actors ?? []).map((actor) => ({ actor })), draft.actor);
  const pageCount = data ? Math.ceil(data.total / AUDIT_PAGE_SIZE) : 0;

  return (
    <section className="section" aria-labelledby="audit-heading">
      <h2 className="heading-m" id="audit-heading">
        Audit trail
      </h2>
      <p className="body">
        Every import, export, sign-in and change to users is written here, newest first. Each event is sealed with the
        one before it, so an event that is changed or removed afterwards is found by the check below. Events hold IDs
        and counts only, never anyone&apos;s personal details.
      </p>

      <AuditCheck />

      <form className="filters" noValidate onSubmit={apply} aria-label="Filter the audit trail">
        <SelectField
          id={ACTION_FIELD}
          label="What happened"
          value={draft.action}
          options={[{ value: '', label: 'All actions' }, ...actions.map((a) => ({ value: a, label: actionLabel(a) }))]}
          onChange={(action) => setDraft((prev) => ({ ...prev, action }))}
        />
        <SelectField
          id={ACTOR_FIELD}
          label="Who did it"
          value={draft.actor}
          options={[{ value: '', label: 'All users' }, ...actors.map((a) => ({ value: a, label: a }))]}
          onChange={(actor) => setDraft((prev) => ({ ...prev, actor }))}
        />
        <div className="filters__buttons">
          <button type="submit" className="button button--secondary">
            Apply filters
          </button>
          {filtered ? (
            <button type="button" className="link-button filters__clear" onClick={clear}>
              Clear filters
            </button>
          ) : null}
        </div>
      </form>

      {error ? (
        <>
          <ErrorSummary title="The audit trail could not be loaded" errors={[{ message: error }]} />
          <button type="button" className="button button--secondary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </>
      ) : null}

      <p className="body" role="status" data-testid="audit-count">
        {data === null
          ? loading
            ? 'Loading the audit trail…'
            : ''
          : auditCountText(data.startRow, data.rows.length, data.total, filtered)}
      </p>
      {data && data.rows.length > 0 ? <AuditTable rows={data.rows} /> : null}
      <Pagination
        label="Audit trail pages"
        page={page}
        pageCount={pageCount}
        onPage={setPage}
        disabled={loading}
      />
    </section>
  );
}
