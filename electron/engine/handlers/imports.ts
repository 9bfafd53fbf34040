// Handlers for the imports feature's channels (shared/ipc/channels/imports.ts). A partner sees
// only their own organisation's sources and presets.
import type { IMPORT_CHANNELS } from '../../../shared/ipc/channels/imports.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { exportQuarantine } from '../export/quarantine-xlsx.js';
import { exportsFolderPath, typedExportPath } from '../governance/export-path.js';
import { listPresets } from '../import/presets.js';
import { remapSource, sourceMapping } from '../import/remap-source.js';
import { diffSources } from '../import/source-diff.js';
import { setSourcePartner } from '../import/source-partner.js';
import { quarantinePage, requireSource, sourceSheets } from '../queries/records.js';
import type { EngineContext, HandlersFor } from './context.js';

export function importHandlers(context: EngineContext): HandlersFor<keyof typeof IMPORT_CHANNELS> {
  return {
    'mapping:list': () =>
      listPresets(context.requireStore().reader, context.partnerScope()).map((p) => ({
        id: p.id,
        name: p.name,
        partner: p.partner,
        kind: p.kind,
        sheets: p.sheets.length,
        columns: p.sheets.reduce((n, s) => n + s.columns.length, 0),
        updatedAt: p.updatedAt,
        layout: p.sheets.map((s) => ({ sheet: s.sheet, columns: s.columns })),
      })),
    'source:diff': ({ sourceId, previousId }) => {
      const db = context.requireStore().reader;
      const scope = context.partnerScope();
      requireSource(db, sourceId, scope);
      if (previousId !== undefined) requireSource(db, previousId, scope);
      // Names of who arrived, left or changed are for analysts; everyone else sees rows and fields.
      const names = context.requireStore().session.role === 'analyst';
      return diffSources(db, sourceId, previousId === undefined ? { names } : { previousId, names });
    },
    'quarantine:page': ({ sourceId, startRow, endRow }) => {
      const db = context.requireStore().reader;
      requireSource(db, sourceId, context.partnerScope());
      const page = quarantinePage(db, sourceId, startRow, endRow);
      // Quarantined rows are the partner's cells as sent: a look at person-level data.
      if (page.rows.length > 0) context.auditRecordsView(sourceId);
      return { ...page, sheets: sourceSheets(db, sourceId).map(({ sheet, headers }) => ({ sheet, headers })) };
    },
    'quarantine:export': ({ sourceId, path, replace }) => {
      const store = context.requireStore();
      const source = requireSource(store.reader, sourceId, context.partnerScope());
      const { host, storePath } = context.options();
      // In Electron the renderer never names paths (as for files:fromPath): the file goes to the
      // exports folder beside the store and the answer says where.
      if (host === 'electron' && path !== undefined) throw new WorkbenchError('forbidden', 'The workbench chooses where to save in this version.');
      if (host !== 'electron' && path === undefined) throw new WorkbenchError('bad-input', 'Type where to save the quarantined rows, ending in .xlsx.');
      const out = path === undefined ? exportsFolderPath(storePath, `quarantine-source-${source.id}`, '.xlsx') : typedExportPath(path, '.xlsx', { storePath, kind: 'quarantine', force: replace === true });
      const { rows } = exportQuarantine(store, source.id, out);
      store.audit(context.user(), 'quarantine-exported', { sourceId: source.id, rows });
      return { saved: true, path: out, rows };
    },
    'sources:mapping': ({ sourceId }) => {
      const mapping = sourceMapping(context.requireStore().reader, sourceId, context.partnerScope());
      // Its sample cells are the source's rows as sent.
      context.auditRecordsView(sourceId);
      return mapping;
    },
    'sources:remap': ({ sourceId, mapping, preset }) => {
      const store = context.requireStore();
      const scope = context.partnerScope();
      // Said now, not when the job runs: an unknown source is the caller's error.
      requireSource(store.reader, sourceId, scope);
      const user = context.user();
      const options = { user, partnerScope: scope, ...(mapping ? { mapping } : {}), ...(preset ? { preset } : {}) };
      return { job: context.jobs.start('sources:remap', (job) => remapSource(store, sourceId, options, job)) };
    },
    'sources:set-partner': ({ sourceId, partner }) => setSourcePartner(context.requireStore(), sourceId, partner, context.user()),
  };
}
