// Handlers for the baseline feature's channels (shared/ipc/channels/baseline.ts).
import type { BASELINE_CHANNELS } from '../../../shared/ipc/channels/baseline.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { householdsPage, peoplePage } from '../baseline/grids.js';
import { exportGrid } from '../baseline/grid-export.js';
import { decideHousehold } from '../baseline/household-decisions.js';
import { cohortHouseholds } from '../baseline/cohort-filter.js';
import { baselineVersion, ensureBaselineIndex, runAsOf } from '../baseline/index-build.js';
import { householdPage, personPage, splitRecord } from '../baseline/person-page.js';
import { clearDecision, decidePair, pairCluster, reviewQueue } from '../baseline/review-queue.js';
import { searchPeople } from '../baseline/search.js';
import { streetCounts, wardCounts } from '../baseline/streets.js';
import { erasePerson, exportSubjectAccess } from '../baseline/subject-rights.js';
import { exportsFolderPath, typedExportPath } from '../governance/export-path.js';
import { latestRunRow } from '../matching/latest-run.js';
import type { Store } from '../store/store.js';
import type { EngineContext, HandlersFor } from './context.js';

/** The date ages are counted to: the latest run's as-of date, else today. */
const asOfOf = (store: Store): string => {
  const run = latestRunRow(store.reader);
  return run === null ? new Date().toISOString().slice(0, 10) : runAsOf(store.reader, run.id);
};

export function baselineHandlers(context: EngineContext): HandlersFor<keyof typeof BASELINE_CHANNELS> {
  return {
    'review:queue': (request) => reviewQueue(context.requireStore(), request),
    'review:decide': ({ id, decision, note }) => decidePair(context.requireStore(), context.user(), id, decision, note),
    'review:clear': ({ id }) => clearDecision(context.requireStore(), context.user(), id),
    'review:cluster': ({ id }) => pairCluster(context.requireStore(), context.user(), id),
    'baseline:search': ({ query, limit }) => {
      const store = context.requireStore();
      const t0 = performance.now();
      const { run } = ensureBaselineIndex(store);
      const found = searchPeople(store.reader, query, limit ?? 20, asOfOf(store), baselineVersion(store));
      // who found whom, never what was typed
      if (found.hits.length > 0) store.audit(context.user(), 'person-search', { results: found.hits.length, personIds: found.hits.map((h) => h.personId).join(',') });
      return { run, hits: found.hits, candidates: found.candidates, ms: Math.round((performance.now() - t0) * 10) / 10 };
    },
    'baseline:person': ({ personId }) => personPage(context.requireStore(), context.user(), personId),
    'baseline:household': ({ householdId }) => householdPage(context.requireStore(), context.user(), householdId),
    'baseline:split': ({ personId, recordId, note }) => splitRecord(context.requireStore(), context.user(), personId, recordId, note),
    'baseline:people': (request) => {
      const store = context.requireStore();
      const { run } = ensureBaselineIndex(store);
      const asOf = asOfOf(store);
      const version = baselineVersion(store);
      const cohort = request.filters.cohort === undefined ? null : cohortHouseholds(store.reader, request.filters.cohort, asOf, version);
      const page = peoplePage(store.reader, request, asOf, version, cohort);
      if (page.rows.length > 0) context.auditRecordsView(null);
      return { run, ...page };
    },
    'baseline:households': (request) => {
      const store = context.requireStore();
      const { run } = ensureBaselineIndex(store);
      const version = baselineVersion(store);
      const cohort = request.filters.cohort === undefined ? null : cohortHouseholds(store.reader, request.filters.cohort, asOfOf(store), version);
      const page = householdsPage(store.reader, request, version, cohort);
      if (page.rows.length > 0) context.auditRecordsView(null);
      return { run, ...page };
    },
    'baseline:streets': ({ lsoa }) => {
      const store = context.requireStore();
      const { run } = ensureBaselineIndex(store);
      return { run, ...streetCounts(store.reader, lsoa, store.session.role === 'analyst') };
    },
    'baseline:wards': () => {
      const store = context.requireStore();
      const { run } = ensureBaselineIndex(store);
      return { run, ...wardCounts(store.reader, store.session.role === 'analyst') };
    },
    'baseline:subjectAccess': async ({ personId, path, format, replace }) => {
      const store = context.requireStore();
      const { host, storePath, chooseSaveFile } = context.options();
      // as for every export: in Electron the save dialog names the path, never the renderer
      if (host === 'electron' && path !== undefined) throw new WorkbenchError('forbidden', 'Choose where to save with the save dialog.');
      // a typed path says its format by its ending; otherwise the request does (workbook by default)
      const ext = path !== undefined && path.toLowerCase().endsWith('.pdf') ? '.pdf' : path !== undefined ? '.xlsx' : format === 'pdf' ? '.pdf' : '.xlsx';
      let out: string;
      if (path !== undefined) out = typedExportPath(path, ext, { storePath, kind: 'subject-access', force: replace === true });
      else if (chooseSaveFile) {
        const chosen = await chooseSaveFile({ suggestedName: `subject-access-${personId}${ext}`, filter: ext === '.pdf' ? { name: 'PDF document', extension: 'pdf' } : { name: 'Excel workbook', extension: 'xlsx' } });
        if (chosen === null) return { saved: false, path: null, records: 0, events: 0, decisions: 0, views: 0 };
        out = chosen.toLowerCase().endsWith(ext) ? chosen : `${chosen}${ext}`;
      } else out = exportsFolderPath(storePath, `subject-access-${personId}`, ext);
      return { saved: true, path: out, ...(await exportSubjectAccess(store, context.user(), personId, out)) };
    },
    'baseline:householdDecide': (request) => {
      const { note, ...decision } = request;
      return decideHousehold(context.requireStore(), context.user(), decision, note);
    },
    'baseline:erase': ({ personId, confirm }) => erasePerson(context.requireStore(), context.user(), personId, confirm),
    'baseline:gridExport': async ({ path, ...request }) => {
      const store = context.requireStore();
      const { host, storePath, chooseSaveFile } = context.options();
      if (host === 'electron' && path !== undefined) throw new WorkbenchError('forbidden', 'Choose where to save with the save dialog.');
      let out: string;
      if (path !== undefined) out = typedExportPath(path, '.csv');
      else if (chooseSaveFile) {
        const chosen = await chooseSaveFile({ suggestedName: `baseline-${request.kind}.csv`, filter: { name: 'CSV file', extension: 'csv' } });
        if (chosen === null) return { saved: false, path: null, rows: 0 };
        out = chosen.toLowerCase().endsWith('.csv') ? chosen : `${chosen}.csv`;
      } else out = exportsFolderPath(storePath, `baseline-${request.kind}`, '.csv');
      ensureBaselineIndex(store);
      const asOf = asOfOf(store);
      const version = baselineVersion(store);
      const cohort = request.filters.cohort === undefined ? null : cohortHouseholds(store.reader, request.filters.cohort, asOf, version);
      const result = exportGrid(store.reader, request, out, asOf, version, cohort);
      // which view and how many rows, never a typed filter's text
      store.audit(context.user(), 'baseline-grid-export', { kind: request.kind, rows: result.rows, columns: result.columns.length, filters: Object.keys(request.filters).sort().join(',') });
      return { saved: true, path: out, rows: result.rows };
    },
  };
}
