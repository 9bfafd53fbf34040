import { useState, type FormEvent } from 'react';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { TextField } from '../../components/TextField.js';

const FIELD = 'borough-code';

/** Which district profiles compare an area with (a code such as E08000018, or a name). */
export function BoroughForm({ current, onChanged }: { current: string | null; onChanged(): void }) {
  const [value, setValue] = useState(current ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(null);
    if (value.trim() === '') {
      setError('Enter a district code or name');
      return;
    }
    try {
      const { borough } = await workbench.call('geo:setBorough', { borough: value.trim() });
      setError(undefined);
      setSaved(borough);
      onChanged();
    } catch (e) {
      setError(toWorkbenchError(e).message);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label="Borough compared with">
      <TextField
        id={FIELD}
        label="District that profiles compare with"
        hint="Its code (Rotherham is E08000018) or its name as the imported files give it."
        value={value}
        onChange={setValue}
        error={error}
        width="one-third"
      />
      <button type="submit" className="button button--secondary">
        Save district
      </button>
      {saved ? (
        <p className="body" role="status">
          Profiles now compare with {saved}.
        </p>
      ) : null}
    </form>
  );
}
