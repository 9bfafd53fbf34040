// Address parsing for the household stage: turns an address as imported ("Flat 2, 14 Kilnfield
// Road, Wexthorpe", "FLAT 2 14 KILNFIELD RD, WEXTHORPE, S65 2RB", housing's separate lines joined
// with ", ") into comparable parts. Pure code: no Node APIs.

import { normalisePostcode } from '../../../../shared/domain/normalise/postcode.js';
import { withinOneEdit } from '../strings.js';

export interface ParsedAddress {
  /** normalised postcode from the record's postcode column, else found in the address text */
  postcode: string | null;
  /** sub-building: flat/apartment/unit number or letter, '' for a whole house */
  flat: string;
  /** house number with any letter suffix ("12", "12A"); '' when the address has none */
  number: string;
  /** house name when there is no number ("ROSE COTTAGE"), else '' */
  name: string;
  /** street with its type spelled out ("KILNFIELD ROAD") */
  street: string;
  /** the rest (locality, town) */
  town: string;
}

/** Street-type abbreviations seen in agency extracts, spelled out. */
const STREET_TYPES: Readonly<Record<string, string>> = {
  RD: 'ROAD',
  ST: 'STREET',
  STR: 'STREET',
  AVE: 'AVENUE',
  AV: 'AVENUE',
  AVEN: 'AVENUE',
  CL: 'CLOSE',
  CLS: 'CLOSE',
  DR: 'DRIVE',
  DRV: 'DRIVE',
  LN: 'LANE',
  CRES: 'CRESCENT',
  CRESC: 'CRESCENT',
  CR: 'CRESCENT',
  CT: 'COURT',
  CRT: 'COURT',
  GR: 'GROVE',
  GRV: 'GROVE',
  GDNS: 'GARDENS',
  GDN: 'GARDENS',
  GARDS: 'GARDENS',
  TERR: 'TERRACE',
  TER: 'TERRACE',
  TCE: 'TERRACE',
  PL: 'PLACE',
  SQ: 'SQUARE',
  PK: 'PARK',
  WK: 'WALK',
  GRN: 'GREEN',
  GN: 'GREEN',
  HL: 'HILL',
  VW: 'VIEW',
  PDE: 'PARADE',
  MS: 'MEWS',
  WY: 'WAY',
  RI: 'RISE',
  CLO: 'CLOSE',
};

/** Words that introduce a sub-building number. */
const FLAT_WORDS = new Set(['FLAT', 'FLT', 'APARTMENT', 'APT', 'APPT', 'UNIT', 'ROOM', 'RM', 'MAISONETTE', 'STUDIO', 'SUITE', 'BEDSIT']);

const OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
const INWARD = /^[0-9][A-Z]{2}$/;
const COMPACT_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;
const NUMBER_TOKEN = /^(\d+)([A-Z]?)$/;
const RANGE_TOKEN = /^(\d+[A-Z]?)-(\d+[A-Z]?)$/;

function expandStreetType(word: string): string {
  return STREET_TYPES[word] ?? word;
}

/**
 * Splits upper-cased address text into tokens (letters, digits, '-' and '/'; apostrophes dropped
 * inside a word) and notes which comma-separated part each token came from.
 */
function tokenise(text: string): { tokens: string[]; partOf: number[] } {
  const tokens: string[] = [];
  const partOf: number[] = [];
  let part = 0;
  let cur = '';
  let segStart = -1;
  const flush = (end: number): void => {
    if (segStart >= 0) cur += text.slice(segStart, end);
    if (cur !== '' && cur !== '-' && cur !== '/') {
      tokens.push(cur);
      partOf.push(part);
    }
    cur = '';
    segStart = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const wordChar = (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 47;
    if (wordChar) {
      if (segStart < 0) segStart = i;
    } else if (c === 39 || c === 0x2019) {
      // O'BRIEN → OBRIEN: keep the word going without the apostrophe
      if (segStart >= 0) cur += text.slice(segStart, i);
      segStart = -1;
    } else {
      flush(i);
      if (c === 44 || c === 10 || c === 59) part++;
    }
  }
  flush(text.length);
  return { tokens, partOf };
}

/**
 * Parses one address. `postcode` is the record's normalised postcode column, if any; a postcode
 * inside the text is used when the column is empty and removed from the text either way.
 */
export function parseAddress(address: string, postcode: string | null): ParsedAddress {
  const { tokens: all, partOf } = tokenise(address.toUpperCase());
  let pc = postcode;
  // A postcode in the text ("S65 2RB" or "S652RB"), looked for from the end.
  for (let k = all.length - 1; k >= 0; k--) {
    const t = all[k]!;
    if (t.length >= 5 && t.length <= 7 && COMPACT_POSTCODE.test(t)) {
      pc ??= normalisePostcode(t);
      all.splice(k, 1);
      partOf.splice(k, 1);
      break;
    }
    const nextToken = all[k + 1];
    if (nextToken !== undefined && partOf[k] === partOf[k + 1] && t.length <= 4 && OUTWARD.test(t) && INWARD.test(nextToken)) {
      pc ??= normalisePostcode(t + nextToken);
      all.splice(k, 2);
      partOf.splice(k, 2);
      break;
    }
  }
  let parts: string[][] = [];
  for (let k = 0; k < all.length; k++) {
    if (k === 0 || partOf[k] !== partOf[k - 1]) parts.push([]);
    parts[parts.length - 1]!.push(all[k]!);
  }

  let flat = '';
  let number = '';
  // Sub-building: "FLAT 2", "APARTMENT 3B", "FLAT B" anywhere; removed from its part.
  found: for (const p of parts) {
    for (let k = 0; k < p.length - 1; k++) {
      if (FLAT_WORDS.has(p[k]!)) {
        flat = p[k + 1]!.replace(/^NO\.?/, '');
        p.splice(k, 2);
        break found;
      }
    }
  }
  parts = parts.filter((p) => p.length > 0);
  const tokens: string[] = [];
  const partStart: number[] = [];
  for (const p of parts) {
    partStart.push(tokens.length);
    tokens.push(...p);
  }
  // House number: the first numeric token ("14", "14A", "14-16"); "2/14" and "2, 14" forms
  // (flat then house number) are read as flat 2 of number 14.
  let streetStart = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const slash = /^(\d+[A-Z]?)\/(\d+[A-Z]?)$/.exec(t);
    if (slash) {
      flat ||= slash[1]!;
      number = slash[2]!;
      streetStart = i + 1;
      break;
    }
    if (NUMBER_TOKEN.test(t) || RANGE_TOKEN.test(t)) {
      const next = tokens[i + 1];
      if (!flat && next !== undefined && (NUMBER_TOKEN.test(next) || RANGE_TOKEN.test(next))) {
        flat = t;
        number = next;
        streetStart = i + 2;
      } else {
        number = t;
        streetStart = i + 1;
      }
      break;
    }
  }
  let name = '';
  if (streetStart < 0) {
    // No number: a named house ("ROSE COTTAGE, MILL LANE, TOWN") — first part is the name.
    if (parts.length >= 3) {
      name = tokens.slice(0, partStart[1] ?? 0).join(' ');
      streetStart = partStart[1] ?? 0;
    } else streetStart = 0;
  }
  // The street runs to the end of the comma part it starts in; the rest is the town.
  let streetEnd = tokens.length;
  for (const s of partStart) {
    if (s > streetStart) {
      streetEnd = s;
      break;
    }
  }
  // Unpunctuated "14 KILNFIELD ROAD WEXTHORPE": end the street after its type word.
  // Abbreviated street types are spelled out, except as the first word ("ST JOHNS ROAD" is Saint).
  const streetTokens = tokens.slice(streetStart, streetEnd).map((t, k) => (k > 0 ? expandStreetType(t) : t));
  let town = tokens.slice(streetEnd).join(' ');
  if (streetEnd === tokens.length && streetTokens.length > 2) {
    const typeAt = streetTokens.findIndex((t, k) => k > 0 && STREET_TYPE_WORDS.has(t));
    if (typeAt > 0 && typeAt < streetTokens.length - 1) {
      town = streetTokens.slice(typeAt + 1).join(' ');
      streetTokens.length = typeAt + 1;
    }
  }
  return { postcode: pc, flat: flat.replace(/^0+(?=\d)/, ''), number: number.replace(/^0+(?=\d)/, ''), name, street: streetTokens.join(' '), town };
}

const STREET_TYPE_WORDS = new Set([...Object.values(STREET_TYPES), 'ROW', 'WAY', 'CROFT', 'FOLD', 'YARD', 'BANK', 'GATE']);


/** Two street names written by different agencies are the same street (typo-tolerant). */
export function sameStreet(a: string, b: string): boolean {
  if (a === b) return true;
  if (a === '' || b === '') return true;
  const ca = a.replace(/ /g, '');
  const cb = b.replace(/ /g, '');
  if (ca === cb) return true;
  return ca.length >= 6 && withinOneEdit(ca, cb);
}
