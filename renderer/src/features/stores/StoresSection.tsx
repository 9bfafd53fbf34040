import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RecentStore } from '../../../../shared/ipc/channels/stores.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { TextField } from '../../components/TextField.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { CreateStoreForm } from './CreateStoreForm.js';

const OPEN_FIELD = 'open-store-path';

interface StoresSectionProps {
  /** The engine now points at another store (locked): the app shows its Unlock page. */
  onSwitched(): void;
  /** Headed as a section of Settings, or a smaller block on the Unlock page. */
  headingLevel?: 2 | 3;
}

/** The stores this computer has opened (the real one, the demo, restored copies) and a switch. */
export function StoresSection({ onSwitched, headingLevel = 2 }: StoresSectionProps) {
  const [recent, setRecent] = useState<RecentStore[] | null>(null);
  const [dialog, setDialog] = useState(false);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempts, setAttempts] = useState(0);

  const load = useCallback(() => {
    workbench.call('stores:list', {}).then(
      (list) => {
        setRecent(list.recent);
        setDialog(list.fileChooser === 'dialog');
      },
      (problem: unknown) => setError(plainErrorMessage(problem)),
    );
  }, []);
  useEffect(load, [load]);

  const open = async (to: { path: string } | { token: string }) => {
    setAttempts((n) => n + 1);
    setError(null);
    try {
      await workbench.call('stores:open', to);
      onSwitched();
    } catch (problem) {
      setError(plainErrorMessage(problem));
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (path.trim() === '') {
      setAttempts((n) => n + 1);
      setError('Type the path of the store file to open');
      return;
    }
    void open({ path: path.trim() });
  };

  /** Electron: the native dialog chooses the file, and the renderer only ever sees a token. */
  const choose = async () => {
    setError(null);
    try {
      const chosen = await workbench.call('stores:choose', { purpose: 'store' });
      if (chosen) await open({ token: chosen.token });
    } catch (problem) {
      setAttempts((n) => n + 1);
      setError(plainErrorMessage(problem));
    }
  };

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="section" aria-labelledby="stores-heading">
      <Heading className={headingLevel === 2 ? 'heading-m' : 'heading-s'} id="stores-heading">
        Stores
      </Heading>
      {error ? <ErrorSummary title="The store could not be opened" errors={[{ message: error }]} focusKey={attempts} /> : null}
      <p className="body">
        Each store is kept apart, with its own key file and passphrases. Opening another store locks this one.
      </p>
      {recent && recent.length > 0 ? (
        <table className="table" data-testid="recent-stores">
          <caption className="visually-hidden">Stores opened on this computer</caption>
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Where</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {recent.map((s) => (
              <tr key={s.path}>
                <th scope="row">
                  {s.name}
                  {s.demo ? ' (demo)' : ''}
                </th>
                <td>
                  <code className="path">{s.path}</code>
                </td>
                <td>
                  {s.current ? (
                    <strong>Open now</strong>
                  ) : s.exists ? (
                    <button type="button" className="button button--secondary" onClick={() => void open({ path: s.path })}>
                      Open {s.name}
                    </button>
                  ) : (
                    'Not found'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {dialog ? (
        <button type="button" className="button button--secondary" onClick={() => void choose()}>
          Open another store…
        </button>
      ) : (
        <form noValidate onSubmit={submit}>
          <TextField id={OPEN_FIELD} label="Open another store" hint="The full path of its .db file; its .keys file must be beside it" value={path} onChange={setPath} width="full" />
          <button type="submit" className="button button--secondary">
            Open this store
          </button>
        </form>
      )}
      <CreateStoreForm onCreated={onSwitched} />
    </section>
  );
}
