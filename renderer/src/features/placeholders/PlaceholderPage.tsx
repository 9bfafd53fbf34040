import type { StoreStatus } from '../../../../shared/ipc/contract.js';
import type { PageId } from '../../app/routes.js';
import { pageLabel } from '../../app/routes.js';
import { StorePaths } from '../setup/StorePaths.js';

/** What each later stage of the pipeline will do, in the words its page will use. */
const WHAT_WILL_BE_HERE: Partial<Record<PageId, readonly string[]>> = {
  matching: [
    'Matching will find the same person, and the same household, across the files you import. You will be able to run matching, see how sure the workbench is about each link, and decide the pairs it is unsure about.',
    'Your decisions are kept and used again each time matching runs, and every run is numbered so that any later figure can be traced back to it.',
  ],
  baseline: [
    'The baseline will be the single picture of the area built from every source: one entry for each person and each household, with IDs that stay the same when matching runs again or a family moves house.',
    'You will be able to find a person or household and see every record and decision behind them.',
  ],
  areas: [
    'Here you will set up the areas you report on, such as target neighbourhoods, wards or your own groups of LSOAs, and import the English Indices of Deprivation (IMD).',
    'You will then be able to compare areas and follow community measures, such as rates per 1,000 people, over time.',
  ],
  outcomes: [
    'Outcomes will show which families meet a programme’s criteria, such as Supporting Families, and the evidence for each one.',
    'You will be able to track outcomes for individuals and families, and community measures for each area, against the baseline.',
  ],
  packs: [
    'Board packs will turn these figures into a report for the programme board, as a spreadsheet or a PDF.',
    'Small numbers are hidden automatically so that no family can be identified from a pack.',
  ],
  audit: [
    'Audit and settings will show who did what and when, such as imports, matching decisions and exports. You will also be able to manage users and what they can see, set how long data is kept, and back up or restore the store.',
  ],
};

interface PlaceholderPageProps {
  page: PageId;
  store: StoreStatus;
}

export function PlaceholderPage({ page, store }: PlaceholderPageProps) {
  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        {pageLabel(page)}
      </h1>
      <p className="caption">Coming in a later version</p>
      {(WHAT_WILL_BE_HERE[page] ?? []).map((paragraph) => (
        <p className="body" key={paragraph}>
          {paragraph}
        </p>
      ))}
      {page === 'audit' ? (
        <>
          <h2 className="heading-m">Where your data is kept</h2>
          <p className="body">Back up both of these files together.</p>
          <StorePaths store={store} />
        </>
      ) : null}
    </>
  );
}
