import type { DecisionKind } from '../../../../shared/ipc/channels/matching.js';

/** The reviewer's three answers, in the words on the buttons. */
export const DECISION_LABELS: Record<DecisionKind, string> = { match: 'Match', 'non-match': 'Not a match', unsure: 'Unsure' };
