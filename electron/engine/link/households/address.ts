// The household stage's view of an address: the parts the importer stored (see ../address.ts)
// as postcode, sub-building, number, house name, street and town keys. Pure code: no Node APIs.

import type { LinkRecord } from '../types.js';
import { type AddressParts, recordAddress } from '../address.js';
import { withinOneEdit } from '../strings.js';
import { isBuildingName } from '../../../../shared/domain/normalise/address.js';

export interface ParsedAddress {
  /** normalised postcode from the record's postcode column, else found in the address text */
  postcode: string | null;
  /** sub-building: flat/apartment/unit number or letter ("12A" alone is flat A of 12), '' for a whole house */
  flat: string;
  /** house number ("12"; "12A" only beside a flat: "Flat 2, 12A"); '' when the address has none */
  number: string;
  /** house name when there is no number but a street ("ROSE COTTAGE, MILL LANE"), or the building a flat with no number is in; else '' */
  name: string;
  /** street with its type spelled out ("KILNFIELD ROAD") */
  street: string;
  /** the rest (locality, town) */
  town: string;
  /**
   * the named building the flat is in ("PRIESTLEY HOUSE"), else '': with the postcode and flat it
   * is one home, written with or without the street ("Flat 9, Priestley House" and "Flat 9,
   * Priestley House, 18 Horton Avenue")
   */
  building: string;
}

const noLeadingZeros = (v: string | null): string => (v ?? '').replace(/^0+(?=\d)/, '');

/**
 * What the whole extract says about names in an address: a name written with different flat
 * numbers at one postcode is a building there; a name written after a street (as its town or
 * locality) at two or more postcodes is a place; a building written with one house number and
 * street at a postcode stands there.
 */
export class AddressEvidence {
  private readonly flatsAt = new Map<string, Map<string, Set<string>>>();
  /** per postcode and building, its house number and street ('' when written with two) */
  private readonly numberedAt = new Map<string, Map<string, string>>();
  private readonly placeAt = new Map<string, string>();
  private readonly places = new Set<string>();

  add(parts: AddressParts, postcode: string | null): void {
    if (!postcode) return;
    if (parts.street) {
      for (const place of [parts.locality, parts.town]) {
        if (!place || this.places.has(place)) continue;
        const first = this.placeAt.get(place);
        if (first === undefined) this.placeAt.set(place, postcode);
        else if (first !== postcode) this.places.add(place);
      }
    }
    if (!parts.flat) return;
    if (parts.number) {
      // "Flat 9, Priestley House, 18 Horton Avenue": where the building stands
      if (!parts.name || !parts.street) return;
      let names = this.numberedAt.get(postcode);
      if (!names) this.numberedAt.set(postcode, (names = new Map()));
      const at = `${noLeadingZeros(parts.number)}\u0000${parts.street}`;
      const seen = names.get(parts.name);
      names.set(parts.name, seen === undefined || seen === at ? at : '');
      return;
    }
    // "Flat 9, Priestley House" (the name as the importer stores it now, or as the town before)
    const name = parts.name ?? (!parts.street && !parts.locality ? parts.town : null);
    if (!name) return;
    let names = this.flatsAt.get(postcode);
    if (!names) this.flatsAt.set(postcode, (names = new Map()));
    let flats = names.get(name);
    if (!flats) names.set(name, (flats = new Set()));
    if (flats.size < 2) flats.add(noLeadingZeros(parts.flat));
  }

  /** Written with two or more flat numbers at this postcode. */
  isBuildingAt(postcode: string | null, name: string): boolean {
    return !!postcode && (this.flatsAt.get(postcode)?.get(name)?.size ?? 0) >= 2;
  }

  /** The one house number and street the building is written with at this postcode, else null. */
  whereIs(postcode: string | null, building: string): { number: string; street: string } | null {
    const at = postcode ? this.numberedAt.get(postcode)?.get(building) : undefined;
    if (!at) return null;
    const [number, street] = at.split('\u0000') as [string, string];
    return { number, street };
  }

  /** Written after a street at two or more postcodes: a town, district or estate. */
  isPlace(name: string): boolean {
    return this.places.has(name);
  }
}

/** The household keys of stored address parts, with the record's postcode (and, where known, the extract's evidence). */
export function householdKeys(parts: AddressParts, postcode: string | null, evidence?: AddressEvidence): ParsedAddress {
  let number = noLeadingZeros(parts.number);
  let flat = noLeadingZeros(parts.flat);
  let street = parts.street ?? '';
  let town = [parts.locality, parts.town].filter(Boolean).join(' ');
  let building = '';
  if (flat !== '' && parts.name) {
    // "Flat 9, Priestley House". With no street or number beside it, only a name shaped like a
    // building or written with other flats at the postcode, and not one the extract writes after
    // streets elsewhere ("Flat 2, Mansion House" where Mansion House is a district)
    const alone = number === '' && street === '';
    if (!alone || ((isBuildingName(parts.name) || evidence?.isBuildingAt(postcode, parts.name)) && !evidence?.isPlace(parts.name))) building = parts.name;
  } else if (flat !== '' && number === '' && !street && !parts.locality && parts.town) {
    // the same, stored before buildings were told from towns: the building in the town's place
    if ((isBuildingName(parts.town) || evidence?.isBuildingAt(postcode, parts.town)) && !evidence?.isPlace(parts.town)) {
      building = parts.town;
      town = '';
    }
  } else if (flat === '' && number !== '' && street && !parts.name && (isBuildingName(street) || evidence?.isBuildingAt(postcode, street))) {
    // "9 Priestley House" (the normaliser keeps a number before a building as a house number:
    // other data sets write numbered properties so), or "9 Ashdown Court" where other rows at the
    // postcode write Ashdown Court with flat numbers: the door of a flat in the building
    building = street;
    flat = number;
    number = '';
    street = '';
  }
  if (building && number === '') {
    // where the extract writes the building with one house number and street at this postcode
    // ("Flat 9, Priestley House, 18 Horton Avenue"), a flat written without them is there too
    const at = evidence?.whereIs(postcode, building);
    if (at && (street === '' || street === at.street)) {
      number = at.number;
      street = at.street;
    }
  }
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
    // a house name places a home only beside a street ("Rose Cottage, Mill Lane") or as the
    // building a flat is in: a lone name is as often a town or an estate as a house
    name: number === '' ? building || (street ? (parts.name ?? '') : '') : '',
    street,
    town,
    building,
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
  // written without commas, a district may run on after the street's name ("FIELDGATE PLACE
  // BETHNAL GREEN": the normaliser cannot cut it off where the district ends in a street word);
  // the keys compared here already agree on postcode and door
  if (a.startsWith(`${b} `) || b.startsWith(`${a} `)) return true;
  const ca = a.replace(/ /g, '');
  const cb = b.replace(/ /g, '');
  if (ca === cb) return true;
  return ca.length >= 6 && withinOneEdit(ca, cb);
}
