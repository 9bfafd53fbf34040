// The data protection record (issue 6 §7): what a DPIA or a data protection officer asks for,
// gathered from the store: each source with its sharing agreement and retention, the processing
// done (from the audit trail, so counts and IDs only), who can unlock the store, and where it is.
import type { DataProtectionRecord, DpProcessingEvent, DpSource, ProcessingCategory } from '../../../shared/ipc/channels/governance.js';
import { listSources } from '../queries/records.js';
import { networkShareWarning } from '../store/paths.js';
import type { Store } from '../store/store.js';
import { listUsers } from '../store/users.js';
import { recoveryStatus } from './recovery.js';
import { accessByRole } from './access.js';

/** The cipher the store reports (SQLite3 Multiple Ciphers' default is ChaCha20-Poly1305), in words. */
function encryption(store: Store): string {
  const cipher = String(store.reader.pragma('cipher', { simple: true }));
  const name = cipher === 'chacha20' ? 'ChaCha20-Poly1305' : cipher;
  return `${name} with a random 256-bit key (SQLite3 Multiple Ciphers); each user's passphrase wraps the key with scrypt and AES-256-GCM`;
}

const IMPORTS = new Set(['import', 'source-remapped', 'demo-created', 'imd-import', 'lookup-import', 'boundaries-import']);
const USER_CHANGES = new Set(['store-created', 'user-added', 'user-removed', 'passphrase-changed', 'recovery-code-created', 'passphrase-reset-with-recovery-code', 'key-slots-sealed', 'key-slot-refused']);

/** Which part of the record an audited action belongs to; null for actions that are not processing. */
export function processingCategory(action: string): ProcessingCategory | null {
  if (IMPORTS.has(action)) return 'import';
  if (action === 'link-run' || action === 'link-decision') return 'link';
  if (action.startsWith('export') || action.endsWith('-exported')) return 'export';
  if (action === 'source-purged') return 'purge';
  if (USER_CHANGES.has(action)) return 'users';
  return null;
}

function sourcesWithImporter(store: Store, today: string): DpSource[] {
  const importer = new Map(
    (store.reader.prepare('SELECT id, imported_by FROM source').all() as Array<{ id: number; imported_by: string }>).map((r) => [r.id, r.imported_by]),
  );
  return listSources(store.reader, today).map((s) => ({
    id: s.id,
    fileName: s.fileName,
    partner: s.partner,
    kind: s.kind,
    asOf: s.asOf,
    importedAt: s.importedAt,
    importedBy: importer.get(s.id) ?? '',
    dsaRef: s.dsaRef,
    lawfulBasis: s.lawfulBasis,
    retentionUntil: s.retentionUntil,
    overdue: s.overdue,
    rows: s.rows,
    records: s.records,
    quarantined: s.quarantined,
    droppedColumns: s.droppedColumns,
  }));
}

function processing(store: Store): DataProtectionRecord['processing'] {
  const totals: Record<ProcessingCategory, number> = { import: 0, link: 0, export: 0, purge: 0, users: 0 };
  const events: DpProcessingEvent[] = [];
  let linkDecisions = 0;
  const rows = store.reader.prepare('SELECT id, at, actor, action, payload_json FROM audit_event ORDER BY id').iterate() as IterableIterator<{
    id: number;
    at: string;
    actor: string;
    action: string;
    payload_json: string;
  }>;
  for (const row of rows) {
    const category = processingCategory(row.action);
    if (category === null) continue;
    totals[category]++;
    if (row.action === 'link-decision') {
      linkDecisions++;
      continue;
    }
    events.push({ id: row.id, at: row.at, actor: row.actor, category, action: row.action, details: JSON.parse(row.payload_json) as DpProcessingEvent['details'] });
  }
  return { totals, linkDecisions, events };
}

export function dataProtectionRecord(store: Store, now = new Date()): DataProtectionRecord {
  return {
    generatedAt: now.toISOString(),
    generatedBy: store.session.user,
    store: {
      path: store.path,
      keyPath: store.keyPath,
      encryption: encryption(store),
      createdAt: store.meta('created_at'),
      schemaVersion: store.schemaVersion,
      synthetic: store.synthetic,
      networkShareWarning: networkShareWarning(store.path),
      recoveryCode: recoveryStatus(store.keyPath),
    },
    sources: sourcesWithImporter(store, now.toISOString().slice(0, 10)),
    processing: processing(store),
    users: listUsers(store),
    access: accessByRole(store),
  };
}
