// Turns LinkRecords into compact columns: every string interned to an integer id once, so
// comparisons and blocking work on typed arrays with no per-pair objects. Arrays live on
// SharedArrayBuffers so worker threads read them without copying.
import { sexOfTitle } from './households/title-sex.js';
import { nameKey } from '../../../shared/domain/normalise/name.js';
import { normalisePostcode } from '../../../shared/domain/normalise/postcode.js';
import { personAddress, recordAddress } from './address.js';
import { canonicalName, nicknameGroupsOf, transliterationKey } from './names.js';
import { soundex } from './strings.js';
import type { LinkRecord } from './types.js';
import { prepareDetails, type PersonDetails } from './person-details.js';
import { birthYears } from './dob-year.js';

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

/** Placeholder dates of birth that mean "not known" (never a real person's birthday in these data). */
function placeholderDob(iso: string): boolean {
  return iso === '1900-01-01' || iso === '1800-01-01' || iso === '1901-01-01' || iso === '9999-12-31';
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

export function prepare(records: readonly LinkRecord[]): Prepared {
  const n = records.length;
  const pcOf = memo((v) => normalisePostcode(v));
  const names = new Interner();
  const postcodes = new Interner();
  const parts = new Interner();
  // one interner per identifier kind (and for UPRNs), so no prefixed copies of each value
  const nhsIds = new Interner();
  const ninoIds = new Interner();
  const upnIds = new Interner();
  const uprnIds = new Interner();
  const otherIds = new Interner();
  const contacts = new Interner();
  const sourceIndex = new Map<number, number>();
  const sourceIds: number[] = [];

  const source = i32(n);
  const fn = i32(n);
  const fnCompact = i32(n);
  const sn = i32(n);
  const mid = new CsrBuilder();
  const snParts = new CsrBuilder();
  const prevSn = new CsrBuilder();
  const dob = i32(n);
  const dobY = i16(n);
  const dobM = i8(n);
  const dobD = i8(n);
  const sex = i8(n);
  const pc = i32(n);
  const pcSector = i32(n);
  const pcDistrict = i32(n);
  const uprn = i32(n);
  const flat = i32(n);
  const houseNumber = i32(n);
  const street = i32(n);
  const hasAddress = u8(n);
  const place = i32(n);
  const places = new Interner();
  const addrTokens = new CsrBuilder();
  const nhs = i32(n);
  const nino = i32(n);
  const upn = i32(n);
  const otherId = i32(n);
  const email = i32(n);
  const phone = i32(n);
  const empty: number[] = [];

  // Every distinct value is parsed and interned once; records repeat names, dates, postcodes
  // and addresses many times over.
  const forenameOf = memo((v) => {
    const key = usableName(v);
    const tokens = key ? key.split(' ') : [];
    return {
      first: tokens.length ? names.id(tokens[0] as string) : -1,
      compact: tokens.length ? names.id(tokens.join('')) : -1,
      rest: tokens.slice(1).map((t) => names.id(t)),
    };
  });
  const middleOf = memo((v) => {
    const key = usableName(v);
    return key ? key.split(' ').map((t) => names.id(t)) : empty;
  });
  const surnameOf = memo((v) => {
    const key = usableName(v);
    const tokens = key ? key.split(' ') : [];
    return { compact: tokens.length ? names.id(tokens.join('')) : -1, parts: tokens.length > 1 ? tokens.map((t) => names.id(t)) : empty };
  });
  const previousOf = memo((v) => {
    const key = usableName(v);
    return key ? [names.id(key.replace(/ /g, ''))] : empty;
  });
  const dobOf = memo((v): [number, number, number, number] => {
    if (placeholderDob(v) || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return [-1, 0, 0, 0];
    const y = Number(v.slice(0, 4));
    const m = Number(v.slice(5, 7));
    const d = Number(v.slice(8, 10));
    if (y < 1000) return [-1, 0, 0, 0];
    return [Math.round((Date.UTC(y, m - 1, d) - EPOCH) / DAY_MS), y, m, d];
  });
  const pcIds = (keys: ReturnType<typeof postcodeKeys>): [number, number, number] =>
    keys ? [postcodes.id(keys.full), keys.sector ? postcodes.id(keys.sector) : -1, keys.district ? postcodes.id(`${keys.district} `) : -1] : [-1, -1, -1];
  const ukPostcodeOf = memo((v) => pcIds(postcodeKeys({ postcode: v, postcodeRaw: v, address: null } as LinkRecord, pcOf)));
  // keyed by the parts object: records of one home share it (load-records.ts)
  const addressIds = new Map<object, AddressIds | null>();
  const addressIdsOf = (r: LinkRecord): AddressIds | null => {
    const address = recordAddress(r);
    if (!address) return null;
    let ids = addressIds.get(address.parts);
    if (ids !== undefined) return ids;
    const addr = personAddress(address.parts);
    ids = !addr ? null : {
      place: places.id([...addr.tokens].sort().join(' ')),
      flat: addr.flat ? parts.id(addr.flat) : -1,
      number: addr.number ? parts.id(addr.number) : -1,
      street: addr.street ? parts.id(addr.street) : -1,
      tokens: addr.tokens.map((t) => parts.id(t)).sort((a, b) => a - b),
    };
    addressIds.set(address.parts, ids);
    return ids;
  };
  const noForename = { first: -1, compact: -1, rest: empty };
  const noSurname = { compact: -1, parts: empty };
  const noDob: [number, number, number, number] = [-1, 0, 0, 0];
  const middle: number[] = [];

  for (let i = 0; i < n; i++) {
    const r = records[i] as LinkRecord;
    let s = sourceIndex.get(r.sourceId);
    if (s === undefined) {
      s = sourceIds.length;
      sourceIndex.set(r.sourceId, s);
      sourceIds.push(r.sourceId);
    }
    source[i] = s;

    const f = forenameOf(r.forename) ?? noForename;
    fn[i] = f.first;
    fnCompact[i] = f.compact;
    const m = middleOf(r.middleNames) ?? empty;
    if (f.rest.length === 0) mid.push(m);
    else {
      middle.length = 0;
      middle.push(...f.rest, ...m);
      mid.push(middle);
    }
    // One name given in both fields ("Ann Ann": a form that needs both, a full name of one word
    // split into each) says nothing of a family name: as a surname it is rare, and would weigh as
    // a rare surname shared, while against the true surname it would teach training that matches
    // differ in surname. The surname is taken as missing.
    const given = surnameOf(r.surname) ?? noSurname;
    const sur = given.compact >= 0 && given.compact === f.compact ? noSurname : given;
    sn[i] = sur.compact;
    snParts.push(sur.parts);
    prevSn.push(previousOf(r.previousSurname) ?? empty);

    const d = dobOf(r.dob) ?? noDob;
    dob[i] = d[0];
    dobY[i] = d[1];
    dobM[i] = d[2];
    dobD[i] = d[3];
    sex[i] = r.sex === 'M' ? 1 : r.sex === 'F' ? 2 : sexOfTitle(r.title);

    const pcs = r.postcode ? (ukPostcodeOf(r.postcode) as [number, number, number]) : pcIds(postcodeKeys(r, pcOf));
    pc[i] = pcs[0];
    pcSector[i] = pcs[1];
    pcDistrict[i] = pcs[2];

    const addr = addressIdsOf(r);
    uprn[i] = r.uprn ? uprnIds.id(r.uprn) : -1;
    flat[i] = addr ? addr.flat : -1;
    houseNumber[i] = addr ? addr.number : -1;
    street[i] = addr ? addr.street : -1;
    hasAddress[i] = addr || r.uprn ? 1 : 0;
    place[i] = addr && pcs[0] < 0 ? addr.place : -1;
    addrTokens.push(addr ? addr.tokens : empty);

    nhs[i] = r.nhsNumber ? nhsIds.id(r.nhsNumber) : -1;
    nino[i] = r.nino ? ninoIds.id(r.nino) : -1;
    upn[i] = r.upn ? upnIds.id(r.upn) : -1;
    const other = usableOtherId(r.otherId);
    otherId[i] = other ? otherIds.id(other) : -1;
    email[i] = r.email ? contacts.id(r.email) : -1;
    phone[i] = r.phone ? contacts.id(r.phone) : -1;
  }

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

  const fnCount = i32(nameCount);
  const snCount = i32(nameCount);
  const pcCount = i32(postcodes.values.length);
  const otherIdCount = i32(otherIds.values.length);
  let fnTotal = 0;
  let snTotal = 0;
  let pcTotal = 0;
  let otherIdTotal = 0;
  const contactCount = i32(contacts.values.length);
  let emailTotal = 0;
  let phoneTotal = 0;
  for (let i = 0; i < n; i++) {
    if (email[i]! >= 0) {
      contactCount[email[i]!]!++;
      emailTotal++;
    }
    if (phone[i]! >= 0) {
      contactCount[phone[i]!]!++;
      phoneTotal++;
    }
    if (fn[i]! >= 0) {
      fnCount[fn[i]!]!++;
      fnTotal++;
    }
    if (sn[i]! >= 0) {
      snCount[sn[i]!]!++;
      snTotal++;
    }
    if (pc[i]! >= 0) {
      pcCount[pc[i]!]!++;
      pcTotal++;
    }
    if (otherId[i]! >= 0) {
      otherIdCount[otherId[i]!]!++;
      otherIdTotal++;
    }
  }

  const midCsr = mid.build();
  const snPartsCsr = snParts.build();
  const prevSnCsr = prevSn.build();
  const tokensCsr = addrTokens.build();
  const nickCsr = nick.build();
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
    rec[o + R.midStart] = midCsr.offsets[i] as number;
    rec[o + R.midEnd] = midCsr.offsets[i + 1] as number;
    rec[o + R.snPartsStart] = snPartsCsr.offsets[i] as number;
    rec[o + R.snPartsEnd] = snPartsCsr.offsets[i + 1] as number;
    rec[o + R.prevSnStart] = prevSnCsr.offsets[i] as number;
    rec[o + R.prevSnEnd] = prevSnCsr.offsets[i + 1] as number;
    rec[o + R.tokensStart] = tokensCsr.offsets[i] as number;
    rec[o + R.tokensEnd] = tokensCsr.offsets[i + 1] as number;
    rec[o + R.otherId] = otherId[i] as number;
    rec[o + R.email] = email[i] as number;
    rec[o + R.phone] = phone[i] as number;
  }
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
    fnCount,
    snCount,
    pcCount,
    otherIdCount,
    contactCount,
    emailTotal,
    phoneTotal,
    fnTotal,
    snTotal,
    pcTotal,
    otherIdTotal,
    details: prepareDetails(records),
    birthYear: birthYears(records, dob, dobY),
  };
}
