import { useEffect, useMemo, useState } from 'react';
import type { ProgrammeDefinition } from '../../../../shared/ipc/channels/cohort.js';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { mayUse } from '../../app/session.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { TextField } from '../../components/TextField.js';
import { useDebounced } from '../matching/use-debounced.js';
import { useEngineValue } from '../matching/use-engine-value.js';
import { ClaimReport } from './ClaimReport.js';
import { CohortBreakdown } from './CohortBreakdown.js';
import { CohortGrid } from './CohortGrid.js';
import { FamilyDrawer } from './FamilyDrawer.js';
import { WhatIfEditor } from './WhatIfEditor.js';
import { countText } from './family-text.js';
import './families.css';

interface FamiliesPageProps {
  info: AppInfo;
  openPerson?(personId: string): void;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The Families page: a programme and as-of date, the cohort with its evidence, what-ifs and outcomes. */
export function FamiliesPage({ info, openPerson }: FamiliesPageProps) {
  const session = info.store.session;
  const canEvaluate = mayUse(session, 'cohort:evaluate');
  const canSeeEvidence = mayUse(session, 'cohort:family');
  const programmes = useEngineValue('programme:list', canEvaluate ? {} : null);
  const sources = useEngineValue('sources:list', canEvaluate ? {} : null);
  const [programme, setProgramme] = useState('troubled-families-phase-1');
  const [asOf, setAsOf] = useState('');
  const [draft, setDraft] = useState<ProgrammeDefinition | null>(null);
  const [open, setOpen] = useState<{ familyId: string; view: 'evidence' | 'outcomes' } | null>(null);
  const [refresh, setRefresh] = useState(0);

  // The latest extract's as-of date is where a cohort usually starts.
  useEffect(() => {
    if (asOf || sources.state.status !== 'loaded') return;
    const latest = sources.state.value.map((s) => s.asOf).sort().at(-1);
    setAsOf(latest ?? new Date().toISOString().slice(0, 10));
  }, [sources.state, asOf]);

  const shown = useEngineValue('programme:show', canEvaluate ? { programme } : null, refresh);
  const definition = shown.state.status === 'loaded' ? shown.state.value : null;
  useEffect(() => setDraft(null), [programme, refresh]);
  const settledDraft = useDebounced(draft, 250);
  const request = useMemo(
    () => (canEvaluate && ISO.test(asOf) ? { programme, asOf, limit: 2000, ...(settledDraft ? { definition: settledDraft } : {}) } : null),
    [canEvaluate, programme, asOf, settledDraft],
  );
  const cohort = useEngineValue('cohort:evaluate', request, refresh);

  if (!canEvaluate) {
    return (
      <>
        <h1 className="heading-l" tabIndex={-1}>
          Families
        </h1>
        <p className="body" data-testid="families-role-note">
          Families span every partner’s records, so they are for analysts and co-ordinators.
        </p>
      </>
    );
  }

  const programmeOptions = programmes.state.status === 'loaded' ? programmes.state.value.map((p) => ({ value: p.name, label: `${p.title}${p.preset ? '' : ` (v${p.latestVersion})`}` })) : [{ value: programme, label: programme }];

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Families
      </h1>
      <p className="body lead">Which families meet a programme’s criteria on a date, the evidence for each, and which have been turned around.</p>
      {!canSeeEvidence ? (
        <p className="body" data-testid="families-role-note">
          As a {session?.role} you see pseudonymous family IDs and counts. Small counts are hidden and the rest rounded to the nearest 5.
        </p>
      ) : null}
      <div className="families-controls">
        <SelectField id="families-programme" label="Programme" value={programme} options={programmeOptions} onChange={setProgramme} />
        <TextField id="families-as-of" label="As-of date" type="date" width="date" value={asOf} onChange={setAsOf} error={asOf && !ISO.test(asOf) ? 'Enter a date' : undefined} />
      </div>
      {definition ? <p className="body families-note" data-testid="programme-source">Source: {definition.definition.source}</p> : null}

      {cohort.state.status === 'loading' ? (
        <p className="body" role="status">
          Working out the cohort…
        </p>
      ) : cohort.state.status === 'failed' ? (
        <ErrorSummary title="The cohort could not be worked out" errors={[{ message: cohort.state.message }]} />
      ) : (
        <>
          <section aria-labelledby="cohort-heading" className="families-section">
            <h2 className="heading-m" id="cohort-heading">
              Cohort
            </h2>
            <p className="body" data-testid="cohort-count" role="status">
              <strong>{countText(cohort.state.value.qualifying)}</strong> families qualify
              {cohort.state.value.target ? ` against a target of ${cohort.state.value.target.toLocaleString('en-GB')}` : ''} ({cohort.state.value.programme.name} version{' '}
              {cohort.state.value.programme.version}
              {cohort.state.value.programme.edited ? ', edited: not saved' : ''}, as of {new Date(`${cohort.state.value.asOf}T00:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC' })}, matching run{' '}
              {cohort.state.value.linkRun ?? 'none'}; worked out in {cohort.state.value.millis} ms).
            </p>
            {cohort.state.value.messages.map((m) => (
              <p className="body families-note" key={m}>
                {m}
              </p>
            ))}
            <CohortBreakdown summary={cohort.state.value} />
          </section>
          {definition ? (
            <WhatIfEditor
              programme={definition}
              draft={draft ?? definition.definition}
              edited={draft !== null}
              canSave={mayUse(session, 'programme:save')}
              onChange={setDraft}
              onReset={() => setDraft(null)}
              onSaved={(name) => {
                setProgramme(name);
                setRefresh((n) => n + 1);
                programmes.reload();
              }}
            />
          ) : null}
          <CohortGrid summary={cohort.state.value} canSeeEvidence={canSeeEvidence} onOpen={(familyId, view) => setOpen({ familyId, view })} />
          {open && canSeeEvidence ? (
            <FamilyDrawer programme={programme} asOf={asOf} definition={settledDraft} familyId={open.familyId} view={open.view} onClose={() => setOpen(null)} {...(openPerson && mayUse(session, 'baseline:person') ? { openPerson } : {})} />
          ) : null}
          <ClaimReport programme={programme} asOf={asOf} />
        </>
      )}
    </>
  );
}
