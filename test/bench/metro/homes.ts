// Homes of an invented inner-London borough: towers and lower blocks on estates, each block its own
// postcode (a tall one two), terraced streets with houses split into flats, houses let by the
// room, and the hostels and bed-and-breakfast hotels the council places homeless families in.
import type { Random } from './random.js';

export type HomeKind = 'tower' | 'block' | 'house' | 'converted' | 'hmo' | 'hostel' | 'bnb';

export interface Home {
  id: number;
  kind: HomeKind;
  /** "Flat 1203", "Room 4", "Flat B", "Ground Floor Flat", or empty */
  flat: string;
  /** "Brunel Point", "Riverside Lodge", or empty */
  building: string;
  /** "27", "27A", "112-114", or empty for a block known by its name */
  number: string;
  street: string;
  area: string;
  postcode: string;
  uprn: string;
}

const AREAS: ReadonlyArray<readonly [string, string]> = [
  ['Shadwell', 'E1'],
  ['Stepney', 'E1'],
  ['Bethnal Green', 'E2'],
  ['Bow', 'E3'],
  ['Hackney Wick', 'E9'],
  ['Poplar', 'E14'],
  ['Cubitt Town', 'E14'],
  ['Haggerston', 'E8'],
  ['Dalston', 'E8'],
  ['Hoxton', 'N1'],
  ['De Beauvoir', 'N1'],
  ['Stoke Newington', 'N16'],
  ['Finsbury Park', 'N4'],
];
const STREET_WORDS = 'Cable Dunmore Kenworth Sutton Ravenna Malcolm Gaskell Tillet Ropery Wapping Cressy Harford Jubilee Chalcot Lindley Brabazon Cordelia Amiel Bancroft Ocean Burdett Coborn Morville Ackroyd Vallance Fieldgate Settles Varden Whitlock Ellsworth Hassett Kenmure Pellerin Mildmay Balmes Wilton Northchurch Queensbridge Mapledene Lavender Navarino Evering Osbaldeston Alkham Rendlesham Kyverdale Lordship Ferncliff'.split(' ');
const STREET_TYPES = ['Road', 'Street', 'Grove', 'Walk', 'Place', 'Gardens', 'Lane', 'Terrace', 'Square', 'Mews'];
const BLOCK_WORDS = 'Brunel Ashdown Marlowe Lansbury Keeling Balfron Trellick Hanover Cranbrook Dorset Latimer Holcroft Wenlock Shepherdess Priory Canterbury Halley Tarling Glamis Stifford Siddons Berkeley Sheridan Chaucer Hogarth Tyndale Wesley Fairfax Crompton Kestrel Ravenscroft Blakeney Culloden Linden Sorensen Mountford Ingram Telford Cavell'.split(' ');
const TOWER_SUFFIX = ['Point', 'Tower', 'House'];
const BLOCK_SUFFIX = ['Court', 'House', 'Mansions', 'Buildings', 'Lodge'];
const HOSTEL_NAMES = ['Riverside Lodge', 'Mayfield House', 'Hotel Avalon', 'Kingsway Hotel', 'The Crown Guest House', 'St Jude Hostel', 'Aldgate Lodge', 'Beacon House Hostel', 'Greenway Hotel', 'Albany Guest House'];

const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export class Homes {
  private next = 1;
  private readonly streets: Array<{ name: string; area: string; outward: string; sector: number; doors: number }> = [];
  private readonly free = new Map<HomeKind, Home[]>();
  private readonly usedPostcodes = new Set<string>();
  private readonly usedBuildings = new Set<string>();
  private hostels = 0;

  constructor(private readonly r: Random) {}

  private postcode(outward: string, sector: number): string {
    for (;;) {
      const pc = `${outward} ${sector}${this.r.pick([...UNIT_LETTERS])}${this.r.pick([...UNIT_LETTERS])}`;
      if (!this.usedPostcodes.has(pc)) {
        this.usedPostcodes.add(pc);
        return pc;
      }
    }
  }

  private street(): { name: string; area: string; outward: string; sector: number; doors: number } {
    // a new street a fifth of the time, else one already holding homes
    if (this.streets.length < 4 || this.r.chance(0.2)) {
      const [area, outward] = this.r.pick(AREAS);
      let name = '';
      do name = `${this.r.pick(STREET_WORDS)} ${this.r.pick(STREET_TYPES)}`;
      while (this.streets.some((s) => s.name === name && s.outward === outward));
      this.streets.push({ name, area, outward, sector: this.r.int(1, 9), doors: 0 });
    }
    return this.r.pick(this.streets);
  }

  private building(suffixes: string[]): string {
    for (;;) {
      const b = `${this.r.pick(BLOCK_WORDS)} ${this.r.pick(suffixes)}`;
      if (!this.usedBuildings.has(b)) {
        this.usedBuildings.add(b);
        return b;
      }
    }
  }

  private home(h: Omit<Home, 'id' | 'uprn'>): Home {
    const id = this.next++;
    return { ...h, id, uprn: String(6_000_000_000 + id * 7 + (id % 5)) };
  }

  private stock(kind: HomeKind): void {
    const s = this.street();
    const add = (h: Home): void => {
      const list = this.free.get(h.kind) ?? [];
      list.push(h);
      this.free.set(h.kind, list);
    };
    if (kind === 'tower') {
      const building = this.building(TOWER_SUFFIX);
      const floors = this.r.int(9, 22);
      const perFloor = this.r.int(4, 6);
      // a tall block is split between two postcodes at a middle floor
      const split = floors > 14 ? this.r.int(8, floors - 3) : floors + 1;
      const low = this.postcode(s.outward, s.sector);
      const high = split <= floors ? this.postcode(s.outward, s.sector) : low;
      for (let f = 1; f <= floors; f++) for (let k = 1; k <= perFloor; k++) add(this.home({ kind, flat: `Flat ${f * 100 + k}`, building, number: '', street: s.name, area: s.area, postcode: f < split ? low : high }));
    } else if (kind === 'block') {
      const building = this.building(BLOCK_SUFFIX);
      const pc = this.postcode(s.outward, s.sector);
      const n = this.r.int(12, 40);
      for (let k = 1; k <= n; k++) add(this.home({ kind, flat: `Flat ${k}`, building, number: '', street: s.name, area: s.area, postcode: pc }));
    } else if (kind === 'hostel' || kind === 'bnb') {
      const building = HOSTEL_NAMES[this.hostels++ % HOSTEL_NAMES.length] as string;
      const number = this.r.chance(0.5) ? `${s.doors + 1}-${s.doors + 3}` : String(s.doors + 1);
      s.doors += 3;
      const pc = this.postcode(s.outward, s.sector);
      const rooms = this.r.int(12, 30);
      for (let k = 1; k <= rooms; k++) add(this.home({ kind, flat: `Room ${k}`, building: this.hostels > HOSTEL_NAMES.length ? `${building} ${Math.ceil(this.hostels / HOSTEL_NAMES.length)}` : building, number, street: s.name, area: s.area, postcode: pc }));
    } else {
      // a run of twelve doors on a street under one postcode, some split or let by the room
      const pc = this.postcode(s.outward, s.sector);
      for (let k = 0; k < 12; k++) {
        const number = String(++s.doors);
        const roll = this.r();
        if (roll < 0.45) add(this.home({ kind: 'house', flat: '', building: '', number, street: s.name, area: s.area, postcode: pc }));
        else if (roll < 0.8) {
          const style = this.r.int(0, 2);
          const flats = style === 0 ? ['Flat A', 'Flat B', 'Flat C'] : style === 1 ? ['', '', ''] : ['Ground Floor Flat', 'First Floor Flat'];
          flats.forEach((flat, i) => add(this.home({ kind: 'converted', flat, building: '', number: style === 1 ? `${number}${'ABC'[i]}` : number, street: s.name, area: s.area, postcode: pc })));
        } else {
          const rooms = this.r.int(4, 8);
          for (let k2 = 1; k2 <= rooms; k2++) add(this.home({ kind: 'hmo', flat: `Room ${k2}`, building: '', number, street: s.name, area: s.area, postcode: pc }));
        }
      }
    }
  }

  /** A vacant home of this kind (a street run makes houses, flats and rooms together). */
  take(kind: HomeKind): Home {
    const pool = (k: HomeKind): Home[] => this.free.get(k) ?? [];
    const streetKind = kind === 'house' || kind === 'converted' || kind === 'hmo';
    while (pool(kind).length === 0) this.stock(streetKind ? 'house' : kind);
    const list = pool(kind);
    // rooms in hostels and houses in multiple occupation fill from the first
    const i = kind === 'hostel' || kind === 'bnb' || kind === 'hmo' ? 0 : Math.floor(this.r() * list.length);
    return list.splice(i, 1)[0] as Home;
  }
}

/** A home's address as its lines: flat, building, number and street, area, town, postcode. */
export function lines(h: Home): string[] {
  const street = h.number ? `${h.number} ${h.street}` : h.street;
  return [h.flat, h.building, street, h.area, 'London', h.postcode].filter(Boolean);
}
