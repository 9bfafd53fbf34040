import type { Session } from './session.js';
import { signedInText } from '../features/settings/roles.js';
import './header.css';

interface HeaderProps {
  /** Present only while the store is unlocked. */
  onLock?: (() => void) | undefined;
  locking?: boolean;
  /** Who unlocked the store, shown beside the Lock button. */
  session?: Session | null | undefined;
  /** The open store's file name, so every screen says which store it shows. */
  storeName?: string | undefined;
}

export function Header({ onLock, locking = false, session, storeName }: HeaderProps) {
  return (
    <header className="header">
      <div className="header__container">
        <span className="header__product">Baseline Workbench</span>
        {storeName ? (
          <p className="header__session" data-testid="store-name">
            Store: {storeName}
          </p>
        ) : null}
        {session || onLock ? (
          <div className="header__account">
            {session ? (
              <p className="header__session" data-testid="signed-in-as">
                {signedInText(session)}
              </p>
            ) : null}
            {onLock ? (
              <button type="button" className="button button--inverse header__lock" onClick={onLock} disabled={locking}>
                {locking ? 'Locking…' : 'Lock'}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    </header>
  );
}
