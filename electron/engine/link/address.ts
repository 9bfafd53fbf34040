// A record's address as the linker reads it: the parts the importer stored (record.addr_*, from
// the one address normaliser in shared/domain/normalise/address.ts), so an address is parsed once,
// at import. Only a record without stored parts (stored before those columns existed, or built
// in memory by a test or benchmark) is parsed here, by the same normaliser, once per record.
import { normaliseAddress } from '../../../shared/domain/normalise/address.js';
import type { AddressParts, LinkRecord } from './types.js';

export type { AddressParts } from './types.js';

export interface RecordAddress {
  parts: AddressParts;
  /**
   * A postcode found in the address text, only for a record parsed here: at import a postcode in
   * the text already fills the record's postcode column.
   */
  postcodeInText: string | null;
}

/** The address parts the person comparison uses. */
export interface PersonAddress {
  flat: string | null;
  number: string | null;
  street: string | null;
  /** distinct words of every part (postcode not among them), for token overlap */
  tokens: string[];
}

/** True when a record carries no stored part at all (the loader gives null then). */
export function hasStoredParts(parts: AddressParts | null | undefined): parts is AddressParts {
  return !!parts && (parts.flat !== null || parts.number !== null || parts.name !== null || parts.street !== null || parts.locality !== null || parts.town !== null);
}

// Fallback parses, remembered per record (so the person and household stages share one parse)
// and per address text (household members repeat one address).
const parsedOf = new WeakMap<LinkRecord, RecordAddress | null>();
const TEXT_MEMO = new Map<string, RecordAddress | null>();
const TEXT_MEMO_SIZE = 20_000;

function parseText(text: string): RecordAddress | null {
  let out = TEXT_MEMO.get(text);
  if (out === undefined) {
    const a = normaliseAddress(text);
    out = { parts: { flat: a.flat, number: a.number, name: a.name, street: a.street, locality: a.locality, town: a.town }, postcodeInText: a.postcode };
    if (!hasStoredParts(out.parts) && !a.postcode) out = null;
    if (TEXT_MEMO.size >= TEXT_MEMO_SIZE) TEXT_MEMO.clear();
    TEXT_MEMO.set(text, out);
  }
  return out;
}

/** The record's address: its stored parts, else its text parsed now; null when it has none. */
export function recordAddress(r: LinkRecord): RecordAddress | null {
  if (hasStoredParts(r.addressParts)) return { parts: r.addressParts, postcodeInText: null };
  if (!r.address) return null;
  let out = parsedOf.get(r);
  if (out === undefined) {
    out = parseText(r.address);
    parsedOf.set(r, out);
  }
  return out;
}

/**
 * The person comparison's view of a record's address parts (prepare.ts remembers it per parts
 * object while it runs); null when they say no more than the postcode does.
 */
export function personAddress(parts: AddressParts): PersonAddress | null {
  // A door without its street or building ("Flat 9", "14", as a front-desk system keeps it beside
  // the postcode) is no address to compare: one postcode holds several blocks with a flat 9, so
  // two such doors agreeing said "same home" of neighbours (a partner layout of this kind lost
  // person precision 0.9946 → 0.9925), and one against a full address says nothing either way.
  // A door with its building ("Flat 9, Priestley House", with or without the comma) is an
  // address: the building is read as the house name, not the town.
  if ((parts.flat || parts.number) && !parts.name && !parts.street) return null;
  const words = new Set<string>();
  for (const part of [parts.flat, parts.name, parts.number, parts.street, parts.locality, parts.town]) {
    if (!part) continue;
    // "12-14" and "SMITH-JONES COURT": each side of a hyphen is a word of its own
    for (const w of part.split(/[\s\-/]+/)) if (w) words.add(w);
  }
  return words.size === 0 ? null : { flat: parts.flat, number: parts.number, street: parts.street, tokens: [...words] };
}
