// Handlers for the governance feature's channels (shared/ipc/channels/governance.ts).
import type { GOVERNANCE_CHANNELS } from '../../../shared/ipc/channels/governance.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { dataProtectionRecord } from '../governance/dp-record.js';
import { exportDataProtectionRecord } from '../governance/dp-record-export.js';
import { exportsFolderPath, typedExportPath } from '../governance/export-path.js';
import { purgeAndRelink } from '../governance/purge-job.js';
import { createRecoveryCode, recoveryStatus, recoveryUsers, resetWithRecoveryCode } from '../governance/recovery.js';
import { writeCsvFile } from '../export/csv-writer.js';
import type { EngineContext, HandlersFor } from './context.js';
import { typedMachineExportPath } from './export-target.js';

export function governanceHandlers(context: EngineContext): HandlersFor<keyof typeof GOVERNANCE_CHANNELS> {
  // Wrong recovery codes cannot be audited while the store is locked; the next reset records them.
  let failedRecoveries = 0;

  const refuseWhileUnlocked = (): void => {
    let open = false;
    try {
      context.requireStore();
      open = true;
    } catch {
      // locked or missing: recovery is what the user needs
    }
    if (open) throw new WorkbenchError('conflict', 'The store is unlocked: change your passphrase in Audit & settings instead.');
  };

  const countFailure = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof WorkbenchError && error.kind === 'wrong-passphrase') failedRecoveries++;
      throw error;
    }
  };

  return {
    'governance:record': ({ printed }) => {
      const store = context.requireStore();
      const made = dataProtectionRecord(store);
      if (printed) store.audit(context.user(), 'dp-record-exported', { sources: made.sources.length, events: made.processing.events.length, users: made.users.length, format: 'json' });
      return made;
    },
    'governance:exportRecord': async ({ path, replace }) => {
      const store = context.requireStore();
      const { host, storePath, chooseSaveFile } = context.options();
      // In Electron the renderer never names paths (as for files:fromPath): the save dialog does,
      // or, with no dialog to show, the exports folder beside the store. The answer says where.
      if (host === 'electron' && path !== undefined) throw new WorkbenchError('forbidden', 'Choose where to save with the save dialog.');
      if (host !== 'electron' && path === undefined) throw new WorkbenchError('bad-input', 'Type where to save the record, ending in .xlsx.');
      let out: string;
      if (path !== undefined) out = typedExportPath(path, '.xlsx', { storePath, kind: 'dp-record', force: replace === true });
      else if (chooseSaveFile) {
        const chosen = await chooseSaveFile({ suggestedName: 'data-protection-record.xlsx', filter: { name: 'Excel workbook', extension: 'xlsx' } });
        if (chosen === null) return { saved: false, path: null, sources: 0, events: 0, users: 0 };
        out = chosen.toLowerCase().endsWith('.xlsx') ? chosen : `${chosen}.xlsx`;
      } else out = exportsFolderPath(storePath, 'data-protection-record', '.xlsx');
      const written = exportDataProtectionRecord(store, out);
      return { saved: true, ...written, checkpoint: store.sealAuditHead() };
    },
    'governance:purge': ({ sourceId, confirmFileName }) => {
      const store = context.requireStore();
      const source = store.reader.prepare('SELECT file_name FROM source WHERE id = ?').get(sourceId) as { file_name: string } | undefined;
      if (!source) throw new WorkbenchError('not-found', `There is no source ${sourceId}.`);
      if (confirmFileName.trim() !== source.file_name) throw new WorkbenchError('bad-input', 'Type the file name exactly as shown to confirm. Nothing was deleted.');
      return { job: context.jobs.start('governance:purge', (job) => purgeAndRelink(store, sourceId, job)) };
    },
    'governance:recoveryStatus': () => recoveryStatus(context.requireStore().keyPath),
    'governance:recoveryCreate': () => createRecoveryCode(context.requireStore()),
    'governance:recoveryCheck': ({ code }) => {
      refuseWhileUnlocked();
      const users = countFailure(() => recoveryUsers(context.options().storePath, code));
      return { users: users.map((u) => ({ user: u.user, role: u.role })) };
    },
    'governance:recoveryReset': ({ code, user, newPassphrase }) => {
      refuseWhileUnlocked();
      const reset = countFailure(() => resetWithRecoveryCode(context.options().storePath, code, user, newPassphrase, failedRecoveries));
      failedRecoveries = 0;
      return { user: reset.user };
    },
    'audit:export': ({ path, replace }) => {
      const store = context.requireStore();
      const out = typedMachineExportPath(context, path, 'audit', replace);
      const events = store.reader.prepare('SELECT * FROM audit_event ORDER BY id').iterate() as IterableIterator<Record<string, string | number>>;
      function* lines(): Generator<Array<string | number | undefined>> {
        yield ['id', 'at', 'actor', 'action', 'payload', 'prev_hash', 'hash'];
        for (const e of events) yield [e.id, e.at, e.actor, e.action, e.payload_json, e.prev_hash, e.hash];
      }
      // Actors and payloads are opened in a spreadsheet: formula-like text is kept as text.
      const n = writeCsvFile(out, lines(), { forPeople: true }) - 1;
      store.audit(context.user(), 'audit-exported', { events: n });
      // The head after this export is the checkpoint: kept elsewhere, it proves later that the
      // trail up to here was not rewritten.
      return { path: out, events: n, checkpoint: store.sealAuditHead() };
    },
  };
}
