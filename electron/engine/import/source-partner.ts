// Correcting the partner a source was filed under: it decides which presets and earlier extracts
// the source is compared with, and which partner users see it. Audited with IDs only.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Store } from '../store/store.js';
import { notePartnerImport } from './partners.js';

export function setSourcePartner(store: Store, sourceId: number, partner: string, user: string): { sourceId: number; partner: string; previous: string } {
  const name = partner.trim();
  if (!name) throw new WorkbenchError('bad-input', 'Name the partner organisation.');
  const row = store.reader.prepare('SELECT partner, kind FROM source WHERE id = ?').get(sourceId) as { partner: string; kind: string } | undefined;
  if (!row) throw new WorkbenchError('not-found', `There is no source ${sourceId} (see source list).`);
  if (row.partner !== name) {
    store.writer.transaction(() => {
      store.writer.prepare('UPDATE source SET partner = ? WHERE id = ?').run(name, sourceId);
      notePartnerImport(store.writer, name, row.kind, user, new Date().toISOString());
      store.audit(user, 'source-partner-set', { sourceId });
    })();
  }
  return { sourceId, partner: name, previous: row.partner };
}
