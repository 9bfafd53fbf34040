// Why a person is in their household, in words an analyst (or a data protection officer) reads:
// from the code a Run kept for them (run_person_household.placed_by: the household stage's rule,
// or an analyst's decision). Each rule has one sentence, kept here so the app and the CLI say the
// same thing.
import type { HouseholdReason } from '../../../shared/ipc/channels/baseline.js';
import { longDate } from '../../../shared/util/pack-format.js';
import { Evidence, type EvidenceCode } from '../link/households/index.js';
import type { Db } from '../store/database.js';
import { PLACED_BY_ANALYST } from './household-decisions.js';

type Rule = Exclude<HouseholdReason['rule'], 'analyst' | null>;

/** Every rule the stage has: a rule added there without words here does not compile. */
const RULES: Record<EvidenceCode, { rule: Rule; text: string }> = {
  [Evidence.ADDRESS]: { rule: 'address', text: 'Lives at the same address' },
  [Evidence.SHARED_REF]: { rule: 'shared-reference', text: 'Named on the same tenancy or claim' },
  [Evidence.NAMED_RELATIVE]: { rule: 'named-relative', text: 'Named as next of kin or carer on a record' },
  [Evidence.SURNAME_POSTCODE]: { rule: 'surname-postcode', text: 'Same surname and postcode, and their age fits the family' },
  [Evidence.MOVED_TOGETHER]: { rule: 'moved-together', text: 'Seen at the same postcodes as the family when it moved' },
  [Evidence.FLOATER_SURNAME]: { rule: 'postcode-only', text: 'Seen only with a postcode, with others of the same surname there' },
  [Evidence.ALONE]: { rule: 'alone', text: 'No evidence of living with anyone' },
};

/**
 * The reason for a stored code; `decidedAt` is the analyst's decision's time, when its row is
 * still there. A Run made before reasons were kept has none (null).
 */
export function householdReason(code: number | null, decidedAt: string | null): HouseholdReason {
  if (code === PLACED_BY_ANALYST) {
    return { rule: 'analyst', text: decidedAt ? `Put here by an analyst on ${longDate(decidedAt)}` : 'Put here by an analyst' };
  }
  const rule = code === null ? undefined : RULES[code as EvidenceCode];
  return rule ?? { rule: null, text: 'Not recorded for this matching run' };
}

/** Why the person was in their household in `run` (null when the Run has no household for them). */
export function householdReasonIn(db: Db, run: number, personId: string): HouseholdReason | null {
  const row = db
    .prepare('SELECT ph.placed_by AS code, d.decided_at AS decidedAt FROM run_person_household ph LEFT JOIN household_decision d ON d.id = ph.decision_id WHERE ph.run_id = ? AND ph.person_id = ?')
    .get(run, personId) as { code: number | null; decidedAt: string | null } | undefined;
  return row ? householdReason(row.code, row.decidedAt) : null;
}
