// Each area's profile: its position on the Indices of Deprivation in every imported release
// (ranks and deciles only: scores are not comparable across releases), a chart of its most
// deprived LSOAs by release, and a map of deciles around it with the area outlined.
import { decileMapSvg, groupedBarChart } from '../charts.js';
import type { RawBlock } from '../model.js';
import { longDate, type SectionModule } from './context.js';

export const areaProfilesSection: SectionModule = {
  id: 'area-profiles',
  title: 'Area profiles',
  purpose: 'Each area on the Indices of Deprivation across releases (ranks and deciles), with a chart and a map.',
  build({ providers }) {
    const title = 'Area profiles';
    const areas = providers.areas.reportAreas();
    if (areas.length === 0) return { id: 'area-profiles', title, blocks: [{ type: 'no-data', text: 'No target or custom areas have been set up yet (Areas & IMD page).' }] };
    const map = providers.areas.decileMap();
    const blocks: RawBlock[] = [];
    for (const area of areas) {
      blocks.push({ type: 'heading', text: area.name });
      const releases = providers.areas.releases(area.name);
      blocks.push({
        type: 'paragraph',
        text:
          `${area.kind === 'target' ? 'Target neighbourhood' : 'Area'} of ${area.lsoas.length} LSOA${area.lsoas.length === 1 ? '' : 's'} (${area.vintage} LSOA codes)` +
          `${area.effectiveDate ? `, in effect from ${longDate(area.effectiveDate)}` : ''}.`,
      });
      if (releases.length === 0) {
        blocks.push({ type: 'no-data', text: 'No Indices of Deprivation file has been imported yet.' });
        continue;
      }
      const share = (n: number, of: number): number | null => (of > 0 ? Math.round((n / of) * 1000) / 10 : null);
      blocks.push({
        type: 'table',
        id: `imd-${area.name}`,
        caption: `${area.name}: Index of Multiple Deprivation by release`,
        columns: [
          { key: 'release', label: 'Release', kind: 'text' },
          { key: 'vintage', label: 'LSOA codes', kind: 'text' },
          { key: 'top10', label: 'LSOAs in most deprived 10%', kind: 'percent' },
          { key: 'top20', label: 'LSOAs in most deprived 20%', kind: 'percent' },
          { key: 'median', label: 'Median rank', kind: 'rank' },
          { key: 'of', label: 'Ranked in England', kind: 'rank' },
        ],
        rows: releases.map((r) => ({
          cells: {
            release: r.release,
            vintage: String(r.vintage),
            top10: share(r.mostDeprived10, r.lsoasWithData),
            top20: share(r.mostDeprived20, r.lsoasWithData),
            median: r.medianRank,
            of: r.nationalLsoas,
          },
        })),
        notes: ['Rank 1 is the most deprived LSOA in England. Compare releases by rank and decile only: scores are not comparable across releases, and LSOA boundaries changed in 2011 and 2021.'],
      });
      const chart = groupedBarChart(
        releases.map((r) => r.release),
        [
          { label: 'Most deprived 10%', colour: '#08306b', values: releases.map((r) => share(r.mostDeprived10, r.lsoasWithData)) },
          { label: 'Most deprived 20%', colour: '#6baed6', values: releases.map((r) => share(r.mostDeprived20, r.lsoasWithData)) },
        ],
        { unit: 'Percentage of the area’s LSOAs' },
      );
      blocks.push({
        type: 'svg',
        id: `chart-${area.name}`,
        caption: `${area.name}: share of LSOAs in England’s most deprived 10% and 20%, by release`,
        alt: releases.map((r) => `${r.release}: ${share(r.mostDeprived10, r.lsoasWithData) ?? 'no data'}% in the most deprived 10%, ${share(r.mostDeprived20, r.lsoasWithData) ?? 'no data'}% in the most deprived 20%`).join('; '),
        ...chart,
      });
      const drawn = map ? decileMapSvg(map, new Set(area.lsoas)) : null;
      if (map && drawn) {
        blocks.push({ type: 'svg', id: `map-${area.name}`, caption: `${area.name}: ${map.label}`, alt: `Map of ${area.name} outlined over the IMD deciles of the LSOAs around it.`, ...drawn });
      } else if (!map) blocks.push({ type: 'paragraph', text: 'No LSOA boundaries have been imported, so there is no map.' });
      else blocks.push({ type: 'paragraph', text: `The area's LSOAs are on ${area.vintage} codes; the map shows ${map.vintage} boundaries, so it cannot be drawn here.` });
      const h = providers.areas.households(area.name);
      if (h) {
        blocks.push({
          type: 'figures',
          items: [
            { label: 'Households in the baseline', value: h.households, kind: 'count' },
            { label: 'People in the baseline', value: h.persons, kind: 'count' },
          ],
        });
      }
    }
    return { id: 'area-profiles', title, blocks };
  },
};
