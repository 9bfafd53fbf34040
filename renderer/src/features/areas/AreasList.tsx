import { useState } from 'react';
import type { AreaRow } from '../../../../shared/ipc/channels/areas.js';
import { toWorkbenchError, workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { formatIsoDate } from '../../components/format.js';

const KIND_LABEL: Record<AreaRow['kind'], string> = { target: 'Target neighbourhood', ward: 'Ward', custom: 'Other area' };

interface AreasListProps {
  areas: readonly AreaRow[];
  outlined: ReadonlySet<string>;
  canChange: boolean;
  onOutline(name: string, on: boolean): void;
  onProfile(name: string): void;
  onDeleted(): void;
}

export function AreasList({ areas, outlined, canChange, onOutline, onProfile, onDeleted }: AreasListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const remove = async (name: string) => {
    setError(null);
    try {
      await workbench.call('areas:delete', { name });
      setConfirming(null);
      onDeleted();
    } catch (e) {
      setError(toWorkbenchError(e).message);
    }
  };

  if (areas.length === 0) return <p className="body">No areas yet. Select LSOAs on the map to build one, or create one from a ward.</p>;
  return (
    <>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      <div className="table-wrapper">
        <table className="table">
          <caption className="table__caption visually-hidden">Areas</caption>
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col">Kind</th>
              <th scope="col">LSOAs</th>
              <th scope="col">Outline on map</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.name}
                  {a.origin || a.effectiveDate ? (
                    <span className="table__detail">
                      {a.origin ?? ''}
                      {a.effectiveDate ? `${a.origin ? '; ' : ''}from ${formatIsoDate(a.effectiveDate)}` : ''}
                    </span>
                  ) : null}
                </th>
                <td>{KIND_LABEL[a.kind]}</td>
                <td className="numeric">
                  {a.lsoas.length} (LSOA {a.vintage})
                </td>
                <td>
                  <input type="checkbox" className="checkbox-small" checked={outlined.has(a.name)} onChange={(e) => onOutline(a.name, e.target.checked)} aria-label={`Outline ${a.name} on the map`} />
                </td>
                <td>
                  <div className="button-group button-group--inline">
                    <button type="button" className="button button--secondary" onClick={() => onProfile(a.name)}>
                      View profile<span className="visually-hidden"> of {a.name}</span>
                    </button>
                    {canChange && confirming !== a.name ? (
                      <button type="button" className="button button--warning" onClick={() => setConfirming(a.name)}>
                        Delete<span className="visually-hidden"> {a.name}</span>
                      </button>
                    ) : null}
                    {canChange && confirming === a.name ? (
                      <>
                        <button type="button" className="button button--warning" onClick={() => void remove(a.name)}>
                          Yes, delete {a.name}
                        </button>
                        <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                          Keep it
                        </button>
                      </>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
