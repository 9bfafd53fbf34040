import { useState } from 'react';
import type { ProgrammeDefinition, ProgrammeVersion } from '../../../../shared/ipc/channels/cohort.js';
import { workbench } from '../../api/client.js';
import { plainErrorMessage } from '../../components/error-message.js';

interface WhatIfEditorProps {
  programme: ProgrammeVersion;
  draft: ProgrammeDefinition;
  edited: boolean;
  canSave: boolean;
  onChange(next: ProgrammeDefinition): void;
  onReset(): void;
  onSaved(name: string): void;
}

/**
 * What-if: every threshold of the programme (and its local filter) as a number; a change is
 * evaluated in the engine at once without saving. Presets are copied to be saved; a copy's edits
 * are saved as its next version.
 */
export function WhatIfEditor({ programme, draft, edited, canSave, onChange, onReset, onSaved }: WhatIfEditorProps) {
  const [copyName, setCopyName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const criteria = [...draft.criteria.map((c, ci) => ({ c, ci })), ...(draft.localFilter ? [{ c: draft.localFilter, ci: -1 }] : [])];
  const setThreshold = (ci: number, ti: number, value: number) => {
    const edit = (c: ProgrammeDefinition['criteria'][number]) => ({ ...c, tests: c.tests.map((t, i) => (i === ti ? { ...t, threshold: value } : t)) });
    onChange(ci < 0 ? { ...draft, localFilter: edit(draft.localFilter!) } : { ...draft, criteria: draft.criteria.map((c, i) => (i === ci ? edit(c) : c)) });
  };
  const save = async () => {
    setMessage(null);
    try {
      if (programme.preset) {
        const copy = await workbench.call('programme:copy', { from: programme.name, name: copyName.trim() });
        if (edited) await workbench.call('programme:save', { name: copy.name, definition: { ...draft, title: copy.definition.title } });
        setMessage(`Saved as ${copy.name}.`);
        onSaved(copy.name);
      } else {
        const v = await workbench.call('programme:save', { name: programme.name, definition: draft });
        setMessage(`Saved as version ${v.version}; earlier versions are kept.`);
        onSaved(v.name);
      }
    } catch (error) {
      setMessage(plainErrorMessage(error));
    }
  };
  return (
    <section aria-labelledby="whatif-heading" className="families-section">
      <h2 className="heading-m" id="whatif-heading">
        What if
      </h2>
      <p className="body">Change a threshold to see the counts move. Nothing is saved until you save it{programme.preset ? ' as your own copy (presets cannot be changed)' : ''}.</p>
      {criteria.map(({ c, ci }) => (
        <fieldset className="fieldset families-fieldset" key={`${c.id}-${ci}`}>
          <legend className="heading-s">{c.label}</legend>
          {c.tests.map((t, ti) =>
            t.measure === 'open' ? (
              <p className="body families-note" key={t.id}>
                {t.label}
              </p>
            ) : (
              <div className="families-threshold" key={t.id}>
                <label className="label" htmlFor={`t-${c.id}-${t.id}`}>
                  {t.label} — {t.measure === 'rate' ? 'percentage at or above' : 'count at or above'}
                </label>
                <input
                  className="input input--short"
                  id={`t-${c.id}-${t.id}`}
                  type="number"
                  min={0}
                  max={t.measure === 'rate' ? 100 : 1000}
                  value={t.threshold}
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    if (Number.isFinite(v) && v >= 0) setThreshold(ci, ti, v);
                  }}
                />
              </div>
            ),
          )}
        </fieldset>
      ))}
      {edited ? (
        <button type="button" className="button button--secondary" onClick={onReset}>
          Undo changes
        </button>
      ) : null}
      {canSave ? (
        <div className="families-save">
          {programme.preset ? (
            <>
              <label className="label" htmlFor="copy-name">
                Name for your copy (lower-case letters, digits and hyphens)
              </label>
              <input className="input input--one-third" id="copy-name" value={copyName} onChange={(e) => setCopyName(e.target.value)} />{' '}
            </>
          ) : null}
          <button type="button" className="button" onClick={() => void save()} disabled={(programme.preset && !copyName.trim()) || (!programme.preset && !edited)}>
            {programme.preset ? 'Save as a copy' : 'Save as a new version'}
          </button>
          {message ? (
            <p className="body" role="status">
              {message}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
