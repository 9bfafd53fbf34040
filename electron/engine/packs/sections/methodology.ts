// How the figures were made and what they cannot say: fixed text, with the pack's own
// disclosure settings.
import type { SectionModule } from './context.js';

export const methodologySection: SectionModule = {
  id: 'methodology',
  title: 'Methodology and caveats',
  purpose: 'How records are matched, how areas and deprivation are compared, and how small numbers are protected.',
  build({ settings }) {
    return {
      id: 'methodology',
      title: 'Methodology and caveats',
      blocks: [
        { type: 'heading', text: 'Matching people and households' },
        {
          type: 'paragraph',
          text: 'Records from partner extracts are matched into people with a probabilistic model trained on the data itself (no labelled examples). National identifiers that pass their check digit count as near-certain evidence; an agency’s own reference numbers do not. People are grouped into households that keep their identifier when they move. Uncertain pairs are reviewed by an analyst.',
        },
        { type: 'heading', text: 'Areas and the Indices of Deprivation' },
        {
          type: 'bullets',
          items: [
            'Areas are sets of LSOAs (Lower Layer Super Output Areas) with the LSOA vintage they were drawn on.',
            'Releases are compared by rank and decile only. Scores are not comparable across releases, and a change in rank is relative to every other LSOA in England, not an absolute change.',
            'LSOA boundaries changed in 2011 and 2021. Older releases are carried onto newer codes with the ONS lookups; split and merged LSOAs are flagged on the Areas & IMD page.',
          ],
        },
        { type: 'heading', text: 'Small numbers' },
        {
          type: 'bullets',
          items: [
            `Counts of people or households from 1 to ${settings.threshold - 1} are withheld and shown as [c].`,
            'Further cells are withheld where needed so that a withheld number cannot be worked out from row or column totals.',
            settings.roundTo > 0 ? `Other counts are rounded to the nearest ${settings.roundTo}.` : 'Counts are not rounded in this pack.',
            `Rates are shown only where the denominator is at least ${settings.minDenominator}.`,
            'The pack holds no names, dates of birth, addresses or identifiers: it is built from aggregate figures only.',
          ],
        },
      ],
    };
  },
};
