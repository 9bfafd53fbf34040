import type { StoreStatus } from '../../../../shared/ipc/contract.js';

/** Where the store and its key file live: users need both paths to back up (DESIGN §2). */
export function StorePaths({ store }: { store: StoreStatus }) {
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt className="summary-list__key">Store file</dt>
        <dd className="summary-list__value">
          <code className="path">{store.path}</code>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Key file</dt>
        <dd className="summary-list__value">
          <code className="path">{store.keyPath}</code>
        </dd>
      </div>
    </dl>
  );
}
