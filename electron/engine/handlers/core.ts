// Handlers for the core channels (contract.ts): files, import, demo, jobs, sources, records,
// users and the audit trail. The store's own lifecycle (create, unlock, lock, app:info) stays in
// engine.ts, which owns the open store.
import { dirname, join } from 'node:path';
import type { CoreChannel } from '../../../shared/ipc/contract.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { runDemo } from '../demo-job.js';
import { importFile, previewImport } from '../import/import-file.js';
import { auditPage } from '../queries/audit.js';
import { listSources, recordsPage } from '../queries/records.js';
import { addUser, changePassphrase, listUsers, removeUser } from '../store/users.js';
import { ensureInbox } from '../inbox/inbox.js';
import type { EngineContext, HandlersFor } from './context.js';

/** The store's lifecycle: engine.ts handles these, as it owns the open store. */
export type LifecycleChannel = 'app:info' | 'store:create' | 'store:unlock' | 'store:lock';

export function coreHandlers(context: EngineContext): HandlersFor<Exclude<CoreChannel, LifecycleChannel>> {
  return {
    'files:choose': async ({ purpose }) => {
      const { chooseFiles } = context.options();
      if (!chooseFiles) throw new WorkbenchError('unsupported', 'This version cannot show a file dialog: type the path of the file instead.');
      const paths = await chooseFiles(purpose);
      return paths.map((p) => context.registerFile(p));
    },
    'files:fromPath': ({ path }) => {
      // In Electron the renderer must go through the dialog: it never names paths itself.
      if (context.options().host === 'electron') throw new WorkbenchError('forbidden', 'Choose files with the file dialog.');
      return context.registerFile(path);
    },
    'import:preview': ({ token, preset, partner, kind, headerRows }) =>
      previewImport(context.requireStore(), context.pathOf(token), token, { preset, partner, kind, headerRows, partnerScope: context.partnerScope() }),
    'import:start': (request) => {
      const store = context.requireStore();
      const path = context.pathOf(request.token);
      const scope = context.partnerScope();
      return {
        job: context.jobs.start('import:start', (job) =>
          // A partner's imports are always filed under their own organisation.
          importFile(
            store,
            path,
            {
              partner: scope ?? request.partner,
              kind: request.kind,
              asOf: request.asOf,
              mapping: request.mapping,
              headerRows: request.headerRows,
              dsaRef: request.dsaRef,
              lawfulBasis: request.lawfulBasis,
              retentionUntil: request.retentionUntil,
              preset: request.preset,
              savePresetAs: request.savePresetAs,
              partnerScope: scope,
              user: context.user(),
            },
            job,
          ),
        ),
      };
    },
    'demo:create': (request) => {
      const store = context.requireStore();
      const { demoOutDir, storePath } = context.options();
      const outDir = demoOutDir ?? join(dirname(storePath), 'demo');
      const user = context.user();
      return { job: context.jobs.start('demo:create', (job) => runDemo(store, { households: request.households ?? 1000, seed: request.seed ?? 1, outDir, user }, job)) };
    },
    'jobs:cancel': ({ job }) => ({ cancelled: context.jobs.cancel(job) }),
    'sources:list': () => {
      const scope = context.partnerScope();
      const sources = listSources(context.requireStore().reader);
      return scope === null ? sources : sources.filter((s) => s.partner === scope);
    },
    'records:page': (request) => {
      const page = recordsPage(context.requireStore().reader, request, context.partnerScope());
      // An empty grid shows nobody: nothing to audit.
      if (page.rows.length > 0) context.auditRecordsView(request.sourceId ?? null);
      return page;
    },
    'users:list': () => listUsers(context.requireStore()),
    'users:add': ({ user, role, organisation, passphrase, submitOnly }) => {
      const store = context.requireStore();
      // A partner's credential holds no data key unless the analyst asks otherwise.
      const submits = role === 'partner' ? submitOnly !== false : submitOnly === true;
      const added = addUser(store, { user, role, organisation: organisation ?? null }, passphrase, { submitOnly: submits });
      // The key pair a submitting partner seals to, made by the analyst who adds them.
      if (submits) ensureInbox(store);
      return added;
    },
    'users:remove': ({ user }) => {
      removeUser(context.requireStore(), user);
      return { removed: user };
    },
    'users:changePassphrase': ({ oldPassphrase, newPassphrase }) => {
      const store = context.requireStore();
      changePassphrase(store, store.session.user, oldPassphrase, newPassphrase);
      return { changed: true as const };
    },
    'audit:page': (request) => auditPage(context.requireStore().reader, request),
    'audit:verify': ({ checkpoint }) => context.requireStore().verifyAudit(checkpoint),
  };
}
