interface HeaderProps {
  /** Present only while the store is unlocked. */
  onLock?: (() => void) | undefined;
  locking?: boolean;
}

export function Header({ onLock, locking = false }: HeaderProps) {
  return (
    <header className="header">
      <div className="header__container">
        <span className="header__product">Baseline Workbench</span>
        {onLock ? (
          <button type="button" className="button button--inverse header__lock" onClick={onLock} disabled={locking}>
            {locking ? 'Locking…' : 'Lock'}
          </button>
        ) : null}
      </div>
    </header>
  );
}
