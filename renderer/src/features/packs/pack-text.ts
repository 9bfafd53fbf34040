// The words the Board packs page uses for each section (the engine's section titles).
import type { SectionId } from '../../../../shared/ipc/channels/packs.js';

export const SECTION_LABELS: Record<SectionId, { title: string; hint: string }> = {
  summary: { title: 'Summary', hint: 'Headline numbers: records, people and households, and how current the data is' },
  'households-by-area': { title: 'Households by area', hint: 'Households and people in each area, and by how deprived their neighbourhood is' },
  cohort: { title: 'Cohort by criterion and area', hint: 'Families meeting each programme criterion (no data yet)' },
  'family-outcomes': { title: 'Family outcomes', hint: 'Outcomes achieved, on track and not yet (no data yet)' },
  'area-profiles': { title: 'Area profiles', hint: 'Each area on the Indices of Deprivation across releases, with a chart and a map' },
  'neighbourhood-indicators': { title: 'Neighbourhood indicators', hint: 'Community indicator rates against the borough, with the gap and its trend' },
  'data-sources': { title: 'Data sources', hint: 'Each partner extract with its as-of date and coverage' },
  'matching-quality': { title: 'Matching quality', hint: 'Records matched, the threshold and the review backlog' },
  methodology: { title: 'Methodology and caveats', hint: 'How figures are made and how small numbers are protected' },
  attribution: { title: 'Sources and licences', hint: 'Open Government Licence and Ordnance Survey attribution' },
};
