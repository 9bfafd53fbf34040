// Sections whose data comes from features wired in later (cohorts, family outcomes). Each reads
// one provider (providers.ts); with no provider it says "no data yet".
import type { RawBlock, RawColumn, RawRow } from '../model.js';
import type { SectionModule } from './context.js';
import { longDate } from './context.js';

const noData = (what: string): RawBlock[] => [{ type: 'no-data', text: `No data yet: ${what}` }];

export const cohortSection: SectionModule = {
  id: 'cohort',
  title: 'Cohort by criterion and area',
  purpose: 'Families meeting each programme criterion, by area.',
  build({ providers }) {
    const title = 'Cohort by criterion and area';
    const cohort = providers.cohort?.cohortByCriterionAndArea() ?? null;
    if (!cohort) return { id: 'cohort', title, blocks: noData('programme cohorts have not been identified in this workbench yet.') };
    const columns: RawColumn[] = [
      { key: 'area', label: 'Area', kind: 'text' },
      ...cohort.criteria.map((c): RawColumn => ({ key: `c:${c.key}`, label: c.label, kind: 'count' })),
      { key: 'qualifying', label: 'Families qualifying', kind: 'count' },
    ];
    const rows: RawRow[] = cohort.areas.map((a) => ({
      cells: { area: a.area, qualifying: a.qualifying, ...Object.fromEntries(cohort.criteria.map((c) => [`c:${c.key}`, a.byCriterion[c.key] ?? 0])) },
    }));
    return {
      id: 'cohort',
      title,
      blocks: [
        { type: 'paragraph', text: `${cohort.programme}: families meeting each criterion as of ${longDate(cohort.asOf)}. A family can meet more than one criterion.` },
        { type: 'table', id: 'cohort', caption: `${cohort.programme}: families by criterion and area`, columns, rows, notes: [] },
      ],
    };
  },
};

export const familyOutcomesSection: SectionModule = {
  id: 'family-outcomes',
  title: 'Family outcomes',
  purpose: 'Outcomes achieved, on track and not yet, per outcome.',
  build({ providers }) {
    const title = 'Family outcomes';
    const outcomes = providers.familyOutcomes?.familyOutcomes() ?? null;
    if (!outcomes) return { id: 'family-outcomes', title, blocks: noData('family outcomes are not tracked in this workbench yet.') };
    return {
      id: 'family-outcomes',
      title,
      blocks: [
        {
          type: 'table',
          id: 'family-outcomes',
          caption: `${outcomes.programme}: families by outcome, as of ${longDate(outcomes.asOf)}`,
          columns: [
            { key: 'outcome', label: 'Outcome', kind: 'text' },
            { key: 'achieved', label: 'Achieved', kind: 'count' },
            { key: 'onTrack', label: 'On track', kind: 'count' },
            { key: 'notYet', label: 'Not yet', kind: 'count' },
            { key: 'total', label: 'Families', kind: 'count', sumOf: ['achieved', 'onTrack', 'notYet'] },
          ],
          rows: outcomes.outcomes.map((o) => ({ cells: { outcome: o.label, achieved: o.achieved, onTrack: o.onTrack, notYet: o.notYet, total: o.achieved + o.onTrack + o.notYet } })),
          notes: [],
        },
      ],
    };
  },
};
