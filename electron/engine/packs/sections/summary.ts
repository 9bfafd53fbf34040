// Headline numbers in plain English: what the baseline holds and how current it is.
import type { RawBlock, RawFigures } from '../model.js';
import { longDate, type SectionModule } from './context.js';

export const summarySection: SectionModule = {
  id: 'summary',
  title: 'Summary',
  purpose: 'Headline numbers: records, people and households in the baseline, and how current the data is.',
  build({ providers, synthetic }) {
    const sources = providers.baseline.sources();
    const link = providers.baseline.latestLink();
    const areas = providers.areas.reportAreas();
    const latestAsOf = sources.map((s) => s.asOf).sort().at(-1);
    const blocks: RawBlock[] = [];
    if (synthetic) blocks.push({ type: 'paragraph', text: 'This pack was built from synthetic demonstration data. None of the people or households in it exist.' });
    if (sources.length === 0) {
      blocks.push({ type: 'no-data', text: 'No partner extracts have been imported yet, so there is no baseline to report on.' });
      return { id: 'summary', title: 'Summary', blocks };
    }
    const partners = new Set(sources.map((s) => s.partner)).size;
    blocks.push({
      type: 'paragraph',
      text:
        `The baseline brings together ${sources.length} extract${sources.length === 1 ? '' : 's'} from ${partners} partner organisation${partners === 1 ? '' : 's'}` +
        `${latestAsOf ? `, the most recent dated ${longDate(latestAsOf)}` : ''}. ` +
        (link
          ? `Records were last matched into people and households on ${longDate(link.finishedAt)} (matching run ${link.run}).`
          : 'Records have not been matched into people and households yet, so the pack has no household figures.'),
    });
    const households = areas.map((a) => providers.areas.households(a.name)).filter((h) => h !== null);
    const figures: RawFigures = {
      type: 'figures',
      items: [
        { label: 'Records from partner extracts', value: link?.records ?? null, kind: 'count' },
        { label: 'People in the baseline', value: link?.persons ?? null, kind: 'count' },
        { label: 'Households in the baseline', value: link?.households ?? null, kind: 'count' },
      ],
    };
    blocks.push(figures);
    if (areas.length > 0 && households.length === 0 && link) {
      blocks.push({ type: 'paragraph', text: 'Households cannot yet be placed in the areas: import a postcode to LSOA lookup on the Areas & IMD page.' });
    }
    blocks.push({
      type: 'paragraph',
      text: 'Figures about people and households are counts from the latest matching run. Small numbers are withheld and counts rounded so that no family can be identified (see Methodology).',
    });
    return { id: 'summary', title: 'Summary', blocks };
  },
};
