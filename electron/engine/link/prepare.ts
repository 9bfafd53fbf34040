// Turns LinkRecords into compact columns: every string interned to an integer id once, so
// comparisons and blocking work on typed arrays with no per-pair objects. Arrays live on
// SharedArrayBuffers so worker threads read them without copying.
import { sexOfTitle } from './households/title-sex.js';
import { isPlaceholderDate } from '../../../shared/domain/normalise/date.js';
import { nameKey } from '../../../shared/domain/normalise/name.js';
import { normalisePostcode } from '../../../shared/domain/normalise/postcode.js';
import { personAddress, recordAddress } from './address.js';
import { canonicalName, nicknameGroupsOf, transliterationKey } from './names.js';
import { soundex } from './strings.js';
import type { LinkRecord } from './types.js';
import { detailsSubset, prepareDetails, type PersonDetails } from './person-details.js';
import { birthYears, bornByDays } from './dob-year.js';

/** Compressed sparse rows: the values of row i are values[offsets[i] .. offsets[i+1]). */
export interface Csr {
  offsets: Int32Array;
  values: Int32Array;
}

/**
 * Record fields packed side by side (stride REC), so a comparison touches one or two cache
 * lines per record instead of one per column: at a million records memory latency, not
 * arithmetic, bounds the comparison rate.
 */
export const REC = 28;
export const R = {
  fn: 0,
  fnCompact: 1,
  sn: 2,
  dob: 3,
  /** y·512 + m·32 + d, 0 when missing */
  ymd: 4,
  sex: 5,
  pc: 6,
  pcSector: 7,
  pcDistrict: 8,
  hasAddress: 9,
  uprn: 10,
  houseNumber: 11,
  street: 12,
  flat: 13,
  nhs: 14,
  nino: 15,
  upn: 16,
  midStart: 17,
  midEnd: 18,
  snPartsStart: 19,
  snPartsEnd: 20,
  prevSnStart: 21,
  prevSnEnd: 22,
  tokensStart: 23,
  tokensEnd: 24,
  otherId: 25,
  email: 26,
  phone: 27,
} as const;
/** Name facts packed per name id (stride NAME): letter mask, length·65536 + first char, transliteration id, 1 if in a nickname group. */
export const NAME = 4;

export interface Prepared {
  n: number;
  /** REC ints per record, laid out as R says */
  rec: Int32Array;
  /** NAME ints per name id */
  nameInfo: Int32Array;
  /** source index per record (into sourceIds) */
  source: Int32Array;
  sourceIds: number[];

  /** name dictionary (forenames, surnames, middle names share it) */
  names: string[];
  /** first forename token */
  fn: Int32Array;
  /** whole forename without spaces ("MARYANN" for "Mary Ann") */
  fnCompact: Int32Array;
  /** middle names, and forename tokens after the first */
  mid: Csr;
  /** surname without spaces ("SMITHJONES" for "Smith-Jones") */
  sn: Int32Array;
  /** surname tokens when there are several (double-barrelled) */
  snParts: Csr;
  /** known previous surnames */
  prevSn: Csr;
  /** per name id: transliteration skeleton id, Soundex id (of the name a nickname stands for: Wm → William), nickname groups */
  nameTranslit: Int32Array;
  nameSoundex: Int32Array;
  nameNick: Csr;
  /** per name id: letters present (bit 0 = A … bit 25 = Z, bit 26 = anything else) and length */
  nameMask: Int32Array;
  nameLength: Int32Array;

  /** date of birth as days since 1 Jan 1000 (−1 missing: historical registers hold births before 1800), and its parts */
  dob: Int32Array;
  dobY: Int16Array;
  dobM: Int8Array;
  dobD: Int8Array;
  /** year of birth: of the full date, else a year given alone (dob-year.ts); 0 when none */
  birthYear?: Int16Array;
  /** the last day an age at an event lets the birth fall on (days, −1 none; dob-year.ts), when any record has one */
  bornBy?: Int32Array;
  /** 0 missing/unknown, 1 M, 2 F */
  sex: Int8Array;

  /** postcode dictionary; full postcode (UK normalised, else the raw code compacted), sector, district */
  postcodes: string[];
  pc: Int32Array;
  pcSector: Int32Array;
  pcDistrict: Int32Array;

  /** address part dictionary: flat, number, street ids; sorted token ids; UPRN ids (into `uprns`) */
  addressParts: string[];
  uprn: Int32Array;
  flat: Int32Array;
  houseNumber: Int32Array;
  street: Int32Array;
  addrTokens: Csr;
  /** record has an address or UPRN */
  hasAddress: Uint8Array;
  /**
   * For a record with an address but no postcode, its whole address (its words, sorted) as one
   * id, else −1: where there is no postcode the address stands in for it as a place to block on.
   */
  place: Int32Array;

  /** UPRN dictionary (ids in `uprn`) */
  uprns: string[];
  /** valid national identifiers as ids (one dictionary per kind, not kept), −1 missing */
  nhs: Int32Array;
  nino: Int32Array;
  /** NINO dictionary (ids in `nino`): a NINO has no check digit, so near values are compared */
  ninos: string[];
  upn: Int32Array;
  /** other national identifiers (no check digit) as ids into `otherIds`, −1 missing or a placeholder */
  otherId: Int32Array;
  otherIds: string[];
  /** e-mail addresses and phone numbers as ids into `contacts` (one dictionary), −1 missing */
  email: Int32Array;
  phone: Int32Array;
  contacts: string[];

  /** term frequencies: records holding each forename / surname name id, each postcode id */
  fnCount: Int32Array;
  snCount: Int32Array;
  pcCount: Int32Array;
  otherIdCount: Int32Array;
  /** records holding each contact id (e-mail or phone: the dictionaries never collide, an e-mail has an @) */
  contactCount: Int32Array;
  emailTotal: number;
  phoneTotal: number;
  fnTotal: number;
  snTotal: number;
  pcTotal: number;
  otherIdTotal: number;
  /** occupation and father's forename, only for the fields some record holds (person-details.ts) */
  details?: PersonDetails;
}

const shared = typeof SharedArrayBuffer === 'function';
export const i32 = (n: number): Int32Array => (shared ? new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4)) : new Int32Array(n)).subarray(0, n);
const i16 = (n: number): Int16Array => (shared ? new Int16Array(new SharedArrayBuffer(Math.max(2, n * 2))) : new Int16Array(n)).subarray(0, n);
const i8 = (n: number): Int8Array => (shared ? new Int8Array(new SharedArrayBuffer(Math.max(1, n))) : new Int8Array(n)).subarray(0, n);
const u8 = (n: number): Uint8Array => (shared ? new Uint8Array(new SharedArrayBuffer(Math.max(1, n))) : new Uint8Array(n)).subarray(0, n);

class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

class CsrBuilder {
  private offsets = new Int32Array(1024);
  private values = new Int32Array(1024);
  private rows = 0;
  private size = 0;
  push(items: readonly number[]): void {
    if (this.size + items.length > this.values.length) {
      const next = new Int32Array(Math.max(this.values.length * 2, this.size + items.length));
      next.set(this.values.subarray(0, this.size));
      this.values = next;
    }
    for (let k = 0; k < items.length; k++) this.values[this.size++] = items[k] as number;
    if (this.rows + 2 > this.offsets.length) {
      const next = new Int32Array(this.offsets.length * 2);
      next.set(this.offsets);
      this.offsets = next;
    }
    this.offsets[++this.rows] = this.size;
  }
  build(): Csr {
    const offsets = i32(this.rows + 1);
    offsets.set(this.offsets.subarray(0, this.rows + 1));
    const values = i32(this.size);
    values.set(this.values.subarray(0, this.size));
    return { offsets, values };
  }
}

const DAY_MS = 86_400_000;
// Far enough back for parish registers: a birth before the epoch would read as a missing date.
const EPOCH = Date.UTC(1000, 0, 1);

/** Values that stand for "not known" in name fields. */
const UNKNOWN_NAMES = new Set(['UNKNOWN', 'NOT KNOWN', 'NOTKNOWN', 'UNK', 'NK', 'NONE', 'NULL', 'NA', 'N A', 'TBC', 'XXX', 'X', 'ANON', 'ANONYMOUS', 'REFUSED', 'BABY', 'INFANT', 'UNNAMED', 'UNBORN']);

/** A name's match key with "unknown" stand-ins removed. */
export function usableName(value: string | null | undefined): string | null {
  const key = nameKey(value);
  if (!key || UNKNOWN_NAMES.has(key)) return null;
  return key;
}

/**
 * An identifier with no check digit can only be screened for stand-ins: no digit at all
 * ("UNKNOWN", "N/A"), one character repeated ("000000000"), or too short to identify anyone.
 */
export function usableOtherId(value: string | null | undefined): string | null {
  if (!value || value.length < 4 || !/\d/.test(value)) return null;
  for (let k = 1; k < value.length; k++) if (value.charCodeAt(k) !== value.charCodeAt(0)) return value;
  return null;
}

/**
 * Postcode key: a valid UK postcode in "S60 1AB" form (from the postcode field, else from the
 * address text: the importer already moved one into the field, so only a record parsed here
 * brings one), else the raw code upper-cased without spaces (FEBRL's "4223").
 */
function postcodeKeys(
  r: LinkRecord,
  normalise: (v: string | null) => string | null = normalisePostcode,
): { full: string; sector: string | null; district: string | null } | null {
  const uk = r.postcode ?? normalise(r.postcodeRaw) ?? (r.postcodeRaw ? null : (recordAddress(r)?.postcodeInText ?? null));
  if (uk) {
    const [outward, inward] = uk.split(' ') as [string, string];
    return { full: uk, sector: `${outward} ${inward[0]}`, district: outward };
  }
  const raw = (r.postcodeRaw ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!raw || /^0+$/.test(raw)) return null;
  return { full: raw, sector: null, district: null };
}

interface AddressIds {
  place: number;
  flat: number;
  number: number;
  street: number;
  tokens: number[];
}

/** Bit per letter present (A = bit 0 … Z = bit 25), bit 26 for any other character. */
export function letterMask(name: string): number {
  let mask = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k) - 65;
    mask |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return mask;
}

/** Memoises a pure function of a string: names, addresses and postcodes repeat a lot. */
function memo<T>(fn: (value: string) => T): (value: string | null | undefined) => T | null {
  const cache = new Map<string, T>();
  return (value) => {
    if (value === null || value === undefined) return null;
    let out = cache.get(value);
    if (out === undefined && !cache.has(value)) {
      out = fn(value);
      cache.set(value, out);
    }
    return out as T;
  };
}

/** Per-record staging columns while records arrive (stride W), split into Prepared's columns at the end. */
const W = {
  source: 0,
  fn: 1,
  fnCompact: 2,
  sn: 3,
  dob: 4,
  dobY: 5,
  dobM: 6,
  dobD: 7,
  sex: 8,
  pc: 9,
  pcSector: 10,
  pcDistrict: 11,
  uprn: 12,
  flat: 13,
  houseNumber: 14,
  street: 15,
  hasAddress: 16,
  /** the address's place id whatever the postcode: `place` keeps it only for a record without one */
  addrPlace: 17,
  nhs: 18,
  nino: 19,
  upn: 20,
  otherId: 21,
  email: 22,
  phone: 23,
} as const;
const WIDTH = 24;

/** Prepared but for the columns read from whole records at the end (person details, years of birth). */
export type PreparedColumns = Omit<Prepared, 'details' | 'birthYear' | 'bornBy'>;

/**
 * Prepares records one at a time, in record order (ids are interned in order of first sight, as
 * every stage after expects), so records can be prepared while they load — on another thread
 * (front-thread.ts). A record whose postcode is missing may be deferred (`deferPostcodes`):
 * its postcode comes from the raw cell, read only after every record has loaded
 * (load-records.ts); `setPostcodeRaw` gives it, and `finish` renumbers the postcode dictionary to
 * the order a single pass would have given, so the columns are the same bit for bit.
 */
export class Preparer {
  private n = 0;
  private w: Int32Array;
  private readonly pcOf = memo((v) => normalisePostcode(v));
  private readonly names = new Interner();
  private readonly postcodes = new Interner();
  private readonly parts = new Interner();
  // one interner per identifier kind (and for UPRNs), so no prefixed copies of each value
  private readonly nhsIds = new Interner();
  private readonly ninoIds = new Interner();
  private readonly upnIds = new Interner();
  private readonly uprnIds = new Interner();
  private readonly otherIds = new Interner();
  private readonly contacts = new Interner();
  private readonly places = new Interner();
  private readonly sourceIndex = new Map<number, number>();
  private readonly sourceIds: number[] = [];
  private readonly mid = new CsrBuilder();
  private readonly snParts = new CsrBuilder();
  private readonly prevSn = new CsrBuilder();
  private readonly addrTokens = new CsrBuilder();
  private readonly middle: number[] = [];
  /** records whose postcode waits for setPostcodeRaw, by index */
  private readonly deferred = new Map<number, LinkRecord>();

  // Every distinct value is parsed and interned once; records repeat names, dates, postcodes
  // and addresses many times over.
  private readonly forenameOf = memo((v) => {
    const key = usableName(v);
    const tokens = key ? key.split(' ') : [];
    return {
      first: tokens.length ? this.names.id(tokens[0] as string) : -1,
      compact: tokens.length ? this.names.id(tokens.join('')) : -1,
      rest: tokens.slice(1).map((t) => this.names.id(t)),
    };
  });
  private readonly middleOf = memo((v) => {
    const key = usableName(v);
    return key ? key.split(' ').map((t) => this.names.id(t)) : EMPTY;
  });
  private readonly surnameOf = memo((v) => {
    const key = usableName(v);
    const tokens = key ? key.split(' ') : [];
    return { compact: tokens.length ? this.names.id(tokens.join('')) : -1, parts: tokens.length > 1 ? tokens.map((t) => this.names.id(t)) : EMPTY };
  });
  private readonly previousOf = memo((v) => {
    const key = usableName(v);
    return key ? [this.names.id(key.replace(/ /g, ''))] : EMPTY;
  });
  private readonly dobOf = memo((v): [number, number, number, number] => {
    if (isPlaceholderDate(v) || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return [-1, 0, 0, 0];
    const y = Number(v.slice(0, 4));
    const m = Number(v.slice(5, 7));
    const d = Number(v.slice(8, 10));
    if (y < 1000) return [-1, 0, 0, 0];
    return [Math.round((Date.UTC(y, m - 1, d) - EPOCH) / DAY_MS), y, m, d];
  });
  private readonly pcIds = (keys: ReturnType<typeof postcodeKeys>): [number, number, number] =>
    keys ? [this.postcodes.id(keys.full), keys.sector ? this.postcodes.id(keys.sector) : -1, keys.district ? this.postcodes.id(`${keys.district} `) : -1] : [-1, -1, -1];
  private readonly ukPostcodeOf = memo((v) => this.pcIds(postcodeKeys({ postcode: v, postcodeRaw: v, address: null } as LinkRecord, this.pcOf)));
  // keyed by the parts object: records of one home share it (load-records.ts)
  private readonly addressIds = new Map<object, AddressIds | null>();

  constructor(capacity = 1024) {
    this.w = new Int32Array(Math.max(1, capacity) * WIDTH);
  }

  /** Records added so far. */
  get count(): number {
    return this.n;
  }

  private addressIdsOf(r: LinkRecord): AddressIds | null {
    const address = recordAddress(r);
    if (!address) return null;
    let ids = this.addressIds.get(address.parts);
    if (ids !== undefined) return ids;
    const addr = personAddress(address.parts);
    ids = !addr
      ? null
      : {
          place: this.places.id([...addr.tokens].sort().join(' ')),
          flat: addr.flat ? this.parts.id(addr.flat) : -1,
          number: addr.number ? this.parts.id(addr.number) : -1,
          street: addr.street ? this.parts.id(addr.street) : -1,
          tokens: addr.tokens.map((t) => this.parts.id(t)).sort((a, b) => a - b),
        };
    this.addressIds.set(address.parts, ids);
    return ids;
  }

  /**
   * Adds the next record. With `deferPostcodes`, a record without a UK postcode is kept for
   * setPostcodeRaw (only its postcode columns wait; every other value is interned now, in order).
   */
  add(r: LinkRecord, deferPostcodes = false): void {
    const i = this.n++;
    if ((i + 1) * WIDTH > this.w.length) {
      const next = new Int32Array(this.w.length * 2);
      next.set(this.w);
      this.w = next;
    }
    const w = this.w;
    const o = i * WIDTH;
    let s = this.sourceIndex.get(r.sourceId);
    if (s === undefined) {
      s = this.sourceIds.length;
      this.sourceIndex.set(r.sourceId, s);
      this.sourceIds.push(r.sourceId);
    }
    w[o + W.source] = s;

    const f = this.forenameOf(r.forename) ?? NO_FORENAME;
    w[o + W.fn] = f.first;
    w[o + W.fnCompact] = f.compact;
    const m = this.middleOf(r.middleNames) ?? EMPTY;
    if (f.rest.length === 0) this.mid.push(m);
    else {
      const middle = this.middle;
      middle.length = 0;
      middle.push(...f.rest, ...m);
      this.mid.push(middle);
    }
    // One name given in both fields ("Ann Ann": a form that needs both, a full name of one word
    // split into each) says nothing of a family name: as a surname it is rare, and would weigh as
    // a rare surname shared, while against the true surname it would teach training that matches
    // differ in surname. The surname is taken as missing.
    const given = this.surnameOf(r.surname) ?? NO_SURNAME;
    const sur = given.compact >= 0 && given.compact === f.compact ? NO_SURNAME : given;
    w[o + W.sn] = sur.compact;
    this.snParts.push(sur.parts);
    this.prevSn.push(this.previousOf(r.previousSurname) ?? EMPTY);

    const d = this.dobOf(r.dob) ?? NO_DOB;
    w[o + W.dob] = d[0];
    w[o + W.dobY] = d[1];
    w[o + W.dobM] = d[2];
    w[o + W.dobD] = d[3];
    w[o + W.sex] = r.sex === 'M' ? 1 : r.sex === 'F' ? 2 : sexOfTitle(r.title);

    // the address first: its ids are interned in record order whatever the postcode waits for
    const addr = this.addressIdsOf(r);
    w[o + W.addrPlace] = addr ? addr.place : -1;
    if (r.postcode) this.setPostcodes(o, this.ukPostcodeOf(r.postcode) as [number, number, number]);
    else if (deferPostcodes) this.deferred.set(i, r);
    else this.setPostcodes(o, this.pcIds(postcodeKeys(r, this.pcOf)));

    w[o + W.uprn] = r.uprn ? this.uprnIds.id(r.uprn) : -1;
    w[o + W.flat] = addr ? addr.flat : -1;
    w[o + W.houseNumber] = addr ? addr.number : -1;
    w[o + W.street] = addr ? addr.street : -1;
    w[o + W.hasAddress] = addr || r.uprn ? 1 : 0;
    this.addrTokens.push(addr ? addr.tokens : EMPTY);

    w[o + W.nhs] = r.nhsNumber ? this.nhsIds.id(r.nhsNumber) : -1;
    w[o + W.nino] = r.nino ? this.ninoIds.id(r.nino) : -1;
    w[o + W.upn] = r.upn ? this.upnIds.id(r.upn) : -1;
    const other = usableOtherId(r.otherId);
    w[o + W.otherId] = other ? this.otherIds.id(other) : -1;
    w[o + W.email] = r.email ? this.contacts.id(r.email) : -1;
    w[o + W.phone] = r.phone ? this.contacts.id(r.phone) : -1;
  }

  private setPostcodes(o: number, pcs: readonly [number, number, number]): void {
    this.w[o + W.pc] = pcs[0];
    this.w[o + W.pcSector] = pcs[1];
    this.w[o + W.pcDistrict] = pcs[2];
  }

  /** The raw postcode cell of deferred record i (null: none), once the loader has read it. */
  setPostcodeRaw(i: number, postcodeRaw: string | null): void {
    const r = this.deferred.get(i);
    if (!r) return;
    this.deferred.delete(i);
    this.setPostcodes(i * WIDTH, this.pcIds(postcodeKeys({ ...r, postcodeRaw }, this.pcOf)));
  }

  /**
   * Postcode ids in order of first sight by record (full, sector, district), as one pass in
   * record order interns them: deferred records interned theirs last.
   */
  private renumberPostcodes(): string[] {
    const values = this.postcodes.values;
    const renumber = new Int32Array(values.length).fill(-1);
    const ordered: string[] = [];
    const w = this.w;
    for (let i = 0; i < this.n; i++) {
      const o = i * WIDTH;
      for (const c of [W.pc, W.pcSector, W.pcDistrict]) {
        const id = w[o + c] as number;
        if (id < 0) continue;
        if (renumber[id] === -1) {
          renumber[id] = ordered.length;
          ordered.push(values[id] as string);
        }
        w[o + c] = renumber[id] as number;
      }
    }
    return ordered;
  }

  /** The columns of every record added (deferred postcodes not given by now read as missing). */
  finish(): PreparedColumns {
    for (const i of [...this.deferred.keys()]) this.setPostcodeRaw(i, this.deferred.get(i)?.postcodeRaw ?? null);
    const postcodeValues = this.renumberPostcodes();
    const n = this.n;
    const w = this.w;
    const names = this.names;
    const column = (c: number, make: (n: number) => Int32Array | Int16Array | Int8Array | Uint8Array) => {
      const out = make(n);
      for (let i = 0; i < n; i++) out[i] = w[i * WIDTH + c] as number;
      return out;
    };
    const source = column(W.source, i32) as Int32Array;
    const fn = column(W.fn, i32) as Int32Array;
    const fnCompact = column(W.fnCompact, i32) as Int32Array;
    const sn = column(W.sn, i32) as Int32Array;
    const dob = column(W.dob, i32) as Int32Array;
    const dobY = column(W.dobY, i16) as Int16Array;
    const dobM = column(W.dobM, i8) as Int8Array;
    const dobD = column(W.dobD, i8) as Int8Array;
    const sex = column(W.sex, i8) as Int8Array;
    const pc = column(W.pc, i32) as Int32Array;
    const pcSector = column(W.pcSector, i32) as Int32Array;
    const pcDistrict = column(W.pcDistrict, i32) as Int32Array;
    const uprn = column(W.uprn, i32) as Int32Array;
    const flat = column(W.flat, i32) as Int32Array;
    const houseNumber = column(W.houseNumber, i32) as Int32Array;
    const street = column(W.street, i32) as Int32Array;
    const hasAddress = column(W.hasAddress, u8) as Uint8Array;
    const nhs = column(W.nhs, i32) as Int32Array;
    const nino = column(W.nino, i32) as Int32Array;
    const upn = column(W.upn, i32) as Int32Array;
    const otherId = column(W.otherId, i32) as Int32Array;
    const email = column(W.email, i32) as Int32Array;
    const phone = column(W.phone, i32) as Int32Array;
    const place = i32(n);
    for (let i = 0; i < n; i++) place[i] = (pc[i] as number) < 0 ? (w[i * WIDTH + W.addrPlace] as number) : -1;
    this.w = new Int32Array(0);
    const mid = this.mid;
    const snParts = this.snParts;
    const prevSn = this.prevSn;
    const addrTokens = this.addrTokens;
    const postcodes = { values: postcodeValues };
    const otherIds = this.otherIds;
    const contacts = this.contacts;
    const sourceIds = this.sourceIds;
    const uprnIds = this.uprnIds;
    const ninoIds = this.ninoIds;
    const parts = this.parts;

    // Per-name derived keys, computed once per distinct name.
    const nameCount = names.values.length;
    const codes = new Interner();
    const nameTranslit = i32(nameCount);
    const nameSoundex = i32(nameCount);
    const nick = new CsrBuilder();
    const nameMask = i32(nameCount);
    const nameLength = i32(nameCount);
    for (let id = 0; id < nameCount; id++) {
      const name = names.values[id] as string;
      nameLength[id] = name.length;
      nameMask[id] = letterMask(name);
      const t = transliterationKey(name);
      nameTranslit[id] = t ? codes.id(`T${t}`) : -1;
      // the sound of the name a nickname or a clerk's contraction stands for (Wm → William), so
      // name-sound blocking puts them together
      const sx = soundex(canonicalName(name));
      nameSoundex[id] = sx ? codes.id(`S${sx}`) : -1;
      nick.push(nicknameGroupsOf(name));
    }

    const midCsr = mid.build();
    const snPartsCsr = snParts.build();
    const prevSnCsr = prevSn.build();
    const tokensCsr = addrTokens.build();
    const nickCsr = nick.build();
    const perRecord = { n, fn, fnCompact, sn, dob, dobY, dobM, dobD, sex, pc, pcSector, pcDistrict, hasAddress, uprn, houseNumber, street, flat, nhs, nino, upn, otherId, email, phone, mid: midCsr, snParts: snPartsCsr, prevSn: prevSnCsr, addrTokens: tokensCsr };
    const rec = packRecords(perRecord);
    const nameInfo = i32(nameCount * NAME);
    for (let id = 0; id < nameCount; id++) {
      const name = names.values[id] as string;
      nameInfo[id * NAME] = nameMask[id] as number;
      nameInfo[id * NAME + 1] = name.length * 65536 + (name.charCodeAt(0) & 0xffff);
      nameInfo[id * NAME + 2] = nameTranslit[id] as number;
      nameInfo[id * NAME + 3] = (nickCsr.offsets[id + 1] as number) > (nickCsr.offsets[id] as number) ? 1 : 0;
    }

    return {
      n,
      rec,
      nameInfo,
      source,
      sourceIds,
      names: names.values,
      fn,
      fnCompact,
      mid: midCsr,
      sn,
      snParts: snPartsCsr,
      prevSn: prevSnCsr,
      nameTranslit,
      nameSoundex,
      nameNick: nickCsr,
      nameMask,
      nameLength,
      dob,
      dobY,
      dobM,
      dobD,
      sex,
      postcodes: postcodes.values,
      pc,
      pcSector,
      pcDistrict,
      addressParts: parts.values,
      uprn,
      flat,
      houseNumber,
      street,
      addrTokens: tokensCsr,
      hasAddress,
      place,
      uprns: uprnIds.values,
      nhs,
      nino,
      ninos: ninoIds.values,
      upn,
      otherId,
      otherIds: otherIds.values,
      email,
      phone,
      contacts: contacts.values,
      ...termCounts(perRecord, { names: nameCount, postcodes: postcodes.values.length, otherIds: otherIds.values.length, contacts: contacts.values.length }),
    };
  }
}

const EMPTY: number[] = [];
const NO_FORENAME = { first: -1, compact: -1, rest: EMPTY };
const NO_SURNAME = { compact: -1, parts: EMPTY };
const NO_DOB: [number, number, number, number] = [-1, 0, 0, 0];

/** The prepared columns of records, in one pass on this thread. */
export function prepare(records: readonly LinkRecord[]): Prepared {
  const preparer = new Preparer(records.length);
  for (const r of records) preparer.add(r);
  return completePrepared(preparer.finish(), records);
}

/** The columns read from whole records at the end: person details, years of birth. */
export function completePrepared(columns: PreparedColumns, records: readonly LinkRecord[]): Prepared {
  return { ...columns, details: prepareDetails(records), birthYear: birthYears(records, columns.dob, columns.dobY), bornBy: bornByDays(records) };
}

/** The per-record columns `rec` packs. */
type RecordColumns = Pick<
  Prepared,
  'n' | 'fn' | 'fnCompact' | 'sn' | 'dob' | 'dobY' | 'dobM' | 'dobD' | 'sex' | 'pc' | 'pcSector' | 'pcDistrict' | 'hasAddress' | 'uprn' | 'houseNumber' | 'street' | 'flat' | 'nhs' | 'nino' | 'upn' | 'otherId' | 'email' | 'phone' | 'mid' | 'snParts' | 'prevSn' | 'addrTokens'
>;

/** The record columns side by side (stride REC, as R lays them out). */
function packRecords(c: RecordColumns): Int32Array {
  const { n, fn, fnCompact, sn, dob, dobY, dobM, dobD, sex, pc, pcSector, pcDistrict, hasAddress, uprn, houseNumber, street, flat, nhs, nino, upn, otherId, email, phone } = c;
  const rec = i32(n * REC);
  for (let i = 0; i < n; i++) {
    const o = i * REC;
    rec[o + R.fn] = fn[i] as number;
    rec[o + R.fnCompact] = fnCompact[i] as number;
    rec[o + R.sn] = sn[i] as number;
    rec[o + R.dob] = dob[i] as number;
    rec[o + R.ymd] = (dob[i] as number) < 0 ? 0 : (dobY[i] as number) * 512 + (dobM[i] as number) * 32 + (dobD[i] as number);
    rec[o + R.sex] = sex[i] as number;
    rec[o + R.pc] = pc[i] as number;
    rec[o + R.pcSector] = pcSector[i] as number;
    rec[o + R.pcDistrict] = pcDistrict[i] as number;
    rec[o + R.hasAddress] = hasAddress[i] as number;
    rec[o + R.uprn] = uprn[i] as number;
    rec[o + R.houseNumber] = houseNumber[i] as number;
    rec[o + R.street] = street[i] as number;
    rec[o + R.flat] = flat[i] as number;
    rec[o + R.nhs] = nhs[i] as number;
    rec[o + R.nino] = nino[i] as number;
    rec[o + R.upn] = upn[i] as number;
    rec[o + R.midStart] = c.mid.offsets[i] as number;
    rec[o + R.midEnd] = c.mid.offsets[i + 1] as number;
    rec[o + R.snPartsStart] = c.snParts.offsets[i] as number;
    rec[o + R.snPartsEnd] = c.snParts.offsets[i + 1] as number;
    rec[o + R.prevSnStart] = c.prevSn.offsets[i] as number;
    rec[o + R.prevSnEnd] = c.prevSn.offsets[i + 1] as number;
    rec[o + R.tokensStart] = c.addrTokens.offsets[i] as number;
    rec[o + R.tokensEnd] = c.addrTokens.offsets[i + 1] as number;
    rec[o + R.otherId] = otherId[i] as number;
    rec[o + R.email] = email[i] as number;
    rec[o + R.phone] = phone[i] as number;
  }
  return rec;
}

type TermCounts = Pick<Prepared, 'fnCount' | 'snCount' | 'pcCount' | 'otherIdCount' | 'contactCount' | 'emailTotal' | 'phoneTotal' | 'fnTotal' | 'snTotal' | 'pcTotal' | 'otherIdTotal'>;

/** Term frequencies: the records holding each name, postcode, other identifier and contact, by dictionary id. */
function termCounts(c: Pick<Prepared, 'n' | 'fn' | 'sn' | 'pc' | 'otherId' | 'email' | 'phone'>, sizes: { names: number; postcodes: number; otherIds: number; contacts: number }): TermCounts {
  const { n, fn, sn, pc, otherId, email, phone } = c;
  const out: TermCounts = {
    fnCount: i32(sizes.names),
    snCount: i32(sizes.names),
    pcCount: i32(sizes.postcodes),
    otherIdCount: i32(sizes.otherIds),
    contactCount: i32(sizes.contacts),
    emailTotal: 0,
    phoneTotal: 0,
    fnTotal: 0,
    snTotal: 0,
    pcTotal: 0,
    otherIdTotal: 0,
  };
  for (let i = 0; i < n; i++) {
    if (email[i]! >= 0) {
      out.contactCount[email[i]!]!++;
      out.emailTotal++;
    }
    if (phone[i]! >= 0) {
      out.contactCount[phone[i]!]!++;
      out.phoneTotal++;
    }
    if (fn[i]! >= 0) {
      out.fnCount[fn[i]!]!++;
      out.fnTotal++;
    }
    if (sn[i]! >= 0) {
      out.snCount[sn[i]!]!++;
      out.snTotal++;
    }
    if (pc[i]! >= 0) {
      out.pcCount[pc[i]!]!++;
      out.pcTotal++;
    }
    if (otherId[i]! >= 0) {
      out.otherIdCount[otherId[i]!]!++;
      out.otherIdTotal++;
    }
  }
  return out;
}

/** Rows `keep` of a compressed sparse column, in that order. */
function csrRows(c: Csr, keep: Int32Array): Csr {
  const offsets = i32(keep.length + 1);
  let size = 0;
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k] as number;
    size += (c.offsets[i + 1] as number) - (c.offsets[i] as number);
    offsets[k + 1] = size;
  }
  const values = i32(size);
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k] as number;
    values.set(c.values.subarray(c.offsets[i] as number, c.offsets[i + 1] as number), offsets[k] as number);
  }
  return { offsets, values };
}

/**
 * The prepared columns of the records `keep` (indexes, ascending) alone: each record's values,
 * its source numbered again in order of first sight, and term frequencies counted among these
 * records only. Dictionaries are kept whole, so every id means what it meant. Where each left-out
 * record repeats the values of a kept one before it (a re-sent row's copies, resent.ts), this is
 * what `prepare` of the kept records gives, bit for bit, without preparing anything again.
 */
export function preparedSubset(p: Prepared, keep: Int32Array): Prepared {
  const n = keep.length;
  const pick = <T extends Int32Array | Int16Array | Int8Array | Uint8Array>(column: T, make: (n: number) => T): T => {
    const out = make(n);
    for (let k = 0; k < n; k++) out[k] = column[keep[k] as number] as number;
    return out;
  };
  const sourceIndex = new Int32Array(p.sourceIds.length).fill(-1);
  const sourceIds: number[] = [];
  const source = i32(n);
  for (let k = 0; k < n; k++) {
    const s = p.source[keep[k] as number] as number;
    if (sourceIndex[s] === -1) {
      sourceIndex[s] = sourceIds.length;
      sourceIds.push(p.sourceIds[s] as number);
    }
    source[k] = sourceIndex[s] as number;
  }
  const perRecord = {
    n,
    fn: pick(p.fn, i32),
    fnCompact: pick(p.fnCompact, i32),
    sn: pick(p.sn, i32),
    dob: pick(p.dob, i32),
    dobY: pick(p.dobY, i16),
    dobM: pick(p.dobM, i8),
    dobD: pick(p.dobD, i8),
    sex: pick(p.sex, i8),
    pc: pick(p.pc, i32),
    pcSector: pick(p.pcSector, i32),
    pcDistrict: pick(p.pcDistrict, i32),
    hasAddress: pick(p.hasAddress, u8),
    uprn: pick(p.uprn, i32),
    houseNumber: pick(p.houseNumber, i32),
    street: pick(p.street, i32),
    flat: pick(p.flat, i32),
    nhs: pick(p.nhs, i32),
    nino: pick(p.nino, i32),
    upn: pick(p.upn, i32),
    otherId: pick(p.otherId, i32),
    email: pick(p.email, i32),
    phone: pick(p.phone, i32),
    mid: csrRows(p.mid, keep),
    snParts: csrRows(p.snParts, keep),
    prevSn: csrRows(p.prevSn, keep),
    addrTokens: csrRows(p.addrTokens, keep),
  };
  const out: Prepared = {
    ...p,
    ...perRecord,
    rec: packRecords(perRecord),
    source,
    sourceIds,
    place: pick(p.place, i32),
    ...termCounts(perRecord, { names: p.names.length, postcodes: p.postcodes.length, otherIds: p.otherIds.length, contacts: p.contacts.length }),
  };
  if (p.birthYear) out.birthYear = pick(p.birthYear, i16);
  if (p.bornBy) out.bornBy = pick(p.bornBy, i32);
  if (p.details) out.details = detailsSubset(p.details, keep);
  return out;
}
