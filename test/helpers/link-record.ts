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
