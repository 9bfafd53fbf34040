// Resolves every record's address to one address index: records with the same UPRN, or the same
// postcode + sub-building + house number on the same street (typo-tolerant), or the same
// sub-building + number + street + town, are one address. Postcodes are interned as integers.

import type { LinkRecord } from '../types.js';
import { type AddressParts, recordAddress } from '../address.js';
import { AddressEvidence, type ParsedAddress, householdKeys, sameStreet } from './address.js';
import { CARE_OF } from '../../../../shared/domain/normalise/address.js';

export interface ResolvedAddresses {
  /** address index per record, -1 when the record has no usable full address */
  addressOf: Int32Array;
  count: number;
  /** per address: its postcode id, -1 when none (a UPRN-bearing record's postcode wins) */
  postcode: Int32Array;
  /** per address: the UPRN if any record gave one, else null */
  uprn: (string | null)[];
  /** per address: a readable normalised form ("FLAT 2, 14 KILNFIELD ROAD, WEXTHORPE, S65 2RB") */
  label: string[];
  /** per record: postcode id from its postcode column or, failing that, its address text; -1 when none */
  postcodeOf: Int32Array;
  /** postcode id → postcode ("S65 2RB") */
  postcodeText: string[];
}

/** Union-find over a growing set of nodes (path halving; the smaller index becomes the root). */
class UnionFind {
  private parent = new Int32Array(1024);
  size = 0;
  add(): number {
    if (this.size === this.parent.length) {
      const grown = new Int32Array(this.parent.length * 2);
      grown.set(this.parent);
      this.parent = grown;
    }
    this.parent[this.size] = this.size;
    return this.size++;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x]! !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function labelOf(a: ParsedAddress): string {
  const first = [a.flat ? `FLAT ${a.flat}` : '', a.name, [a.number, a.street].filter(Boolean).join(' ')].filter(Boolean);
  return [...first, a.town, a.postcode ?? ''].filter(Boolean).join(', ');
}

interface CacheEntry {
  postcodeColumn: string | null;
  parsed: ParsedAddress;
  /** postcode id of the parsed address (column, else text), -1 when none */
  postcodeId: number;
  /** union-find node of the address text, -1 when it is not a full address */
  node: number;
}

/** UPRNs given at two postcodes on two different streets (see resolveAddresses). */
function clashingUprns(records: readonly LinkRecord[], postcodeOf: Int32Array, streetOf: ReadonlyArray<string | undefined>): Set<string> {
  const first = new Map<string, number>();
  const clashing = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const uprn = records[i]!.uprn;
    const street = streetOf[i];
    if (!uprn || postcodeOf[i]! < 0 || !street) continue;
    const j = first.get(uprn);
    if (j === undefined) first.set(uprn, i);
    else if (postcodeOf[j] !== postcodeOf[i] && !sameStreet(streetOf[j]!, street)) clashing.add(uprn);
  }
  return clashing;
}

export function resolveAddresses(records: readonly LinkRecord[]): ResolvedAddresses {
  const n = records.length;
  const uf = new UnionFind();
  const nodeOfRecord = new Int32Array(n).fill(-1);
  const postcodeOf = new Int32Array(n).fill(-1);
  const entryOf: (CacheEntry | undefined)[] = new Array<CacheEntry | undefined>(n);
  const postcodeIds = new Map<string, number>();
  const postcodeText: string[] = [];
  const postcodeId = (pc: string | null): number => {
    // ZZ99 codes are the NHS's pseudo-postcodes (no fixed abode, abroad, not known): no place.
    if (!pc || pc.startsWith('ZZ99')) return -1;
    let id = postcodeIds.get(pc);
    if (id === undefined) {
      id = postcodeText.length;
      postcodeIds.set(pc, id);
      postcodeText.push(pc);
    }
    return id;
  };
  // Keys are looked up level by level (short strings hash fast): postcode → flat|number|name →
  // streets seen there; street → town → flat|number|name.
  const byPostcode = new Map<string, Map<string, Array<{ street: string; node: number }>>>();
  const byStreet = new Map<string, Map<string, Map<string, number>>>();
  const textNode = (parsed: ParsedAddress): number => {
    const node = uf.add();
    const unit = `${parsed.flat}|${parsed.number}|${parsed.name}`;
    if (parsed.postcode) {
      let inPostcode = byPostcode.get(parsed.postcode);
      if (!inPostcode) byPostcode.set(parsed.postcode, (inPostcode = new Map()));
      let streets = inPostcode.get(unit);
      if (!streets) inPostcode.set(unit, (streets = []));
      let joined = false;
      for (const s of streets) {
        if (sameStreet(s.street, parsed.street)) {
          uf.union(node, s.node);
          joined = true;
          if (s.street === parsed.street) break;
        }
      }
      if (!joined) streets.push({ street: parsed.street, node });
    }
    if (parsed.street && parsed.town) {
      let inStreet = byStreet.get(parsed.street);
      if (!inStreet) byStreet.set(parsed.street, (inStreet = new Map()));
      let inTown = inStreet.get(parsed.town);
      if (!inTown) inStreet.set(parsed.town, (inTown = new Map()));
      const other = inTown.get(unit);
      if (other === undefined) inTown.set(unit, node);
      else uf.union(node, other);
    }
    return node;
  };
  // Each distinct address (its stored parts, with the postcode) is keyed once: records of one
  // home share one parts object (load-records.ts).
  const keyCache = new Map<object, CacheEntry>();
  const keyCacheByPostcode = new Map<object, Map<string, CacheEntry>>();
  const uprnNode = new Map<string, number>();
  const streetOf: (string | undefined)[] = new Array<string | undefined>(n);
  const evidence = new AddressEvidence();
  const postcodeSeen = new Map<object, string | null>();
  for (const r of records) {
    const address = recordAddress(r);
    if (!address) continue;
    const postcode = r.postcode ?? address.postcodeInText;
    if (postcodeSeen.get(address.parts) === postcode) continue;
    postcodeSeen.set(address.parts, postcode);
    evidence.add(address.parts, postcode);
  }
  // A building written with two or more doors (flats, rooms) holds several homes: a row giving the
  // building without its door says which building, not which home, so it places no one by
  // address (a hostel's families written without their rooms had become one household).
  const keys = new KeysMemo(evidence);
  const subdivided = subdividedBuildings(records, keys);
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    let node = -1;
    const address = recordAddress(r);
    if (address) {
      const postcode = r.postcode ?? address.postcodeInText;
      let entry = keyCache.get(address.parts);
      if (entry && entry.postcodeColumn !== postcode) entry = keyCacheByPostcode.get(address.parts)?.get(postcode ?? '');
      if (!entry) {
        const parsed = keys.of(address.parts, postcode);
        // someone reached "c/o" another's home does not live in that household: a postcode only
        const careOf = address.parts.name?.startsWith(CARE_OF) ?? false;
        const full = (parsed.number !== '' || parsed.name !== '') && !careOf && !(parsed.flat === '' && doorMissing(parsed, subdivided));
        entry = { postcodeColumn: postcode, parsed, postcodeId: postcodeId(parsed.postcode), node: full ? textNode(parsed) : -1 };
        if (!keyCache.has(address.parts)) keyCache.set(address.parts, entry);
        else {
          let byPostcode = keyCacheByPostcode.get(address.parts);
          if (!byPostcode) keyCacheByPostcode.set(address.parts, (byPostcode = new Map()));
          byPostcode.set(postcode ?? '', entry);
        }
      }
      postcodeOf[i] = entry.postcodeId;
      if (entry.parsed.street) streetOf[i] = entry.parsed.street;
      if (entry.node >= 0) {
        entryOf[i] = entry;
        node = entry.node;
      }
    } else postcodeOf[i] = postcodeId(r.postcode);
    nodeOfRecord[i] = node;
  }
  // A UPRN is one property, which has one postcode and one street. Records giving one UPRN with
  // different postcodes on different streets are different homes — a UPRN keyed wrongly, or
  // two gazetteers' numbers meeting (one council's UPRNs against a neighbour's) — and joining
  // them by the UPRN made one household of two families in two towns. Such a UPRN joins only
  // records at one postcode; one postcode or one street throughout (a postcode typo) joins all.
  const uprnPlace = clashingUprns(records, postcodeOf, streetOf);
  for (let i = 0; i < n; i++) {
    const uprn = records[i]!.uprn;
    if (!uprn) continue;
    let key = uprn;
    if (uprnPlace.has(uprn)) {
      if (postcodeOf[i]! < 0) continue;
      key = `${uprn}|${postcodeOf[i]}`;
    }
    let u = uprnNode.get(key);
    if (u === undefined) uprnNode.set(key, (u = uf.add()));
    if (nodeOfRecord[i]! >= 0) uf.union(nodeOfRecord[i]!, u);
    else nodeOfRecord[i] = u;
  }
  // Number the roots densely.
  const addressOf = new Int32Array(n).fill(-1);
  const indexOfRoot = new Int32Array(uf.size).fill(-1);
  const postcodes: number[] = [];
  const uprn: (string | null)[] = [];
  const labelEntry: (CacheEntry | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const node = nodeOfRecord[i]!;
    if (node < 0) continue;
    const root = uf.find(node);
    let a = indexOfRoot[root]!;
    if (a < 0) {
      a = postcodes.length;
      indexOfRoot[root] = a;
      postcodes.push(-1);
      uprn.push(null);
      labelEntry.push(undefined);
    }
    addressOf[i] = a;
    const r = records[i]!;
    const pc = postcodeOf[i]!;
    const entry = entryOf[i];
    // The postcode and wording of a record that gave a UPRN (a gazetteer-matched address) win.
    const upgrade = r.uprn !== null && uprn[a] === null;
    if (pc >= 0 && (postcodes[a] === -1 || upgrade)) postcodes[a] = pc;
    if (entry && (labelEntry[a] === undefined || upgrade)) labelEntry[a] = entry;
    if (r.uprn) uprn[a] ??= r.uprn;
  }
  const label = labelEntry.map((e) => (e ? labelOf(e.parsed) : ''));
  return { addressOf, count: postcodes.length, postcode: Int32Array.from(postcodes), uprn, label, postcodeOf, postcodeText };
}

/** Where a building stands, as keys: its postcode with its number and street, or with its name. */
function buildingKeys(a: ParsedAddress): string[] {
  const keys: string[] = [];
  if (a.number !== '' && a.street !== '') keys.push(`${a.postcode}|${a.number}|${a.street}`);
  const name = a.building || (a.flat === '' && a.number === '' ? a.name : '');
  if (name) keys.push(`${a.postcode}|B|${name}`);
  return keys;
}

/**
 * The household keys of each distinct stored address with its postcode, worked out once for the
 * two passes that read them (the subdivided buildings, then the addresses): records of one home
 * share one parts object (load-records.ts), nearly always with one postcode.
 */
class KeysMemo {
  private readonly first = new Map<object, { postcode: string | null; parsed: ParsedAddress }>();
  private readonly more = new Map<object, Map<string, ParsedAddress>>();
  constructor(private readonly evidence: AddressEvidence) {}

  of(parts: AddressParts, postcode: string | null): ParsedAddress {
    const seen = this.first.get(parts);
    if (seen?.postcode === postcode) return seen.parsed;
    let byPostcode = this.more.get(parts);
    const kept = byPostcode?.get(postcode ?? '');
    if (kept) return kept;
    const parsed = householdKeys(parts, postcode, this.evidence);
    if (!seen) this.first.set(parts, { postcode, parsed });
    else {
      if (!byPostcode) this.more.set(parts, (byPostcode = new Map()));
      byPostcode.set(postcode ?? '', parsed);
    }
    return parsed;
  }
}

/** Buildings (postcode + number + street, or postcode + name) written with two or more doors. */
function subdividedBuildings(records: readonly LinkRecord[], keys: KeysMemo): Set<string> {
  const firstDoor = new Map<string, string>();
  const out = new Set<string>();
  const done = new Set<ParsedAddress>();
  for (const r of records) {
    const address = recordAddress(r);
    if (!address) continue;
    const parsed = keys.of(address.parts, r.postcode ?? address.postcodeInText);
    if (done.has(parsed)) continue;
    done.add(parsed);
    if (parsed.flat === '' || !parsed.postcode) continue;
    for (const key of buildingKeys(parsed)) {
      const first = firstDoor.get(key);
      if (first === undefined) firstDoor.set(key, parsed.flat);
      else if (first !== parsed.flat) out.add(key);
    }
  }
  return out;
}

/** A whole building written without the door of a home in it: which of its homes is not said. */
function doorMissing(a: ParsedAddress, subdivided: ReadonlySet<string>): boolean {
  return !!a.postcode && buildingKeys(a).some((k) => subdivided.has(k));
}
