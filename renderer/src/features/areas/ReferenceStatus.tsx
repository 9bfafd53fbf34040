import type { GeoStatus } from '../../../../shared/ipc/channels/areas.js';
import { formatCount } from '../../components/format.js';
import { BoroughForm } from './BoroughForm.js';

/** What reference data the store holds, in one short list. */
export function ReferenceStatus({ status, canChange, onChanged }: { status: GeoStatus; canChange: boolean; onChanged(): void }) {
  const nothing = status.releases.length === 0 && status.boundaries.length === 0 && status.changes.length === 0 && status.postcodeVintages.length === 0;
  return (
    <section className="section" aria-labelledby="reference-status-heading">
      <h2 className="heading-m" id="reference-status-heading">
        Reference data in this store
      </h2>
      {nothing ? (
        <p className="body">None yet. Import the Indices of Deprivation, the ONS lookups and the LSOA boundaries.</p>
      ) : (
        <dl className="summary-list" data-testid="reference-status">
          <div className="summary-list__row">
            <dt className="summary-list__key">Deprivation releases</dt>
            <dd className="summary-list__value">
              {status.releases.length === 0 ? 'none' : status.releases.map((r) => `${r.release} (LSOA ${r.vintage}, ${formatCount(r.lsoas)} LSOAs)`).join('; ')}
            </dd>
          </div>
          <div className="summary-list__row">
            <dt className="summary-list__key">Boundaries</dt>
            <dd className="summary-list__value">{status.boundaries.length === 0 ? 'none' : status.boundaries.map((b) => `LSOA ${b.vintage}: ${formatCount(b.lsoas)}`).join('; ')}</dd>
          </div>
          <div className="summary-list__row">
            <dt className="summary-list__key">Lookups</dt>
            <dd className="summary-list__value">
              {[
                ...status.postcodeVintages.map((v) => `postcode → LSOA ${v}`),
                ...status.changes.map((c) => `LSOA ${c.from} → ${c.to} (${c.fit === 'exact' ? 'exact fit with change codes' : 'best fit'})`),
                ...status.wards.map((w) => `${w.wards} wards (${w.year})`),
              ].join('; ') || 'none'}
            </dd>
          </div>
          {status.borough ? (
            <div className="summary-list__row">
              <dt className="summary-list__key">Borough compared with</dt>
              <dd className="summary-list__value">{status.borough}</dd>
            </div>
          ) : null}
        </dl>
      )}
      {canChange && !nothing ? (
        <details className="details">
          <summary className="details__summary">Change the district that profiles compare with</summary>
          <div className="details__text">
            <BoroughForm current={status.borough} onChanged={onChanged} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
