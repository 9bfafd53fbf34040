import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { WarningText } from '../../components/WarningText.js';
import { StorePaths } from '../setup/StorePaths.js';

/** Where the data is kept and how to back it up (DESIGN §2). */
export function StoreSection({ info }: { info: AppInfo }) {
  const { store } = info;
  return (
    <section className="section" aria-labelledby="store-heading">
      <h2 className="heading-m" id="store-heading">
        Store
      </h2>
      <p className="body">
        Everything the workbench holds is in one encrypted store file on this computer. Its key file, beside it, holds
        one key slot for each user&apos;s passphrase, and one for the recovery code if one has been made.
      </p>
      {store.networkShareWarning ? <WarningText>{store.networkShareWarning}</WarningText> : null}
      <StorePaths store={store} />
      <p className="body" data-testid="backup-note">
        The store cannot be opened without its key file. Back up with &ldquo;Back up the store&rdquo;: it copies the
        store and its key file together into one file, as they are at that moment. Copying the store file by hand
        while the workbench is open can miss the newest data, which waits in a file beside it.
      </p>
      {store.synthetic ? (
        <p className="body">
          This store holds synthetic demo data made by the demo generator. Keep real partner extracts in a store of their
          own.
        </p>
      ) : null}
      <dl className="summary-list summary-list--compact">
        <div className="summary-list__row">
          <dt className="summary-list__key">Workbench version</dt>
          <dd className="summary-list__value">{info.version}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Store version</dt>
          <dd className="summary-list__value">{store.schemaVersion}</dd>
        </div>
      </dl>
    </section>
  );
}
