import { defaultMatchSpec, parseMatchSpec, type MatchSpec } from '../../electron/engine/link/spec.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';

/** A record with every field empty, for tests to fill in what they are about. */
export function blankLinkRecord(id: number): LinkRecord {
  return {
    id,
    sourceId: 1,
    sourceKind: 'other',
    asOf: '2025-03-31',
    forename: null,
    middleNames: null,
    surname: null,
    dob: null,
    sex: null,
    postcode: null,
    postcodeRaw: null,
    address: null,
    uprn: null,
    nhsNumber: null,
    nino: null,
    upn: null,
    agencyRef: null,
    eventDate: null,
  };
}

/** The default model marked trained with a fixed prior, so small tests do not depend on EM. */
export function fixedSpec(change?: (s: MatchSpec) => void, prior = 0.0001): MatchSpec {
  const s = defaultMatchSpec();
  s.trainedAt = '2025-01-01T00:00:00.000Z';
  s.probabilityTwoRandomRecordsMatch = prior;
  change?.(s);
  return parseMatchSpec(s);
}
