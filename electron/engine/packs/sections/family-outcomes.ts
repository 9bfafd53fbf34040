// Payment-by-results measures for the families attached on a date: how many achieved each, are on
// track, not yet, or cannot be judged (and which data is missing). A row's total is the families
// attached, so secondary suppression keeps a withheld status from being worked out from it.
import type { RawBlock } from '../model.js';
import { longDate, type SectionModule } from './context.js';

export const familyOutcomesSection: SectionModule = {
  id: 'family-outcomes',
  title: 'Family outcomes',
  purpose: 'Results achieved, on track and not yet, per measure, for the families attached.',
  build({ providers }) {
    const title = 'Family outcomes';
    const outcomes = providers.familyOutcomes?.familyOutcomes() ?? null;
    if (!outcomes) return { id: 'family-outcomes', title, blocks: [{ type: 'no-data', text: 'No family outcomes yet: the baseline needs imported extracts and a matching run.' }] };
    const blocks: RawBlock[] = [
      {
        type: 'paragraph',
        text: `Families attached to ${outcomes.programme} (version ${outcomes.version}) on ${longDate(outcomes.attachedOn)} — those qualifying that day — measured on ${longDate(outcomes.asOf)} from the extracts received since.`,
      },
      {
        type: 'figures',
        items: [
          { label: 'Families attached', value: outcomes.families, kind: 'count' },
          { label: 'Families with a result to claim', value: outcomes.claimable, kind: 'count' },
        ],
      },
    ];
    if (outcomes.families === 0) {
      blocks.push({ type: 'no-data', text: 'No family qualified on the attachment date, so there are no outcomes to measure.' });
      return { id: 'family-outcomes', title, blocks };
    }
    blocks.push({
      type: 'table',
      id: 'family-outcomes',
      caption: `${outcomes.programme}: families by result measure and status, ${longDate(outcomes.asOf)}`,
      columns: [
        { key: 'outcome', label: 'Measure', kind: 'text' },
        { key: 'achieved', label: 'Achieved', kind: 'count' },
        { key: 'onTrack', label: 'On track', kind: 'count' },
        { key: 'notYet', label: 'Not yet', kind: 'count' },
        { key: 'insufficientData', label: 'Insufficient data', kind: 'count' },
        { key: 'notApplicable', label: 'Not applicable', kind: 'count' },
        { key: 'total', label: 'Families', kind: 'count', sumOf: ['achieved', 'onTrack', 'notYet', 'insufficientData', 'notApplicable'] },
      ],
      rows: outcomes.outcomes.map((o) => ({
        cells: { outcome: o.label, achieved: o.achieved, onTrack: o.onTrack, notYet: o.notYet, insufficientData: o.insufficientData, notApplicable: o.notApplicable, total: o.achieved + o.onTrack + o.notYet + o.insufficientData + o.notApplicable },
      })),
      notes: ['Not applicable: the family had nothing to improve on that measure (for example no ASB in the six months before attachment).'],
    });
    const missing = outcomes.outcomes.filter((o) => o.missing);
    if (missing.length > 0) blocks.push({ type: 'bullets', items: missing.map((o) => `${o.label}: insufficient data where ${o.missing}.`) });
    return { id: 'family-outcomes', title, blocks };
  },
};
