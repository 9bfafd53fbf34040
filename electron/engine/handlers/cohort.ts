// Handlers for programmes, cohorts and family outcomes (shared/ipc/channels/cohort.ts). Roles are
// checked by the policy before these run; here co-ordinators get disclosure-controlled counts and
// pseudonymous family IDs, and every cohort made is recorded with its programme version and as-of.
import type { COHORT_CHANNELS, ProgrammeDefinition } from '../../../shared/ipc/channels/cohort.js';
import { evaluateCohort, exportCohort, familyDetail } from '../cohort/cohort.js';
import { familyOutcomes } from '../cohort/outcomes.js';
import { copyProgramme, getProgramme, listProgrammes, saveProgramme } from '../cohort/programmes.js';
import { typedExportPath } from '../governance/export-path.js';
import type { Disclosure } from '../geo/disclosure.js';
import type { Store } from '../store/store.js';
import type { EngineContext, HandlersFor } from './context.js';

const disclosureFor = (store: Store): Disclosure => (store.session.role === 'analyst' ? 'exact' : 'rounded');

function recordCohort(store: Store, user: string, p: { name: string; version: number }, asOf: string, linkRun: number | null, counts: { households: number; flagged: number; qualifying: number }): void {
  store.writer
    .prepare('INSERT INTO cohort_run(programme, version, as_of, link_run, made_at, made_by, households, flagged, qualifying) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(p.name, p.version, asOf, linkRun, new Date().toISOString(), user, counts.households, counts.flagged, counts.qualifying);
}

export function cohortHandlers(context: EngineContext): HandlersFor<keyof typeof COHORT_CHANNELS> {
  const resolve = (store: Store, name: string, version: number | undefined, override: ProgrammeDefinition | undefined) => {
    const p = getProgramme(store.reader, name, version);
    return { name: p.name, version: p.version, preset: p.preset, edited: override !== undefined, definition: override ?? p.definition };
  };
  return {
    'programme:list': () => listProgrammes(context.requireStore().reader),
    'programme:show': ({ programme, version }) => getProgramme(context.requireStore().reader, programme, version),
    'programme:copy': ({ from, fromVersion, name }) => {
      const store = context.requireStore();
      const v = copyProgramme(store.writer, from, fromVersion, name, context.user());
      store.audit(context.user(), 'programme-copy', { programme: v.name, version: v.version, basedOn: v.basedOn });
      return v;
    },
    'programme:save': ({ name, definition }) => {
      const store = context.requireStore();
      const v = saveProgramme(store.writer, name, definition, context.user());
      store.audit(context.user(), 'programme-save', { programme: v.name, version: v.version });
      return v;
    },
    'cohort:evaluate': ({ programme, version, asOf, definition, limit }) => {
      const store = context.requireStore();
      const p = resolve(store, programme, version, definition);
      const disclosure = disclosureFor(store);
      const { summary, evaluation } = evaluateCohort(store.reader, { ...p, asOf, disclosure, ...(limit !== undefined ? { limit } : {}) });
      // A what-if is not a cohort: only a saved version's evaluation is recorded.
      if (!p.edited) {
        recordCohort(store, context.user(), p, asOf, summary.linkRun, { households: evaluation.households, flagged: evaluation.families.length, qualifying: evaluation.qualifying });
        store.audit(context.user(), 'cohort-evaluate', { programme: p.name, version: p.version, asOf, qualifying: evaluation.qualifying });
      }
      return summary;
    },
    'cohort:family': ({ programme, version, asOf, familyId, definition }) => {
      const store = context.requireStore();
      const p = resolve(store, programme, version, definition);
      const detail = familyDetail(store.reader, { ...p, asOf, familyId });
      store.audit(context.user(), 'cohort-family-view', { programme: p.name, version: p.version, familyId, rows: detail.rows.length });
      return detail;
    },
    'cohort:export': ({ programme, version, asOf, out }) => {
      const store = context.requireStore();
      const path = typedExportPath(out, '.csv');
      const p = resolve(store, programme, version, undefined);
      const result = exportCohort(store.reader, { definition: p.definition, asOf, out: path });
      recordCohort(store, context.user(), p, asOf, result.linkRun, { households: result.households, flagged: result.families, qualifying: result.qualifying });
      store.audit(context.user(), 'cohort-export', { programme: p.name, version: p.version, asOf, families: result.families, qualifying: result.qualifying });
      return { out: path, families: result.families, qualifying: result.qualifying, programme: { name: p.name, version: p.version } };
    },
    'outcomes:families': ({ programme, version, asOf, attachedOn, familyId, perFamily }) => {
      const store = context.requireStore();
      const p = resolve(store, programme, version, undefined);
      const report = familyOutcomes(store.reader, { ...p, asOf, disclosure: disclosureFor(store), ...(attachedOn ? { attachedOn } : {}), ...(familyId ? { familyId } : {}), ...(perFamily ? { perFamily } : {}) });
      store.audit(context.user(), 'outcomes-families', { programme: p.name, version: p.version, asOf, families: report.families.length });
      return report;
    },
  };
}
