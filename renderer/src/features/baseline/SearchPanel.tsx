import { useEffect, useState } from 'react';
import type { SearchResponse } from '../../../../shared/ipc/channels/baseline.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatIsoDate } from '../../components/format.js';
import type { BaselineView } from './BaselinePage.js';

/** Type-ahead search: the engine does the work (off this thread); the page waits for typing to pause. */
export function SearchPanel({ onOpen }: { onOpen(view: BaselineView): void }) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const text = query.trim();
    if (text.length < 3) {
      setResult(null);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      workbench.call('baseline:search', { query: text, limit: 20 }).then(
        (value) => {
          if (!current) return;
          setError(null);
          setResult(value);
        },
        (e: unknown) => current && setError(plainErrorMessage(e)),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <section className="section" aria-labelledby="baseline-search-heading">
      <h2 className="heading-m" id="baseline-search-heading">
        Find a person
      </h2>
      <div className="form-group">
        <label className="label" htmlFor="baseline-search">
          Name, date of birth, postcode, address or reference
        </label>
        <div className="hint" id="baseline-search-hint">
          For example “Bill Smith 1980”, “S60 1AB” or an NHS number. Misspellings and nicknames are found too.
        </div>
        <input
          className="input input--two-thirds"
          id="baseline-search"
          type="search"
          value={query}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="baseline-search-hint"
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {error ? <ErrorSummary title="The search did not work" errors={[{ message: error }]} /> : null}
      <p className="body" role="status" data-testid="baseline-search-status">
        {result === null ? '' : result.run === null ? 'Run matching first: there are no people yet.' : result.hits.length === 0 ? 'Nobody found.' : `${result.hits.length} ${result.hits.length === 1 ? 'person' : 'people'} found`}
      </p>
      {result && result.hits.length > 0 ? (
        <div className="table-wrapper">
          <table className="table" data-testid="baseline-search-results">
            <caption className="table__caption visually-hidden">People found</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Date of birth</th>
                <th scope="col" className="numeric">Age</th>
                <th scope="col">Household</th>
                <th scope="col">Postcode</th>
                <th scope="col">Area</th>
                <th scope="col">Sources</th>
              </tr>
            </thead>
            <tbody>
              {result.hits.map((h) => (
                <tr key={h.personId}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => onOpen({ kind: 'person', id: h.personId })}>
                      {[h.forename, h.surname].filter(Boolean).join(' ') || 'No name'}
                    </button>{' '}
                    <span className="table__detail">{h.personId}</span>
                  </th>
                  <td>{h.dob ? formatIsoDate(h.dob) : 'Not known'}</td>
                  <td className="numeric">{h.age ?? ''}</td>
                  <td>
                    {h.householdId ? (
                      <button type="button" className="link-button" onClick={() => onOpen({ kind: 'household', id: h.householdId! })}>
                        {h.householdId}
                      </button>
                    ) : null}
                  </td>
                  <td>{h.postcode ?? ''}</td>
                  <td>{h.lsoa ?? ''}</td>
                  <td>{h.sources.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
