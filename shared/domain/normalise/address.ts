// Address normaliser: one free-text cell or several address lines in; flat, house number or
// name, street (with its type spelled out), locality, town and postcode out, plus one
// comparable line. Pure; the original text stays in the raw row.
import { findPostcode, normalisePostcode } from './postcode.js';
import { foldText } from './text.js';
import { buildingPrefix } from './building.js';

export interface NormalisedAddress {
  /** sub-building: "2" for "Flat 2", "B" for "Flat B", "FIRST FLOOR"; null for a whole house */
  flat: string | null;
  /** house number with any letter suffix or range: "14", "14A", "12-14" */
  number: string | null;
  /** house or building name: "ROSE COTTAGE", "MILL HOUSE" */
  name: string | null;
  /** street with its type spelled out: "KILNFIELD ROAD" */
  street: string | null;
  /** parts between the street and the town: "WICKERSLEY" */
  locality: string | null;
  town: string | null;
  postcode: string | null;
  /** One comparable line: FLAT 2 14 KILNFIELD ROAD WICKERSLEY ROTHERHAM (no postcode) */
  key: string;
}

/** Street-type words as agencies abbreviate them, spelled out. */
export const STREET_TYPES: Readonly<Record<string, string>> = {
  RD: 'ROAD', ROAD: 'ROAD',
  ST: 'STREET', STR: 'STREET', STREET: 'STREET',
  AVE: 'AVENUE', AV: 'AVENUE', AVEN: 'AVENUE', AVENUE: 'AVENUE',
  CRES: 'CRESCENT', CRESC: 'CRESCENT', CRS: 'CRESCENT', CRESCENT: 'CRESCENT',
  CL: 'CLOSE', CLS: 'CLOSE', CLOSE: 'CLOSE',
  TER: 'TERRACE', TERR: 'TERRACE', TCE: 'TERRACE', TERRACE: 'TERRACE',
  DR: 'DRIVE', DRV: 'DRIVE', DRIVE: 'DRIVE',
  LN: 'LANE', LA: 'LANE', LANE: 'LANE',
  GR: 'GROVE', GRV: 'GROVE', GROVE: 'GROVE',
  GDNS: 'GARDENS', GDN: 'GARDENS', GARDENS: 'GARDENS',
  PL: 'PLACE', PLACE: 'PLACE',
  SQ: 'SQUARE', SQUARE: 'SQUARE',
  CT: 'COURT', CRT: 'COURT', COURT: 'COURT',
  PK: 'PARK', PARK: 'PARK',
  WY: 'WAY', WAY: 'WAY',
  MWS: 'MEWS', MEWS: 'MEWS',
  PDE: 'PARADE', PARADE: 'PARADE',
  GN: 'GREEN', GRN: 'GREEN', GREEN: 'GREEN',
  WLK: 'WALK', WALK: 'WALK',
  VW: 'VIEW', VIEW: 'VIEW',
  HTS: 'HEIGHTS', HEIGHTS: 'HEIGHTS',
  BVD: 'BOULEVARD', BLVD: 'BOULEVARD', BOULEVARD: 'BOULEVARD',
  EST: 'ESTATE', ESTATE: 'ESTATE',
  HL: 'HILL', HILL: 'HILL',
  RI: 'RISE', RISE: 'RISE',
  ROW: 'ROW',
  WHF: 'WHARF', WHARF: 'WHARF',
  GA: 'GATE', GATE: 'GATE',
  BANK: 'BANK', CROFT: 'CROFT', FOLD: 'FOLD', MOUNT: 'MOUNT', MT: 'MOUNT', CHASE: 'CHASE', VALE: 'VALE', WYND: 'WYND',
  CIRCUS: 'CIRCUS', CIRCLE: 'CIRCLE', CIR: 'CIRCLE', CIRCUIT: 'CIRCUIT', CCT: 'CIRCUIT', APPROACH: 'APPROACH', APP: 'APPROACH',
  BROADWAY: 'BROADWAY', END: 'END', FIELD: 'FIELD', FIELDS: 'FIELDS', LEA: 'LEA', MEAD: 'MEAD', MEADOW: 'MEADOW', PATH: 'PATH',
  PASSAGE: 'PASSAGE', QUAY: 'QUAY', RIDGE: 'RIDGE', VILLAS: 'VILLAS', YARD: 'YARD', COTTAGES: 'COTTAGES', COTTS: 'COTTAGES', BUILDINGS: 'BUILDINGS', BLDGS: 'BUILDINGS',
};
/** Words that are street types only when spelled out or unmistakable, for the "looks like" test. */
const STREET_WORD = /\b(ROAD|RD|STREET|ST|AVENUE|AVE|CRESCENT|CRES|CLOSE|CL|TERRACE|TERR|TCE|DRIVE|DR|LANE|LN|GROVE|GARDENS|GDNS|PLACE|PL|SQUARE|SQ|COURT|CT|PARK|WAY|MEWS|PARADE|GREEN|WALK|VIEW|HEIGHTS|RISE|ROW|HILL|GATE|BANK|CROFT|FOLD|MOUNT|CHASE|VALE|WYND|CIRCUIT|APPROACH|MEADOW|YARD|COTTAGES|ESTATE|BOULEVARD)\b/;

/** Other words spelled out wherever they stand. */
const WORDS: Readonly<Record<string, string>> = {
  FLT: 'FLAT', APT: 'APARTMENT', APPT: 'APARTMENT', APTS: 'APARTMENTS', HSE: 'HOUSE', HO: 'HOUSE', TWR: 'TOWER', BLDG: 'BUILDING', BLK: 'BLOCK', CTGE: 'COTTAGE', COTT: 'COTTAGE', FM: 'FARM', UPR: 'UPPER', LWR: 'LOWER', GT: 'GREAT', LT: 'LITTLE', LTL: 'LITTLE', NTH: 'NORTH', STH: 'SOUTH', N: 'NORTH', S: 'SOUTH', E: 'EAST', W: 'WEST',
};

// A letter after the word needs a space or dot before it: "Parkside Flats" and "RMB 596" are no flat S or B.
const FLAT = /\b(?:FLAT|FLT|APARTMENT|APPT|APT|UNIT|ROOM|RM|SUITE|STUDIO|MAISONETTE|BEDSIT)(?:\.?\s*(?:NO\.?\s*)?([0-9]+[A-Z]?)|(?:\.\s*|\s+)(?:NO\.?\s*)?([A-Z])(?![A-Z]))\b/;
const FLOOR = /\b(?:(?:FLAT|FLT)\s+)?((?:GROUND|BASEMENT|LOWER GROUND|FIRST|1ST|SECOND|2ND|THIRD|3RD|FOURTH|4TH|TOP|UPPER|LOWER)\s+FLOOR)(?:\s+(?:FLAT|FLT))?\b/;
/** "Basement Flat", "Top Flat": a floor written without the word FLOOR. */
const FLOOR_FLAT = /\b(BASEMENT|GROUND|TOP)\s+(?:FLAT|FLT)\b/;
/**
 * Written before a house name when an address is someone else's the person is reached at ("c/o
 * 14 Ropery Gardens": staying with a friend, a correspondence address), so that the household
 * stage can tell it from the person's own home; the rest is parsed as any address.
 */
export const CARE_OF = 'C/O';
const CARE_OF_START = /^\s*(?:C\/O\b|C\.O\.|C O\b|CARE OF\b)[\s,:]*/;
/** A part that is only a floor ("First Floor", "GROUND FLR"). */
const FLOOR_ONLY = /^(?:GROUND|BASEMENT|LOWER GROUND|FIRST|1ST|SECOND|2ND|THIRD|3RD|FOURTH|4TH|TOP|UPPER|LOWER)\s+(?:FLOOR|FLR)$/;
/** "2/14 High St" (flat 2 at number 14) and "14/2" are both seen; the form with a leading flat is the common one. */
const SLASH = /^([0-9]+[A-Z]?)\s*\/\s*([0-9]+[A-Z]?)\b\s*/;
const NUMBER = /^([0-9]+[A-Z]?(?:\s*-\s*[0-9]+[A-Z]?)?)\b[,\s]*/;

function tidy(text: string): string {
  return foldText(text)
    .replace(/[’'`]/g, '')
    .replace(/[^A-Z0-9,/\-\n ]+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const own = (table: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

const DIRECTION = /^(NORTH|SOUTH|EAST|WEST|UPPER|LOWER|N|S|E|W)$/;

function spellOut(words: string[], isStreet: boolean): string {
  return words
    .map((w, i) => {
      if (w === 'ST' && i === 0 && words.length > 1) return 'SAINT';
      const last = i === words.length - 1;
      if (isStreet && i > 0 && (last || DIRECTION.test(words[i + 1] ?? ''))) {
        const type = own(STREET_TYPES, w);
        if (type) return type;
      }
      if (w.length === 1) return w;
      return own(WORDS, w) ?? w;
    })
    .join(' ');
}

const hasStreetType = (part: string): boolean => {
  const words = part.split(' ');
  const last = words[words.length - 1] ?? '';
  return words.length > 1 && own(STREET_TYPES, last) !== undefined;
};

const STREET_TYPE_WORDS = new Set(Object.values(STREET_TYPES));
const isStreetType = (word: string): boolean => STREET_TYPE_WORDS.has(word);
/** A word spelled out for the building test: "HO" is HOUSE, "CT" COURT. */
const spelled = (w: string): string => own(WORDS, w) ?? own(STREET_TYPES, w) ?? w;
const LONE_NUMBER = /^[0-9]+[A-Z]?$/;
/** A part that is only a door: "FLAT 9", "GROUND FLOOR FLAT", "9". */
const isDoor = (part: string): boolean => {
  if (LONE_NUMBER.test(part)) return true;
  const f = FLAT.exec(part) ?? FLOOR.exec(part) ?? FLOOR_FLAT.exec(part);
  return !!f && (part.slice(0, f.index) + part.slice(f.index + f[0].length)).trim() === '';
};
/** Words after the first that include a street type: "KILNFIELD ROAD WEXTHORPE" (no commas). */
const holdsStreet = (part: string): boolean => /^[0-9]/.test(part) || STREET_WORD.test(part.split(' ').slice(1).join(' '));

interface Building {
  name: string;
  /** the parts left once the building is taken out */
  parts: string[];
  /** words after the name in its own part that are no street: a place ("Priestley House Wexthorpe") */
  place: string | null;
}

/**
 * A named building at the start of the address (after any flat): "Priestley House", "Priestley
 * House, Kilnfield Road", "Flat 9 Priestley House Kilnfield Road". A name ending in a word only
 * buildings end in (House, Tower, Lodge…) is one; one ending in a word streets end in too (Court,
 * Mews, Heights…) only where a street follows it or a flat stands before it ("Flat 9, Ashdown
 * Court"): "Ashdown Court" alone may be a cul-de-sac of houses. A number before the name ("9
 * Priestley House") is left as a house number on a street, as it always was read: whether it is
 * the flat is for the household keys to weigh (other data sets write numbered properties so).
 * Then the building only ends its part: "9 Priestley House Kilnfield Road" is read as "9
 * Priestley House, Kilnfield Road" (`parts` is split in place).
 */
function findBuilding(parts: string[], hasFlat: boolean): Building | null {
  const part = parts[0];
  if (!part) return null;
  let words = part.split(' ');
  let door: string | null = null;
  if (LONE_NUMBER.test(words[0] ?? '') && words.length > 2) {
    door = words[0] ?? null;
    words = words.slice(1);
  }
  const prefix = buildingPrefix(words.map(spelled), isStreetType);
  if (!prefix) return null;
  const rest = words.slice(prefix.end).join(' ');
  const after = rest || parts[1];
  const streetFollows = !!after && (hasStreetType(after) || holdsStreet(after));
  if (prefix.kind === 'either' && !streetFollows && !(hasFlat && !door)) return null;
  const name = words.slice(0, prefix.end).join(' ');
  if (door) {
    if (rest) parts.splice(0, 1, `${door} ${name}`, rest);
    return null;
  }
  const left = parts.slice(1);
  let place: string | null = null;
  if (rest && holdsStreet(rest)) left.unshift(rest);
  else if (rest) place = rest;
  return { name, parts: left, place };
}

/** A whole text that is a building's name by its shape alone: "PRIESTLEY HOUSE", "CHURCH VIEW HOUSE" (not "ASHDOWN COURT", which may be a street). */
export function isBuildingName(text: string): boolean {
  const words = text.split(' ');
  const prefix = buildingPrefix(words.map(spelled), isStreetType);
  return prefix?.kind === 'building' && prefix.end === words.length;
}

export interface AddressOptions {
  /** A separate town column's value (wins over a guess from the last line). */
  town?: string | null;
  /** A separate postcode column's value (wins over one found in the text). */
  postcode?: string | null;
}

/** Normalises an address given as one free-text cell or as separate lines. */
export function normaliseAddress(input: string | ReadonlyArray<string | null | undefined> | null | undefined, options: AddressOptions = {}): NormalisedAddress {
  const lines = (typeof input === 'string' ? [input] : (input ?? [])).filter((l): l is string => !!l && l.trim() !== '');
  let text = tidy(lines.join(', ').replace(/\r?\n/g, ', '));
  let postcode = options.postcode ? normalisePostcode(options.postcode) : null;
  const found = findPostcode(text);
  if (found) {
    postcode ??= found.postcode;
    text = (text.slice(0, found.start) + text.slice(found.end)).trim();
  }
  // "c/o 14 Ropery Gardens": someone else's home the person is reached at (see CARE_OF)
  const careOf = CARE_OF_START.exec(text);
  if (careOf) text = text.slice(careOf[0].length);
  let parts = text
    .split(',')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  let town = options.town ? tidy(options.town) || null : null;
  if (town) {
    const t = town;
    parts = parts.filter((p) => p !== t);
  } else if (parts.length > 1) {
    const last = parts[parts.length - 1] ?? '';
    // "Flat 9, Priestley House": a building after nothing but the door is no town
    const building = parts.slice(0, -1).every(isDoor) && isBuildingName(last);
    if (!/[0-9]/.test(last) && !hasStreetType(last) && !FLAT.test(last) && !building) {
      town = last;
      parts = parts.slice(0, -1);
    }
  }

  let flat: string | null = null;
  let number: string | null = null;
  let name: string | null = null;
  let street: string | null = null;
  const locality: string[] = [];

  // Flat: "Flat 2", "Apt 4B", "First Floor Flat", "2/14".
  for (let i = 0; i < parts.length && !flat; i++) {
    const part = parts[i] ?? '';
    const short = FLOOR_FLAT.exec(part);
    // the door written first is the door: "FIRST FLOOR FLAT 5 BRABAZON WALK" is the first-floor
    // flat of number 5 (with commas: "First Floor Flat, 5 Brabazon Walk"), "Flat 2 First Floor" flat 2
    const found = [FLAT.exec(part), FLOOR.exec(part), short].filter((m): m is RegExpExecArray => m !== null);
    const f = found.reduce<RegExpExecArray | null>((a, m) => (a === null || m.index < a.index ? m : a), null);
    if (f) {
      flat = (f === short ? `${f[1]} FLOOR` : (f[1] ?? f[2] ?? '')).replace(/^1ST/, 'FIRST').replace(/^2ND/, 'SECOND').replace(/^3RD/, 'THIRD').replace(/^4TH/, 'FOURTH');
      parts[i] = (part.slice(0, f.index) + part.slice(f.index + f[0].length)).replace(/^[\s,]+|[\s,]+$/g, '').trim();
    }
  }
  // a floor beside a flat's number says where the flat is, not a house name ("Flat 2, First Floor")
  if (flat) parts = parts.map((p) => (FLOOR_ONLY.test(p) ? '' : p));
  parts = parts.filter(Boolean);
  if (!flat && parts[0]) {
    const s = SLASH.exec(parts[0]);
    if (s) {
      flat = s[1] ?? null;
      parts[0] = `${s[2] ?? ''} ${parts[0].slice(s[0].length)}`.trim();
    }
  }

  const building = findBuilding(parts, flat !== null);
  if (building) {
    parts = building.parts;
    if (building.place) {
      if (town) parts.push(building.place);
      else town = building.place;
    }
  }
  const named = (before: string[]): string | null => [building?.name, ...before].filter(Boolean).join(' ') || null;

  // Number and street: the first part that starts with a number, or a lone number followed by
  // the street as the next part; parts before it are the house or building name.
  const numberAt = parts.findIndex((p) => NUMBER.test(p));
  if (numberAt >= 0) {
    const part = parts[numberAt] ?? '';
    const n = NUMBER.exec(part);
    number = (n?.[1] ?? '').replace(/\s+/g, '');
    const rest = part.slice(n?.[0].length ?? 0).trim();
    let next = numberAt + 1;
    if (rest) street = rest;
    else if (next < parts.length) street = parts[next++] ?? null;
    name = named(parts.slice(0, numberAt));
    locality.push(...parts.slice(next));
  } else {
    // No number: "Rose Cottage, Mill Lane, Wickersley": the name, then the street.
    let streetAt = parts.findIndex(hasStreetType);
    // "Flat 9 Priestley House Kilnfield Road Wexthorpe": the street and town after the building
    if (streetAt < 0 && building && parts[0] && holdsStreet(parts[0])) streetAt = 0;
    if (streetAt >= 0) {
      street = parts[streetAt] ?? null;
      name = named(parts.slice(0, streetAt));
      locality.push(...parts.slice(streetAt + 1));
    } else if (building) {
      name = building.name;
      locality.push(...parts);
    } else if (parts.length) {
      name = parts[0] ?? null;
      locality.push(...parts.slice(1));
    }
  }
  if (street && !town && locality.length === 0 && !hasStreetType(street)) {
    // "14 Kilnfield Rd Wexthorpe" with no commas: the street ends at its last type word and
    // the rest is the town (not when the rest is a direction: "High Street North").
    const words = street.split(' ');
    for (let k = words.length - 2; k >= 1; k--) {
      const type = own(STREET_TYPES, words[k] ?? '');
      if (type === undefined || !STREET_WORD.test(type)) continue;
      if (!DIRECTION.test(words[k + 1] ?? '')) {
        town = words.slice(k + 1).join(' ');
        street = words.slice(0, k + 1).join(' ');
      }
      break;
    }
  }
  if (street) street = spellOut(street.split(' '), true);
  if (name) name = spellOut(name.split(' '), false);
  if (careOf) name = name ? `${CARE_OF} ${name}` : CARE_OF;
  const loc = locality.length ? locality.map((l) => spellOut(l.split(' '), hasStreetType(l))).join(' ') : null;
  const key = [flat && `FLAT ${flat}`, name, number, street, loc, town].filter(Boolean).join(' ').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
  return { flat, number, name, street, locality: loc, town, postcode, key };
}

/** A free-text cell that reads like an address: a number and a street, or text ending in a postcode. */
export function looksLikeAddress(value: string): boolean {
  const v = foldText(value);
  if (v.length < 8 || v.length > 300) return false;
  if (/\b[0-9]+[A-Z]?\s+[A-Z][A-Z']+(\s+[A-Z][A-Z']+)*\s+/.test(`${v} `) && STREET_WORD.test(v)) return true;
  const pc = findPostcode(v);
  return pc !== null && pc.start > 4 && /[A-Z]{3,}/.test(v.slice(0, pc.start));
}
