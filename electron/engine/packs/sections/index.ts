// Every section a pack can hold, one module each, keyed by id.
import type { SectionId } from '../../../../shared/ipc/channels/packs.js';
import { areaProfilesSection } from './area-profiles.js';
import { attributionSection } from './attribution.js';
import type { SectionModule } from './context.js';
import { dataSourcesSection } from './data-sources.js';
import { householdsByAreaSection } from './households-by-area.js';
import { matchingQualitySection } from './matching-quality.js';
import { methodologySection } from './methodology.js';
import { neighbourhoodIndicatorsSection } from './neighbourhood-indicators.js';
import { cohortSection } from './cohort.js';
import { familyOutcomesSection } from './family-outcomes.js';
import { summarySection } from './summary.js';

export const SECTIONS: { readonly [K in SectionId]: SectionModule } = {
  summary: summarySection,
  'households-by-area': householdsByAreaSection,
  cohort: cohortSection,
  'family-outcomes': familyOutcomesSection,
  'area-profiles': areaProfilesSection,
  'neighbourhood-indicators': neighbourhoodIndicatorsSection,
  'data-sources': dataSourcesSection,
  'matching-quality': matchingQualitySection,
  methodology: methodologySection,
  attribution: attributionSection,
};
