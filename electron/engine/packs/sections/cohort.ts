// Families meeting a programme's criteria, by area: one row per reported area, the rest of the
// borough, and (when no two areas share an LSOA) the whole borough as a total row, so secondary
// suppression keeps every withheld count from being worked out from the totals.
import type { RawBlock, RawColumn, RawRow } from '../model.js';
import type { CohortCounts } from '../providers.js';
import { longDate, type SectionModule } from './context.js';

export const cohortSection: SectionModule = {
  id: 'cohort',
  title: 'Cohort by criterion and area',
  purpose: 'Families meeting each programme criterion, and those qualifying, by area.',
  build({ providers }) {
    const title = 'Cohort by criterion and area';
    const cohort = providers.cohort?.cohortByCriterionAndArea() ?? null;
    if (!cohort) return { id: 'cohort', title, blocks: [{ type: 'no-data', text: 'No cohort yet: the baseline needs imported extracts and a matching run.' }] };
    const fed = cohort.criteria.filter((c) => !c.noData);
    const columns: RawColumn[] = [
      { key: 'area', label: 'Area', kind: 'text' },
      ...fed.map((c): RawColumn => ({ key: `c:${c.key}`, label: c.label, kind: 'count' })),
      { key: 'qualifying', label: 'Families qualifying', kind: 'count' },
    ];
    const row = (area: string, counts: CohortCounts, total = false): RawRow => ({
      ...(total ? { total: true } : {}),
      cells: { area, qualifying: counts.qualifying, ...Object.fromEntries(fed.map((c) => [`c:${c.key}`, counts.byCriterion[c.key] ?? 0])) },
    });
    const rows: RawRow[] = [];
    if (cohort.placed) {
      rows.push(...cohort.areas.map((a) => row(a.area, a)));
      rows.push(row(cohort.areas.length > 0 ? 'Rest of the borough' : 'Whole baseline', cohort.elsewhere));
      // Overlapping areas do not add up to the borough: it is then shown as a row of its own, not a total.
      if (cohort.areas.length > 0) rows.push(row('Whole baseline', cohort.borough, !cohort.overlapping));
    } else {
      rows.push(row('Whole baseline', cohort.borough));
    }
    const blocks: RawBlock[] = [
      {
        type: 'paragraph',
        text: `${cohort.programme} (version ${cohort.version}): families meeting each criterion on ${longDate(cohort.asOf)}, the latest extract’s date. A family can meet more than one criterion; it qualifies by the programme’s rule (all three, or two and the local filter).`,
      },
    ];
    if (!cohort.placed) blocks.push({ type: 'paragraph', text: 'Families cannot be placed in areas yet: import a postcode to LSOA lookup on the Areas & IMD page.' });
    blocks.push({
      type: 'table',
      id: 'cohort',
      caption: `${cohort.programme}: families by criterion and area, ${longDate(cohort.asOf)}`,
      columns,
      rows,
      notes: [
        'Each family is placed at the postcode most of its members’ records give. The rest of the borough includes families no postcode lookup places.',
        ...(cohort.overlapping ? ['Some areas share LSOAs, so the areas and the rest of the borough add up to more than the whole baseline.'] : []),
      ],
    });
    const missing = cohort.criteria.filter((c) => c.noData);
    if (missing.length > 0) blocks.push({ type: 'paragraph', text: `No data: ${missing.map((c) => c.label).join('; ')} — no imported source gives what ${missing.length === 1 ? 'it needs' : 'they need'}, so no family is counted against ${missing.length === 1 ? 'it' : 'them'} (not zero).` });
    return { id: 'cohort', title, blocks };
  },
};
