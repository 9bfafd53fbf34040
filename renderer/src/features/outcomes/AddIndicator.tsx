import { useState, type FormEvent } from 'react';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { TextField } from '../../components/TextField.js';

const KINDS = [
  { value: 'asb-incident', label: 'ASB or crime incident (police)' },
  { value: 'offence', label: 'Offence (youth justice)' },
  { value: 'ae-attendance', label: 'A&E attendance (health)' },
  { value: 'exclusion', label: 'Exclusion (school)' },
  { value: 'attendance', label: 'Term attendance (school)' },
  { value: 'benefit-spell', label: 'Benefit spell (DWP)' },
  { value: 'tenancy', label: 'Tenancy (housing)' },
  { value: 'alternative-provision', label: 'Alternative provision (school)' },
];
const RULES = [
  { value: 'in-period', label: 'Dated in the period' },
  { value: 'open-at-period-end', label: 'Open on the last day of the period' },
  { value: 'absence-rate', label: 'Absence reaches a share of the term (attendance)' },
];
const DENOMINATORS = [
  { value: 'total', label: 'Everyone' },
  { value: 'children', label: 'Children (0–15)' },
  { value: 'working-age', label: 'Working age (16–64)' },
];

const whole = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** An analyst's own indicator: saved as data, a new version each time it is saved again. */
export function AddIndicator({ onSaved }: { onSaved(name: string): void }) {
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [count, setCount] = useState('events');
  const [kind, setKind] = useState('asb-incident');
  const [categories, setCategories] = useState('');
  const [rule, setRule] = useState('in-period');
  const [denominator, setDenominator] = useState('total');
  const [ageMin, setAgeMin] = useState('');
  const [ageMax, setAgeMax] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const row = await workbench.call('outcomes:saveIndicator', {
        name: name.trim(),
        label: label.trim(),
        count: count as 'events' | 'people',
        eventKinds: [kind as 'asb-incident'],
        categories: categories.split(',').map((c) => c.trim()).filter(Boolean),
        rule: rule as 'in-period',
        denominator: denominator as 'total',
        ...(whole(ageMin) !== undefined ? { ageMin: whole(ageMin) } : {}),
        ...(whole(ageMax) !== undefined ? { ageMax: whole(ageMax) } : {}),
      });
      setSaved(`Saved ${row.label} (version ${row.version}).`);
      onSaved(row.name);
    } catch (e) {
      setError(toWorkbenchError(e).message);
    }
  };

  return (
    <details className="details">
      <summary>Add your own indicator</summary>
      <form aria-label="Add an indicator" onSubmit={(e) => void submit(e)} noValidate>
        {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
        {saved ? (
          <p className="body" role="status">
            {saved}
          </p>
        ) : null}
        <TextField id="indicator-name" label="Short name" hint="Lower-case letters, digits and hyphens, for example asb-repeat-victims" value={name} onChange={setName} />
        <TextField id="indicator-label" label="Title" value={label} onChange={setLabel} />
        <SelectField id="indicator-count" label="Count" value={count} options={[{ value: 'events', label: 'Events (each one)' }, { value: 'people', label: 'People (each once per period)' }]} onChange={setCount} />
        <SelectField id="indicator-kind" label="Events of this kind" value={kind} options={KINDS} onChange={setKind} />
        <TextField id="indicator-categories" label="Only these categories (optional)" hint="Words the category contains, separated by commas" value={categories} onChange={setCategories} />
        <SelectField id="indicator-rule" label="Counted when" value={rule} options={RULES} onChange={setRule} />
        <SelectField id="indicator-denominator" label="Per 1,000 of" value={denominator} options={DENOMINATORS} onChange={setDenominator} />
        <TextField id="indicator-age-min" label="Youngest age (optional)" value={ageMin} onChange={setAgeMin} inputMode="numeric" width="short" />
        <TextField id="indicator-age-max" label="Oldest age (optional)" value={ageMax} onChange={setAgeMax} inputMode="numeric" width="short" />
        <button type="submit" className="button">
          Save indicator
        </button>
      </form>
    </details>
  );
}
