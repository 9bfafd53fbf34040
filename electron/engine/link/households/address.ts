// The household stage's view of an address: the parts the importer stored (see ../address.ts)
// as postcode, sub-building, number, house name, street and town keys. Pure code: no Node APIs.

import type { LinkRecord } from '../types.js';
import { type AddressParts, recordAddress } from '../address.js';
import { withinOneEdit } from '../strings.js';

export interface ParsedAddress {
  /** normalised postcode from the record's postcode column, else found in the address text */
  postcode: string | null;
  /** sub-building: flat/apartment/unit number or letter ("12A" alone is flat A of 12), '' for a whole house */
  flat: string;
  /** house number ("12"; "12A" only beside a flat: "Flat 2, 12A"); '' when the address has none */
  number: string;
  /** house name when there is no number but a street ("ROSE COTTAGE, MILL LANE"), else '' */
  name: string;
  /** street with its type spelled out ("KILNFIELD ROAD") */
  street: string;
  /** the rest (locality, town) */
  town: string;
}

const noLeadingZeros = (v: string | null): string => (v ?? '').replace(/^0+(?=\d)/, '');

/** The household keys of stored address parts, with the record's postcode. */
export function householdKeys(parts: AddressParts, postcode: string | null): ParsedAddress {
  let number = noLeadingZeros(parts.number);
  let flat = noLeadingZeros(parts.flat);
  // "6C Mill Road" and "Flat C, 6 Mill Road" are one home, written two ways (a house converted
  // into lettered flats): the letter is the sub-building
  const lettered = flat === '' ? /^(\d+) ?([A-Z])$/i.exec(number) : null;
  if (lettered) {
    number = lettered[1]!;
    flat = lettered[2]!.toUpperCase();
  }
  return {
    postcode,
    flat,
    number,
    // a house name places a home only beside a street ("Rose Cottage, Mill Lane"): a lone name
    // is as often a town or an estate as a house
    name: number === '' && parts.street ? (parts.name ?? '') : '',
    street: parts.street ?? '',
    town: [parts.locality, parts.town].filter(Boolean).join(' '),
  };
}

/** A record's address as household keys (its postcode column, else one in its text), or null. */
export function householdAddress(r: LinkRecord): ParsedAddress | null {
  const a = recordAddress(r);
  return a ? householdKeys(a.parts, r.postcode ?? a.postcodeInText) : null;
}

/** Two street names written by different agencies are the same street (typo-tolerant). */
export function sameStreet(a: string, b: string): boolean {
  if (a === b) return true;
  if (a === '' || b === '') return true;
  const ca = a.replace(/ /g, '');
  const cb = b.replace(/ /g, '');
  if (ca === cb) return true;
  return ca.length >= 6 && withinOneEdit(ca, cb);
}
