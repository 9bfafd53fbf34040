import { useState } from 'react';
import type { AuditVerdict } from '../../../../shared/ipc/contract.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { OutcomePanel } from '../../components/OutcomePanel.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { TextField } from '../../components/TextField.js';
import { verdictText } from './audit-labels.js';

type CheckState =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; verdict: AuditVerdict }
  | { status: 'failed'; message: string };

/** "Check the audit trail": the engine recomputes every event's seal (audit:verify). */
export function AuditCheck() {
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  const [checks, setChecks] = useState(0);
  const [checkpoint, setCheckpoint] = useState('');

  const check = async () => {
    setState({ status: 'checking' });
    setChecks((n) => n + 1);
    try {
      const wanted = checkpoint.trim();
      setState({ status: 'done', verdict: await workbench.call('audit:verify', wanted ? { checkpoint: wanted } : {}) });
    } catch (error) {
      setState({ status: 'failed', message: plainErrorMessage(error, 'Only analysts can check the audit trail.') });
    }
  };

  const text = state.status === 'done' ? verdictText(state.verdict) : null;
  return (
    <div className="audit-check">
      {state.status === 'failed' ? (
        <ErrorSummary title="The audit trail could not be checked" errors={[{ message: state.message }]} focusKey={checks} />
      ) : null}
      {state.status === 'done' && text ? (
        <OutcomePanel
          key={checks}
          variant={state.verdict.ok ? 'success' : 'failure'}
          heading={text.heading}
          testId="audit-verdict"
        >
          <p className="body">{text.body}</p>
          {state.verdict.ok && state.verdict.checkpoint ? (
            <p className="body">The checkpoint is event {state.verdict.checkpoint.id}: the trail up to it has not been rewritten.</p>
          ) : null}
          {state.verdict.head ? (
            <p className="body">
              Checkpoint now (event {state.verdict.head.id}): <code className="path" data-testid="audit-head">{state.verdict.head.hash}</code>
            </p>
          ) : null}
          {state.verdict.ok ? null : (
            <p className="body">
              Do not change anything in the store. Keep a copy of the store file and its key file as they are now, and
              tell your information governance lead.
            </p>
          )}
        </OutcomePanel>
      ) : null}
      <TextField
        id="audit-checkpoint"
        label="Checkpoint (optional)"
        hint="A checkpoint printed by an earlier export and kept outside the store: the check then also proves it is still in the trail."
        value={checkpoint}
        onChange={setCheckpoint}
        width="full"
        disabled={state.status === 'checking'}
      />
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void check()}
        disabled={state.status === 'checking'}
      >
        {state.status === 'checking' ? 'Checking the audit trail…' : 'Check the audit trail'}
      </button>
    </div>
  );
}
