import { useState, type FormEvent } from 'react';
import type { AreaRow, Vintage } from '../../../../shared/ipc/channels/areas.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { RadioGroup } from '../../components/RadioGroup.js';
import { SelectField } from '../../components/SelectField.js';
import { TextField } from '../../components/TextField.js';
import { WarningText } from '../../components/WarningText.js';
import { errorFor, type FormError } from '../../components/form-error.js';

const NAME_FIELD = 'area-name';
const TARGET_FIELD = 'area-target';

interface AreaBuilderProps {
  selected: readonly string[];
  vintage: Vintage | null;
  areas: readonly AreaRow[];
  onChanged(area: AreaRow): void;
  onClear(): void;
}

/** Turns the LSOAs selected on the map (or in the list) into a new area, or adds/removes them in one. */
export function AreaBuilder({ selected, vintage, areas, onChanged, onClear }: AreaBuilderProps) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'target' | 'custom'>('target');
  const sameVintage = areas.filter((a) => a.vintage === vintage);
  const [target, setTarget] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [done, setDone] = useState<{ heading: string; warnings: string[] } | null>(null);
  const chosenTarget = sameVintage.some((a) => a.name === target) ? target : (sameVintage[0]?.name ?? '');

  const fail = (next: FormError[]) => {
    setErrors(next);
    setAttempts((n) => n + 1);
  };

  const act = async (work: () => Promise<{ area: AreaRow; warnings: string[] }>, heading: (area: AreaRow) => string, fieldId?: string) => {
    fail([]);
    setDone(null);
    try {
      const { area, warnings } = await work();
      setDone({ heading: heading(area), warnings });
      onChanged(area);
      onClear();
    } catch (error) {
      fail([{ message: toWorkbenchError(error).message, ...(fieldId ? { fieldId } : {}) }]);
    }
  };

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() === '') {
      fail([{ fieldId: NAME_FIELD, message: 'Enter a name for the area' }]);
      return;
    }
    void act(
      () => workbench.call('areas:create', { name: name.trim(), kind, lsoas: [...selected], ...(vintage ? { vintage } : {}) }),
      (area) => `${area.name} has been created with ${area.lsoas.length} LSOAs`,
      NAME_FIELD,
    );
    setName('');
  };

  return (
    <section className="section" aria-labelledby="builder-heading">
      <h2 className="heading-m" id="builder-heading">
        Build an area from the map
      </h2>
      <ErrorSummary errors={errors} focusKey={attempts} />
      {done ? (
        <NotificationBanner title="Success" heading={done.heading}>
          {done.warnings.map((w) => (
            <p className="body" key={w}>
              {w}
            </p>
          ))}
        </NotificationBanner>
      ) : null}
      <p className="body" data-testid="selection-count">
        {selected.length === 0
          ? 'Select LSOAs by clicking them on the map (or with the arrow keys and Enter, or in the list under the map).'
          : `${selected.length} ${selected.length === 1 ? 'LSOA' : 'LSOAs'} selected${vintage ? ` (LSOA ${vintage} codes)` : ''}: ${selected.join(', ')}.`}
      </p>
      {selected.length > 0 ? (
        <>
          <form noValidate onSubmit={create} aria-label="Create an area">
            <TextField id={NAME_FIELD} label="Name of the new area" value={name} onChange={setName} error={errorFor(errors, NAME_FIELD)} />
            <RadioGroup
              id="area-kind"
              legend="What kind of area is it?"
              value={kind}
              onChange={(v) => setKind(v as 'target' | 'custom')}
              options={[
                { value: 'target', label: 'Target neighbourhood', hint: 'One of the neighbourhoods the programme works in.' },
                { value: 'custom', label: 'Other area', hint: 'Any other group of LSOAs, for a report or a comparison.' },
              ]}
            />
            <div className="button-group">
              <button type="submit" className="button">
                Create area
              </button>
              <button type="button" className="button button--secondary" onClick={onClear}>
                Clear selection
              </button>
            </div>
          </form>
          {sameVintage.length > 0 ? (
            <div className="subsection">
              <SelectField id={TARGET_FIELD} label="Or change an existing area" value={chosenTarget} options={sameVintage.map((a) => ({ value: a.name, label: `${a.name} (${a.lsoas.length} LSOAs)` }))} onChange={setTarget} />
              <div className="button-group">
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void act(() => workbench.call('areas:addLsoas', { name: chosenTarget, lsoas: [...selected] }), (a) => `${a.name} now has ${a.lsoas.length} LSOAs`, TARGET_FIELD)}
                >
                  Add selected LSOAs to this area
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => void act(() => workbench.call('areas:removeLsoas', { name: chosenTarget, lsoas: [...selected] }), (a) => `${a.name} now has ${a.lsoas.length} LSOAs`, TARGET_FIELD)}
                >
                  Remove selected LSOAs from this area
                </button>
              </div>
            </div>
          ) : null}
        </>
      ) : null}
      {areas.some((a) => a.vintage !== vintage) && vintage ? (
        <WarningText>Areas on other LSOA vintages are not shown on this map; they are carried across through the lookups in their profiles.</WarningText>
      ) : null}
    </section>
  );
}
