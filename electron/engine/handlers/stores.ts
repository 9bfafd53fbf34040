// Handlers for the stores feature's channels (shared/ipc/channels/stores.ts): backup, restore,
// and creating, opening and switching stores.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { STORE_CHANNELS } from '../../../shared/ipc/channels/stores.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { exportsFolderPath, typedExportPath } from '../governance/export-path.js';
import { recordBackup } from '../store/backup-status.js';
import { restoreBackup, writeBackup } from '../store/backup.js';
import { checkNewPassphrase } from '../store/passphrase-rules.js';
import { readRecent, rememberStore } from '../store/recent-stores.js';
import { Store } from '../store/store.js';
import type { EngineContext, HandlersFor } from './context.js';

export function storeHandlers(context: EngineContext): HandlersFor<keyof typeof STORE_CHANNELS> {
  const home = (): string => context.homeDir();
  // The store the app started with is always offered, so the way back from the demo is there.
  // (Read on first use: the engine's options are set after its handlers are made.)
  let initial: string | null = null;
  const initialStore = (): string => (initial ??= resolve(context.options().storePath));
  const demoPath = (): string => join(home(), 'demo.db');

  /** Switches the engine to `path`, with `store` open on it (or locked), and remembers it. */
  const switchTo = (path: string, store: Store | null): void => {
    initialStore();
    context.switchStore(path, store);
    // The command line works on the store it is given and keeps no list beside it.
    if (context.options().host !== 'cli') rememberStore(home(), path);
  };

  return {
    'exports:checkTarget': ({ path, kind }) => {
      if (context.options().host === 'electron') throw new WorkbenchError('forbidden', 'The save dialog chooses where to save.');
      const resolved = resolve(path);
      const existed = existsSync(resolved);
      try {
        // The same check the export makes, without replacing: an existing file passes only when
        // it is an earlier export of this kind.
        typedExportPath(path, '', { storePath: context.options().storePath, kind });
      } catch (problem) {
        if (problem instanceof WorkbenchError) return { state: 'refused', path: resolved, message: problem.message.replace(/,? or say to replace it \(--force on the command line\)/, '') };
        throw problem;
      }
      return { state: existed ? 'earlier-export' : 'new', path: resolved, message: null };
    },
    'store:backup': async ({ path, replace }) => {
      const store = context.requireStore();
      const { host, chooseSaveFile, storePath } = context.options();
      if (host === 'electron' && path !== undefined) throw new WorkbenchError('forbidden', 'Choose where to save with the save dialog.');
      if (host !== 'electron' && path === undefined) throw new WorkbenchError('bad-input', 'Type where to save the backup, for example baseline-backup.bwbackup.');
      let out: string;
      if (path !== undefined) out = typedExportPath(path, '', { storePath, kind: 'backup', force: replace === true });
      else if (chooseSaveFile) {
        const chosen = await chooseSaveFile({ suggestedName: `${basename(storePath)}-backup.bwbackup`, filter: { name: 'Workbench backup', extension: 'bwbackup' } });
        if (chosen === null) return { saved: false, path: null, bytes: 0, createdAt: null };
        out = chosen;
      } else out = exportsFolderPath(storePath, 'backup', '.bwbackup');
      const written = writeBackup(store.path, store.dataKey, out, { aggregatesKey: store.aggregatesKey });
      recordBackup(store, context.jobs, context.user(), written);
      return { saved: true, path: written.path, bytes: written.bytes, createdAt: written.createdAt };
    },
    'store:restore': ({ archive, archiveToken, target, passphrase, replace }) => {
      const open = context.currentStore();
      if (open && open.session.role !== 'analyst') throw new WorkbenchError('forbidden', `Your role (${open.session.role}) does not allow this.`);
      const current = context.options().storePath;
      const to = resolve(target ?? current);
      if (context.options().host === 'electron' && target !== undefined && !existsSync(dirname(to))) {
        throw new WorkbenchError('bad-input', `The folder ${dirname(to)} does not exist.`);
      }
      // Replacing the store the app has open: its connections go first (they would keep the old file).
      const replacingOpen = open !== null && resolve(open.path) === to;
      if (replacingOpen && replace !== true) {
        throw new WorkbenchError('conflict', `${to} is the store that is open: nothing was changed. Restore to a new store, or confirm that it should be replaced.`);
      }
      if (replacingOpen) {
        context.jobs.cancelAll();
        switchTo(current, null);
      }
      const from = archiveToken !== undefined ? context.pathOf(archiveToken) : resolve(archive ?? '');
      const restored = restoreBackup(from, to, passphrase, { force: replace === true });
      // Open it as whoever the passphrase belongs to, and record the restore in its own trail.
      const store = Store.unlock(to, passphrase, restored.owner.user);
      store.audit(store.session.user, 'store-restored', { schemaVersion: restored.schemaVersion, auditEventsBefore: restored.auditEvents, replaced: restored.replaced });
      switchTo(to, store);
      return { path: to, backupCreatedAt: restored.backupCreatedAt, replaced: restored.replaced, auditEvents: restored.auditEvents, schemaVersion: restored.schemaVersion, inboxKeptAside: restored.inboxKeptAside };
    },
    'stores:list': () => {
      const current = resolve(context.options().storePath);
      const known = [current, ...readRecent(home()), initialStore(), ...(existsSync(demoPath()) ? [demoPath()] : [])];
      const recent = [...new Set(known)].map((p) => ({
        path: p,
        name: basename(p),
        exists: existsSync(p),
        demo: p === demoPath(),
        current: p === current,
      }));
      return { current, demoPath: demoPath(), recent, fileChooser: context.options().chooseFiles ? 'dialog' : 'path' };
    },
    'stores:choose': async ({ purpose }) => {
      const { chooseFiles } = context.options();
      if (!chooseFiles) throw new WorkbenchError('unsupported', 'This version cannot show a file dialog: type the path instead.');
      const [chosen] = await chooseFiles(purpose);
      return chosen === undefined ? null : context.registerFile(chosen);
    },
    'stores:open': ({ path, token }) => {
      const to = token !== undefined ? context.pathOf(token) : resolve(path ?? '');
      if (!existsSync(to)) throw new WorkbenchError('store-missing', `There is no store at ${to}.`);
      if (!existsSync(`${to}.keys`)) throw new WorkbenchError('bad-input', `${to} has no key file beside it (${to}.keys), so it cannot be opened. Restore both from a backup.`);
      context.jobs.cancelAll();
      switchTo(to, null);
      return { path: to, exists: true };
    },
    'stores:create': ({ path, passphrase }) => {
      checkNewPassphrase(passphrase);
      const to = resolve(path);
      if (!existsSync(dirname(to))) throw new WorkbenchError('bad-input', `The folder ${dirname(to)} does not exist.`);
      const store = Store.create(to, passphrase, context.options().user);
      store.audit(store.session.user, 'store-created', {});
      context.jobs.cancelAll();
      switchTo(to, store);
      return { path: to };
    },
    'stores:openDemo': ({ passphrase }) => {
      const to = demoPath();
      const created = !existsSync(to);
      let store: Store;
      if (created) {
        checkNewPassphrase(passphrase);
        store = Store.create(to, passphrase, context.options().user);
        store.setMeta('synthetic', 'true');
        store.audit(store.session.user, 'store-created', { demo: true });
      } else store = Store.unlock(to, passphrase);
      if (!store.synthetic) {
        store.close();
        throw new WorkbenchError('conflict', `${to} holds real data, not the demo. Nothing was changed.`);
      }
      context.jobs.cancelAll();
      switchTo(to, store);
      return { path: to, created };
    },
  };
}
