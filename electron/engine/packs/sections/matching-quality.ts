// How well the records were matched: the latest run's records, people and households, the
// pairs it compared and linked, the threshold, and the review backlog (pairs awaiting a person).
import type { SectionModule } from './context.js';
import { longDate } from './context.js';

export const matchingQualitySection: SectionModule = {
  id: 'matching-quality',
  title: 'Matching quality',
  purpose: 'Records matched into people and households, the match threshold and the review backlog.',
  build({ providers }) {
    const title = 'Matching quality';
    const link = providers.baseline.latestLink();
    if (!link) return { id: 'matching-quality', title, blocks: [{ type: 'no-data', text: 'Records have not been matched yet.' }] };
    const since = providers.baseline.recordsSinceRun();
    return {
      id: 'matching-quality',
      title,
      blocks: [
        {
          type: 'paragraph',
          text:
            `Matching run ${link.run} (${longDate(link.finishedAt)}) compared likely pairs of records and linked those with a match probability of at least ${link.threshold}. ` +
            `Pairs between ${link.reviewFrom} and ${link.threshold} go to an analyst for review; decisions made are kept and respected by every later run.`,
        },
        {
          type: 'figures',
          items: [
            { label: 'Records matched', value: link.records, kind: 'count' },
            { label: 'People', value: link.persons, kind: 'count' },
            { label: 'Households', value: link.households, kind: 'count' },
            { label: 'Record pairs compared', value: link.candidatePairs, kind: 'count' },
            { label: 'Pairs linked', value: link.matchedPairs, kind: 'count' },
            { label: 'Pairs awaiting review', value: link.reviewBacklog, kind: 'count' },
            { label: 'Review decisions held', value: link.decisions, kind: 'count' },
            { label: 'Records imported since this run', value: since, kind: 'count' },
          ],
        },
      ],
    };
  },
};
