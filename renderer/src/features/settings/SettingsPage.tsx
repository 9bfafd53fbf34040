import { useCallback, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { mayUse } from '../../app/session.js';
import { AuditTrail } from '../audit/AuditTrail.js';
import { DataProtectionPage } from '../data-protection/DataProtectionPage.js';
import { AccountSection } from './AccountSection.js';
import { DataProtectionSection } from './DataProtectionSection.js';
import { RecoverySection } from './RecoverySection.js';
import { StoreSection } from './StoreSection.js';
import { useUsers } from './use-users.js';
import { UsersSection } from './UsersSection.js';
import { BackupSection } from '../stores/BackupSection.js';
import { RestoreSection } from '../stores/RestoreSection.js';
import { StoresSection } from '../stores/StoresSection.js';
import './settings.css';

interface SettingsPageProps {
  info: AppInfo;
  /** Something changed the store's status (a purge changes the overdue count). */
  onStoreChanged?(): void;
}

/**
 * Audit & settings: your account for everyone; users and the audit trail for analysts (the
 * engine refuses anyone else, so hiding them only saves a refusal); where the store is kept.
 */
export function SettingsPage({ info, onStoreChanged }: SettingsPageProps) {
  const session = info.store.session;
  const manageUsers = mayUse(session, 'users:list');
  const seeAudit = mayUse(session, 'audit:page');
  const seeRecord = mayUse(session, 'governance:record');
  // The data protection record is a page of its own, opened from here and back again.
  const [view, setView] = useState<'settings' | 'record'>('settings');
  // Anything that writes an audit event bumps this, so the trail shows it straight away.
  const [auditKey, setAuditKey] = useState(0);
  const [usersKey, setUsersKey] = useState(0);
  const users = useUsers(manageUsers, usersKey);

  const auditChanged = useCallback(() => setAuditKey((n) => n + 1), []);
  const usersChanged = useCallback(() => {
    setUsersKey((n) => n + 1);
    setAuditKey((n) => n + 1);
  }, []);

  if (view === 'record') {
    return (
      <DataProtectionPage
        info={info}
        onBack={() => {
          setView('settings');
          setAuditKey((n) => n + 1);
        }}
        onStoreChanged={onStoreChanged}
      />
    );
  }

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Audit &amp; settings
      </h1>
      <p className="body lead">
        {manageUsers
          ? 'Your account, the people who can unlock this store, the record of who did what, and where the data is kept.'
          : 'Your account and where the data is kept.'}
      </p>
      {!manageUsers || !seeAudit ? (
        <p className="body" data-testid="settings-role-note">
          Only analysts can manage users and see the audit trail.
        </p>
      ) : null}

      <AccountSection session={session} onChanged={auditChanged} />
      {manageUsers ? (
        <UsersSection session={session} users={users.state} reloadUsers={users.reload} onChanged={usersChanged} />
      ) : null}
      {manageUsers ? <RecoverySection storePath={info.store.path} onChanged={auditChanged} /> : null}
      {seeRecord ? <DataProtectionSection overdue={info.store.overdueSources} onOpen={() => setView('record')} /> : null}
      {seeAudit ? (
        <AuditTrail refreshKey={auditKey} users={users.state.status === 'loaded' ? users.state.users : []} />
      ) : null}
      <StoreSection info={info} />
      {mayUse(session, 'store:backup') ? (
        <>
          <BackupSection
            info={info}
            onChanged={() => {
              auditChanged();
              onStoreChanged?.();
            }}
          />
          <RestoreSection storePath={info.store.path} onRestored={() => onStoreChanged?.()} dialog={info.fileChooser === 'dialog'} />
        </>
      ) : null}
      <StoresSection onSwitched={() => onStoreChanged?.()} />
    </>
  );
}
