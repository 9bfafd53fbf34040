// The linkage engine's inputs and outputs. Pure data: no store, no Node APIs, so the person
// and household stages can be tested on in-memory arrays (FEBRL, demo boroughs, fixtures).
import type { NormalisedAddress } from '../../../shared/domain/normalise/address.js';

/** An address in parts, as the importer's address normaliser gives them (upper case, types spelled out). */
export type AddressParts = Pick<NormalisedAddress, 'flat' | 'number' | 'name' | 'street' | 'locality' | 'town'>;

/** One Record as the linker sees it, loaded from the store (see load-records.ts). */
export interface LinkRecord {
  /** record.id in the store */
  id: number;
  sourceId: number;
  /** Source kind (school, police, …) and the Source's as-of date (ISO). */
  sourceKind: string;
  asOf: string;
  /** The partner who sent the Source: with the kind, whose extract a row is (resent.ts). */
  partner?: string;
  forename: string | null;
  middleNames: string | null;
  surname: string | null;
  /** Title as recorded (Mr, Mrs, Master …), when a source records one: a generational marker. */
  title?: string | null;
  /** A previous (e.g. maiden) surname, when a source records one. */
  previousSurname?: string | null;
  /** ISO yyyy-mm-dd */
  dob: string | null;
  /**
   * A year of birth given alone ("1843", "c. 1790"), or worked out from an age at the row's
   * event, only where `dob` is empty: dob-year.ts.
   */
  dobYear?: number | null;
  /**
   * The last day the birth can have fallen on, where an age at the row's event (or the extract's
   * date) stands in for a blank date of birth (ISO; the year of birth runs to it): dob-year.ts.
   */
  bornBy?: string | null;
  sex: 'M' | 'F' | 'U' | null;
  /** Normalised UK postcode ("S60 1AB") when valid, else null. */
  postcode: string | null;
  /** The postcode cell as given, cleaned (kept for non-UK data such as FEBRL's 4-digit codes). */
  postcodeRaw: string | null;
  /** The address as one string (lines joined with ", "), as imported. */
  address: string | null;
  /**
   * The address parts the importer's normaliser stored (record.addr_*); null or absent for a
   * record stored before those columns existed, whose text the linker then parses itself.
   */
  addressParts?: AddressParts | null;
  uprn: string | null;
  /** National identifiers, only when they pass their check (DESIGN §3 "Identifiers as evidence"). */
  nhsNumber: string | null;
  nino: string | null;
  upn: string | null;
  /**
   * A national number with no check this app knows (a foreign social security or identity
   * number), separators removed: compared with trained weights, never a veto.
   */
  otherId?: string | null;
  /** E-mail (lower case) and phone (digits), when a source records them: evidence with term frequencies. */
  email?: string | null;
  phone?: string | null;
  /** The agency's own reference: never identity evidence across sources. */
  agencyRef: string | null;
  /**
   * The partner system's own number for the person (a Nominal, a Person ID, an MRN): records
   * sharing it within one partner's Sources of one kind are one person (person-numbers.ts).
   */
  personRef?: string | null;
  /** Latest event date on the row (ISO), if any. */
  eventDate: string | null;
  /**
   * The row's tenancy, when it records one (ISO): its start, and its end once it has ended. The
   * household stage reads them as when the people on it lived at the address.
   */
  tenancyStart?: string | null;
  tenancyEnd?: string | null;
  /** What the record says the person did for a living, and their father's forename (registers, censuses): person-details.ts. */
  occupation?: string | null;
  fatherForename?: string | null;
  /**
   * Someone the record names as related to the person (A&E's next of kin, youth justice's parent
   * or carer): forename or initial, surname, relationship ("Mother"; the column's heading,
   * "Parent/Carer", when no relationship is given). Read by the household stage only.
   */
  relativeForename?: string | null;
  relativeSurname?: string | null;
  relativeRelationship?: string | null;
}

/** Result of the person stage: a cluster index per record (same index = same person). */
export interface PersonClusters {
  /** personOf[i] is the person index of records[i]; indexes run 0..personCount-1. */
  personOf: Int32Array;
  personCount: number;
}

/** Result of the household stage: a household index per person at the latest as-of date. */
export interface HouseholdAssignment {
  householdOfPerson: Int32Array;
  householdCount: number;
}
