// Handlers for the inbox feature's channels (shared/ipc/channels/inbox.ts).
import type { INBOX_CHANNELS } from '../../../shared/ipc/channels/inbox.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { allSubmissions, partnerResults, partnerSubmissions, submitToInbox, takeInInbox } from '../inbox/inbox.js';
import type { EngineContext, HandlersFor } from './context.js';

export function inboxHandlers(context: EngineContext): HandlersFor<keyof typeof INBOX_CHANNELS> {
  return {
    'inbox:submit': ({ path, kind, asOf, passphrase, user }) => {
      // In Electron the renderer never names paths; the app's partner page is for the browser host and the CLI.
      if (context.options().host === 'electron') throw new WorkbenchError('forbidden', 'Choose files with the file dialog.');
      const file = context.registerFile(path);
      return submitToInbox(context.options().storePath, passphrase, user, context.pathOf(file.token), { ...(kind ? { kind } : {}), ...(asOf ? { asOf } : {}) });
    },
    'inbox:status': ({ passphrase, user }) => partnerSubmissions(context.options().storePath, passphrase, user),
    'inbox:results': ({ passphrase, user, submission }) => partnerResults(context.options().storePath, passphrase, user, submission),
    'inbox:list': () => allSubmissions(context.requireStore(), context.options().storePath),
    'inbox:takeIn': () => takeInInbox(context.requireStore(), context.options().storePath),
  };
}
