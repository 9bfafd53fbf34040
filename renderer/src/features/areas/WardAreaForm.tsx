import { useState, type FormEvent } from 'react';
import type { AreaRow, WardRow } from '../../../../shared/ipc/channels/areas.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { TextField } from '../../components/TextField.js';
import { errorFor, type FormError } from '../../components/form-error.js';

const WARD_FIELD = 'ward-name';
const DATE_FIELD = 'ward-effective';

/** Distinct ward names, newest lookup first: the engine picks the ward version in force on the date. */
export function wardNames(wards: readonly WardRow[]): string[] {
  return [...new Set(wards.map((w) => w.name ?? w.code))].sort((a, b) => a.localeCompare(b));
}

export function WardAreaForm({ wards, onCreated }: { wards: readonly WardRow[]; onCreated(area: AreaRow): void }) {
  const names = wardNames(wards);
  const [ward, setWard] = useState(names[0] ?? '');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [created, setCreated] = useState<AreaRow | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    const problems: FormError[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.push({ fieldId: DATE_FIELD, message: 'Enter the date the area takes effect, for example 2022-04-01' });
    setErrors(problems);
    setAttempts((n) => n + 1);
    if (problems.length > 0) return;
    try {
      const { area } = await workbench.call('areas:create', { name: `${ward} (wards from ${date})`, kind: 'ward', ward, effectiveDate: date });
      setCreated(area);
      onCreated(area);
    } catch (error) {
      setErrors([{ fieldId: WARD_FIELD, message: toWorkbenchError(error).message }]);
      setAttempts((n) => n + 1);
    }
  };

  if (names.length === 0) return <p className="body">Import an LSOA to ward lookup to create areas from wards.</p>;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label="Create an area from a ward">
      <ErrorSummary errors={errors} focusKey={attempts} />
      <SelectField id={WARD_FIELD} label="Ward" value={ward} options={names.map((n) => ({ value: n, label: n }))} onChange={setWard} error={errorFor(errors, WARD_FIELD)} />
      <TextField
        id={DATE_FIELD}
        type="date"
        width="date"
        label="Date the area takes effect"
        hint="Wards are redrawn from time to time (Rotherham went from 21 to 25 wards in May 2021): the ward boundaries in force on this date are used."
        value={date}
        onChange={setDate}
        error={errorFor(errors, DATE_FIELD)}
      />
      <button type="submit" className="button">
        Create area from ward
      </button>
      {created ? (
        <p className="body" role="status">
          Created “{created.name}”: {created.lsoas.length} LSOAs from the {created.origin}.
        </p>
      ) : null}
    </form>
  );
}
