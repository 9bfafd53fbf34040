// Households and people of the baseline in each area reported on, and households by the IMD
// decile of the LSOA they live in: a cross-table with totals, so secondary suppression matters.
import type { RawBlock, RawRow } from '../model.js';
import type { SectionModule } from './context.js';

export const householdsByAreaSection: SectionModule = {
  id: 'households-by-area',
  title: 'Households by area',
  purpose: 'Households and people of the baseline in each area, and households by the deprivation decile of where they live.',
  build({ providers }) {
    const title = 'Households by area';
    const areas = providers.areas.reportAreas();
    if (areas.length === 0) return { id: 'households-by-area', title, blocks: [{ type: 'no-data', text: 'No target or custom areas have been set up yet (Areas & IMD page).' }] };
    const counted = areas.map((a) => ({ area: a, h: providers.areas.households(a.name) }));
    if (counted.every((c) => c.h === null)) {
      return { id: 'households-by-area', title, blocks: [{ type: 'no-data', text: 'Households cannot be placed in areas yet: the baseline needs a matching run and a postcode to LSOA lookup.' }] };
    }
    const borough = providers.areas.boroughHouseholds();
    const blocks: RawBlock[] = [
      {
        type: 'paragraph',
        text: 'Each household is placed at the postcode most of its members’ records give, then in an LSOA through the imported postcode lookup. Households with no postcode, or a postcode the lookup does not hold, are counted in the borough only.',
      },
    ];
    const rows: RawRow[] = counted.map(({ area, h }) => ({ cells: { area: area.name, households: h?.households ?? null, persons: h?.persons ?? null } }));
    if (borough) rows.push({ cells: { area: 'Whole baseline', households: borough.households, persons: borough.persons } });
    blocks.push({
      type: 'table',
      id: 'households-by-area',
      caption: 'Households and people in the baseline by area',
      columns: [
        { key: 'area', label: 'Area', kind: 'text' },
        { key: 'households', label: 'Households', kind: 'count' },
        { key: 'persons', label: 'People', kind: 'count' },
      ],
      rows,
      notes: borough ? [`The whole baseline includes households that could not be placed in an LSOA.`] : [],
    });
    // Households by decile band: areas as rows, a total per row and, where areas do not overlap, a total row.
    const withDeciles = counted.filter((c) => c.h?.byDecile);
    if (withDeciles.length > 0) {
      const release = withDeciles[0]?.h?.byDecile?.release ?? '';
      const band = (counts: number[], from: number, to: number): number => counts.slice(from - 1, to).reduce((n, v) => n + v, 0);
      const bodyRows: RawRow[] = withDeciles.map(({ area, h }) => {
        const counts = h?.byDecile?.counts ?? [];
        const d1 = band(counts, 1, 1);
        const d2 = band(counts, 2, 2);
        const rest = band(counts, 3, 10);
        return { cells: { area: area.name, d1, d2, rest, total: d1 + d2 + rest } };
      });
      const seen = new Set<string>();
      const overlap = withDeciles.some(({ area }) => area.lsoas.some((l) => (seen.has(l) ? true : (seen.add(l), false))));
      if (!overlap && bodyRows.length > 1) {
        const sum = (k: string): number => bodyRows.reduce((n, r) => n + (r.cells[k] as number), 0);
        bodyRows.push({ total: true, cells: { area: 'All areas', d1: sum('d1'), d2: sum('d2'), rest: sum('rest'), total: sum('total') } });
      }
      blocks.push({
        type: 'table',
        id: 'households-by-decile',
        caption: `Households by the ${release} IMD decile of their LSOA`,
        columns: [
          { key: 'area', label: 'Area', kind: 'text' },
          { key: 'd1', label: 'Most deprived 10%', kind: 'count' },
          { key: 'd2', label: '10–20%', kind: 'count' },
          { key: 'rest', label: 'Less deprived', kind: 'count' },
          { key: 'total', label: 'Total', kind: 'count', sumOf: ['d1', 'd2', 'rest'] },
        ],
        rows: bodyRows,
        notes: [`Deciles are national: decile 1 holds England's most deprived 10% of LSOAs in ${release}.`],
      });
    }
    return { id: 'households-by-area', title, blocks };
  },
};
