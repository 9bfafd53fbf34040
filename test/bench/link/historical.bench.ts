// Linkage on data unlike the demo boroughs, generated here with its truth and linked in memory
// with default settings (no tuning per set): the sets a model that only knows its own demo would
// collapse on.
//
//  historical  a parish-register-like set: people born 1760–1849, 30 % of records without a date
//              of birth, few forenames and surnames shared by many (John Smith), spelling variants
//              (Smyth, Thomson, Cathrine), a parish instead of an address, no postcodes, no
//              identifiers; 1–4 records per person.
//  parish      the same register written as real registers are: Latin forms (Gulielmus, Jacobus),
//              clerks' contractions (Wm, Thos, Jas, Jno), a transcriber's misreadings, and four
//              registers whose dates of birth are missing at different rates (15 %–60 %: a
//              baptism register gives the date, a burial register an age at most).
//  notables    shaped like the public data set of historical people (about 50,000 rows for 5,000
//              people, born 1500–1900): many records per person (1–20), more varied surnames,
//              first names with nicknames and Latin forms, dates mistyped by a digit, a day or a
//              year, or missing, a postcode near the person's home (same district, often another
//              sector), sex often missing; each later copy of a person carries more errors and
//              gaps than the one before (names missing in up to 30 %, dates in up to 40 %).
//  contact     only names, a date of birth, a town and an e-mail (as an online sign-up list).
//
//   tsx test/bench/link/historical.bench.ts [--people N] [--cases historical,parish,notables,contact] [--seed S]
//     [--threshold P]  link at probability P instead of the spec's default (to study, not to report)
//     [--misses]       missed pairs with their waterfalls (the first 25, or --show N), pairs by dates of birth held, wrong joins
//     [--model]        the trained m and u of every level
//     [--details]      also give each register-shaped record (historical, parish, notables) a father's forename
//                      and an occupation where its register would (drawn from a stream of their own, so the
//                      records are otherwise the same): what the linker makes of them
//     [--year-only F]  give a share F of the undated records of the register-shaped sets a year of birth alone
//                      (LinkRecord.dobYear: a burial's age, a census's "c. 1790"; one in three a year early, an age
//                      given before the birthday), drawn from a stream of their own so the records are otherwise the same
//     [--ambiguity]    how many people share each undated record's name and parish: what no linker can tell apart
//     [--write-csv F]  also write the set as a csv in the public historical set's columns (unique_id,
//                      cluster, full_name, first_and_surname, first_name, surname, dob, birth_place,
//                      postcode_fake, gender, occupation), to link it through `import` and `link`
//
// Prints one line per case and a JSON summary as the last line.
import { writeFileSync } from 'node:fs';
import { silentJob } from '../../../electron/engine/jobs/job-context.js';
import { linkPersons } from '../../../electron/engine/link/link-persons.js';
import { rng } from '../../../electron/engine/link/train.js';
import { canonicalName } from '../../../electron/engine/link/names.js';
import type { LinkRecord } from '../../../electron/engine/link/types.js';
import { blankLinkRecord } from '../../helpers/link-record.js';
import { pairwiseScore } from '../../helpers/pairwise-score.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

// Period names, weighted by repetition: a few names cover most people, as in 18th–19th c. registers.
const MALE = 'John John John John William William William Thomas Thomas Thomas James James George George Joseph Joseph Richard Robert Henry Samuel Edward Charles Benjamin Francis Isaac Daniel Matthew Peter Abraham Jonathan Nathaniel Edmund Josiah Ralph'.split(' ');
const FEMALE = 'Mary Mary Mary Mary Elizabeth Elizabeth Elizabeth Ann Ann Ann Sarah Sarah Jane Jane Hannah Hannah Margaret Catherine Martha Susannah Alice Ellen Esther Frances Harriet Rebecca Isabella Grace Dorothy Phoebe Eleanor Charlotte'.split(' ');
const SURNAMES = 'Smith Smith Smith Taylor Taylor Brown Brown Wilson Johnson Wright Walker Robinson Thompson Thompson White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Clark Turner Hill Cooper Ward Morris Moore King Watson Baker Harrison Morgan Patel Allen Parker Bennett Shaw Cook Richardson Holmes Barker Hudson Atkinson Greenwood Lockwood Haigh Sykes Beaumont Firth Oldroyd Mellor Dyson'.split(' ');
const PARISHES = 'Halifax Elland Dewsbury Batley Ossett Mirfield Almondbury Kirkburton Holmfirth Saddleworth Rastrick Sowerby Heptonstall Wakefield Thornhill Kirkheaton Huddersfield Bradford Calverley Birstall'.split(' ');
/** Spelling variants as clerks wrote them. */
const VARIANTS: Record<string, string[]> = {
  SMITH: ['Smyth', 'Smithe'],
  THOMPSON: ['Thomson', 'Tompson'],
  CLARKE: ['Clark'],
  CATHERINE: ['Catharine', 'Cathrine', 'Katherine'],
  ELIZABETH: ['Elisabeth', 'Eliz'],
  HANNAH: ['Hanna', 'Anna'],
  SUSANNAH: ['Susanna', 'Susan'],
  ISAAC: ['Isaack'],
  MATTHEW: ['Mathew'],
  WILLIAM: ['Wm', 'Willm'],
  JONATHAN: ['Jonathon'],
  GREENWOOD: ['Grenwood'],
  OLDROYD: ['Oldred', 'Holroyd'],
  HAIGH: ['Haig', 'Hague'],
  ATKINSON: ['Adkinson'],
  RICHARDSON: ['Richison'],
};

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

function typo(random: Random, s: string): string {
  if (s.length < 3) return s;
  const k = 1 + Math.floor(random() * (s.length - 2));
  const r = random();
  if (r < 0.4) return s.slice(0, k) + s[k + 1] + s[k] + s.slice(k + 2);
  if (r < 0.7) return s.slice(0, k) + s.slice(k + 1);
  return s.slice(0, k) + 'aeiouy'[Math.floor(random() * 6)] + s.slice(k + 1);
}

function variant(random: Random, name: string): string {
  const options = VARIANTS[name.toUpperCase()];
  if (options && random() < 0.35) return pick(random, options);
  if (random() < 0.06) return typo(random, name);
  return name;
}

const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

interface Truth {
  records: LinkRecord[];
  person: string[];
  /** each record's person's true year of birth (register-shaped sets), for --year-only */
  born?: number[];
}

/** A year of birth alone for a share of the undated records (see --year-only). */
function addBirthYears(truth: Truth, share: number, seed: number): void {
  const random = rng(seed + 5);
  truth.records.forEach((r, i) => {
    const y = truth.born?.[i];
    if (r.dob || y === undefined) return;
    if (random() < share) r.dobYear = random() < 1 / 3 ? y - 1 : y;
  });
}

/** A record of the register: every field empty but its ID, source and census date. */
const blank = (id: number, sourceId: number): LinkRecord => ({ ...blankLinkRecord(id), sourceId, asOf: '1851-03-30' });

/** Who a register's person is: drawn in one order for every register-shaped set. */
function registerPerson(random: Random): { male: boolean; forename: string; surname: string; y: number; m: number; d: number; home: string; copies: number } {
  const male = random() < 0.5;
  const forename = pick(random, male ? MALE : FEMALE);
  const surname = pick(random, SURNAMES);
  const y = 1760 + Math.floor(random() * 90);
  const m = 1 + Math.floor(random() * 12);
  const d = 1 + Math.floor(random() * 28);
  const home = pick(random, PARISHES);
  const copies = 1 + Math.floor(random() * random() * 4.5);
  return { male, forename, surname, y, m, d, home, copies };
}

/** A date of birth as a register gives it: a baptism a few days after birth, an age-derived year, or a digit misread. */
function registerDob(random: Random, y: number, m: number, d: number): string {
  const e = random();
  if (e < 0.7) return iso(y, m, d);
  if (e < 0.85) return iso(y, m, Math.min(28, d + 1 + Math.floor(random() * 10)));
  if (e < 0.93) return iso(y + (random() < 0.5 ? -1 : 1), m, d);
  return iso(y, m, d === 12 ? 21 : d === 21 ? 12 : Math.min(28, (d % 10) * 2 + 1));
}

function historical(people: number, seed: number): Truth {
  const random = rng(seed);
  const records: LinkRecord[] = [];
  const person: string[] = [];
  const born: number[] = [];
  for (let p = 0; p < people; p++) {
    const { male, forename, surname, y, m, d, home: parish, copies } = registerPerson(random);
    for (let c = 0; c < copies; c++) {
      const r = blank(records.length + 1, 1 + Math.floor(random() * 4));
      r.forename = variant(random, forename);
      r.surname = variant(random, surname);
      r.sex = random() < 0.9 ? (male ? 'M' : 'F') : null;
      if (random() >= 0.3) {
        r.dob = registerDob(random, y, m, d);
      }
      r.address = random() < 0.85 ? (random() < 0.9 ? parish : pick(random, PARISHES)) : null;
      records.push(r);
      person.push(`h${p}`);
      born.push(y);
    }
  }
  return { records, person, born };
}

/**
 * How clerks wrote names in registers: Latin forms (the Church's language until 1733, and later
 * in Catholic registers) and contractions with a raised last letter (Wm, Thos, Jas, Jno).
 */
const CLERKS: Record<string, string[]> = {
  JOHN: ['Jno', 'Johannes', 'Jn'],
  WILLIAM: ['Wm', 'Willm', 'Gulielmus', 'Guliel'],
  THOMAS: ['Thos', 'Tho'],
  JAMES: ['Jas', 'Jacobus'],
  GEORGE: ['Geo', 'Georgius'],
  JOSEPH: ['Jos', 'Josephus', 'Josh'],
  RICHARD: ['Richd', 'Ricardus'],
  ROBERT: ['Robt', 'Robertus'],
  HENRY: ['Hy', 'Henricus', 'Harry'],
  SAMUEL: ['Saml', 'Sam'],
  EDWARD: ['Edwd', 'Edwardus'],
  CHARLES: ['Chas', 'Carolus'],
  BENJAMIN: ['Benj', 'Benjn'],
  DANIEL: ['Danl'],
  JONATHAN: ['Jonn', 'Jonathon'],
  MATTHEW: ['Mathew', 'Matt'],
  NATHANIEL: ['Nathl', 'Nath'],
  ABRAHAM: ['Abm', 'Abram'],
  MARY: ['Maria', 'Mary'],
  ELIZABETH: ['Eliz', 'Elizth', 'Elizabetha', 'Betty'],
  ANN: ['Anna', 'Anne', 'Nancy'],
  SARAH: ['Sara', 'Sally'],
  MARGARET: ['Margt', 'Margareta', 'Peggy'],
  CATHERINE: ['Catharina', 'Cath', 'Kitty'],
  HANNAH: ['Hanna', 'Johanna'],
  MARTHA: ['Patty'],
  ALICE: ['Alicia'],
  SUSANNAH: ['Susanna', 'Sukey'],
  ISABELLA: ['Isabel', 'Bella'],
  ELEANOR: ['Elinor', 'Nelly'],
  FRANCES: ['Fanny'],
  DOROTHY: ['Dolly', 'Dorothea'],
  ESTHER: ['Hester'],
};

/** A transcriber's misreading of old handwriting: u/n, a/o, e/c, long s as f, a letter dropped. */
function misread(random: Random, s: string): string {
  const swaps: Array<[RegExp, string]> = [[/u/, 'n'], [/n/, 'u'], [/a/, 'o'], [/o/, 'a'], [/e/, 'c'], [/ss/, 'fs'], [/m/, 'in'], [/i/, 'e']];
  const [from, to] = pick(random, swaps);
  return from.test(s.slice(1)) ? s[0] + s.slice(1).replace(from, to) : typo(random, s);
}

function clerk(random: Random, name: string, rate: number): string {
  const forms = CLERKS[name.toUpperCase()];
  if (forms && random() < rate) return pick(random, forms);
  if (random() < 0.04) return misread(random, name);
  return variant(random, name);
}

/** Four registers with their own share of missing dates of birth: baptisms, marriages, burials, a census. */
const REGISTER_MISSING = [0.15, 0.35, 0.6, 0.45];

function parish(people: number, seed: number): Truth {
  const random = rng(seed);
  const records: LinkRecord[] = [];
  const person: string[] = [];
  const born: number[] = [];
  for (let p = 0; p < people; p++) {
    const { male, forename, surname, y, m, d, home, copies } = registerPerson(random);
    for (let c = 0; c < copies; c++) {
      const register = Math.floor(random() * 4);
      const r = blank(records.length + 1, 1 + register);
      r.forename = clerk(random, forename, 0.3);
      r.surname = random() < 0.05 ? misread(random, surname) : variant(random, surname);
      r.sex = random() < 0.85 ? (male ? 'M' : 'F') : null;
      if (random() >= (REGISTER_MISSING[register] as number)) {
        r.dob = registerDob(random, y, m, d);
      }
      r.address = random() < 0.8 ? (random() < 0.85 ? home : pick(random, PARISHES)) : null;
      records.push(r);
      person.push(`p${p}`);
      born.push(y);
    }
  }
  return { records, person, born };
}

// Surnames as varied as a national set's: a common core and many compounds of English place and
// trade elements (Ashworth, Blackmore, Whitfield), a few thousand in all.
const SURNAME_HEADS = 'Ash Black White Green Brad Brook Clay Cole Cram Dun Fair Ford Gar Hal Hart Hay Hol Kings Lang Lind Mar Mid Mor New North Old Pen Ray Red Rad Shel South Stan Stock Sut Thorn Wal Wes Whit Win Wood Wor Ather Bur Cal Ed Far Fos Gil Hard Hind'.split(' ');
const SURNAME_TAILS = 'worth more field ley ton ham well wood bury by ford gate hurst stone wick cott land dale shaw thorpe combe ridge brook holme den mere'.split(' ');
const MALE_WIDE = [...MALE, ...'Arthur Alfred Walter Frederick Ernest Albert Hugh Humphrey Roger Gilbert Walter Lawrence Nicholas Christopher Anthony Stephen Philip Michael Andrew David Simon Martin Oliver Adam Miles Giles Ambrose Jeremiah Zachariah Tobias Lancelot Percival Cuthbert Reginald Horace Herbert Clement Bartholomew Septimus Augustus Rowland Jasper'.split(' ')];
const FEMALE_WIDE = [...FEMALE, ...'Anne Emma Louisa Caroline Emily Agnes Lucy Julia Maria Amelia Clara Matilda Sophia Florence Edith Beatrice Ada Adelaide Georgiana Henrietta Arabella Cecilia Judith Bridget Joan Barbara Lydia Theodosia Penelope Honora Lettice'.split(' ')];
const TOWNS_UK: Array<{ town: string; area: string; districts: number }> = [
  { town: 'London', area: 'SE', districts: 28 }, { town: 'London', area: 'N', districts: 22 }, { town: 'Bristol', area: 'BS', districts: 40 },
  { town: 'Leeds', area: 'LS', districts: 29 }, { town: 'Manchester', area: 'M', districts: 40 }, { town: 'Liverpool', area: 'L', districts: 38 },
  { town: 'Bath', area: 'BA', districts: 16 }, { town: 'Exeter', area: 'EX', districts: 39 }, { town: 'Devon', area: 'TQ', districts: 14 },
  { town: 'York', area: 'YO', districts: 62 }, { town: 'Norwich', area: 'NR', districts: 35 }, { town: 'Oxford', area: 'OX', districts: 49 },
  { town: 'Cambridge', area: 'CB', districts: 25 }, { town: 'Edinburgh', area: 'EH', districts: 55 }, { town: 'Glasgow', area: 'G', districts: 84 },
  { town: 'Cardiff', area: 'CF', districts: 72 }, { town: 'Birmingham', area: 'B', districts: 99 }, { town: 'Nottingham', area: 'NG', districts: 34 },
];
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';
const unit = (random: Random): string => `${UNIT[Math.floor(random() * UNIT.length)]}${UNIT[Math.floor(random() * UNIT.length)]}`;

function notables(people: number, seed: number): Truth {
  const random = rng(seed);
  const records: LinkRecord[] = [];
  const person: string[] = [];
  const born: number[] = [];
  for (let p = 0; p < people; p++) {
    const male = random() < 0.75;
    const forename = pick(random, male ? MALE_WIDE : FEMALE_WIDE);
    const surname = random() < 0.3 ? pick(random, SURNAMES) : `${pick(random, SURNAME_HEADS)}${pick(random, SURNAME_TAILS)}`;
    const y = 1500 + Math.floor(random() ** 0.4 * 400);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    const knownDob = random() < 0.85;
    const place = pick(random, TOWNS_UK);
    const district = `${place.area}${1 + Math.floor(random() * place.districts)}`;
    const sector = `${district} ${Math.floor(random() * 10)}`;
    const home = `${sector}${unit(random)}`;
    const copies = 1 + Math.floor(random() * 19);
    for (let c = 0; c < copies; c++) {
      // the first record is the clean one; later copies carry more errors and gaps, as in the
      // public set's generator (corruption and missing values rising with each duplicate)
      const t = copies > 1 ? c / (copies - 1) : 0;
      const r = blank(records.length + 1, 1);
      r.forename = random() < 0.3 * t ? null : random() < 0.1 + 0.3 * t ? (random() < 0.6 ? clerk(random, forename, 1) : typo(random, forename)) : forename;
      r.surname = random() < 0.2 * t ? null : random() < 0.05 + 0.2 * t ? typo(random, surname) : surname;
      if (r.forename && r.surname && random() < 0.03 * t) [r.forename, r.surname] = [r.surname, r.forename];
      r.sex = random() < 0.7 ? (male ? 'M' : 'F') : null;
      if (knownDob && random() >= 0.1 + 0.3 * t) {
        const e = random();
        if (e >= 0.1 + 0.3 * t) r.dob = iso(y, m, d);
        else if (e < 0.05) r.dob = iso(y, m, 1 + Math.floor(random() * 28));
        else if (e < 0.1) r.dob = iso(y + (random() < 0.5 ? -1 : 1) * (1 + Math.floor(random() * 3)), m, d);
        else if (e < 0.15) r.dob = iso(y, 1 + Math.floor(random() * 12), d);
        else r.dob = iso(y, m, d === 12 ? 21 : d === 21 ? 12 : Math.min(28, (d % 10) * 2 + 1));
      }
      const q = random();
      const pc = q < 0.1 + 0.3 * t ? null : q < 0.6 ? home : q < 0.8 ? `${sector}${unit(random)}` : `${district} ${Math.floor(random() * 10)}${unit(random)}`;
      r.postcode = pc;
      r.postcodeRaw = pc;
      records.push(r);
      person.push(`n${p}`);
      born.push(y);
    }
  }
  return { records, person, born };
}

const FIRST_MODERN = 'Oliver George Harry Jack Noah Leo Arthur Muhammad Oscar Charlie Jacob Thomas Freddie Alfie Theo Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace Daisy'.split(' ');
const TOWNS = 'Rotherham Sheffield Doncaster Barnsley Leeds Bradford Wakefield Huddersfield Halifax York'.split(' ');

function contact(people: number, seed: number): Truth {
  const random = rng(seed);
  const records: LinkRecord[] = [];
  const person: string[] = [];
  for (let p = 0; p < people; p++) {
    const forename = pick(random, FIRST_MODERN);
    const surname = pick(random, SURNAMES);
    const dob = iso(1950 + Math.floor(random() * 60), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
    const town = pick(random, TOWNS);
    const email = `${forename.toLowerCase()}${random() < 0.5 ? '.' : ''}${surname.toLowerCase()}${Math.floor(random() * 100)}@${pick(random, ['gmail.com', 'hotmail.co.uk', 'yahoo.co.uk', 'outlook.com'])}`;
    const copies = 1 + Math.floor(random() * random() * 4);
    for (let c = 0; c < copies; c++) {
      const r = blank(records.length + 1, 1 + (c % 2));
      r.forename = random() < 0.08 ? typo(random, forename) : forename;
      r.surname = random() < 0.08 ? typo(random, surname) : surname;
      r.dob = random() < 0.1 ? null : random() < 0.07 ? dob.slice(0, 8) + String(Math.min(28, Number(dob.slice(8)) + 1)).padStart(2, '0') : dob;
      r.address = random() < 0.9 ? town : null;
      r.email = random() < 0.15 ? null : random() < 0.1 ? `${forename.toLowerCase()}${Math.floor(random() * 1000)}@gmail.com` : email;
      records.push(r);
      person.push(`c${p}`);
    }
  }
  return { records, person };
}

const BIRTH_PLACES = [...new Set([...TOWNS_UK.map((t) => t.town), ...PARISHES, ...'Kent Essex Surrey Sussex Norfolk Suffolk Cornwall Dorset Wiltshire Somerset Lancashire Cheshire Durham Northumberland Cumberland Westmorland Lincolnshire Shropshire Herefordshire Worcester Gloucester Canterbury Chester Dublin Aberdeen Dundee Perth Swansea Plymouth Hull Newcastle Sunderland Ipswich Colchester Reading Salisbury Winchester Lichfield Coventry Derby Leicester Northampton Bedford Hertford'.split(' ')])].map((p) => p.toLowerCase());
const OCCUPATIONS = 'politician priest soldier merchant lawyer physician poet painter writer clergyman judge sailor naval officer architect engineer scientist farmer banker publisher printer actor composer teacher surgeon bishop landowner'.split(' ');

/**
 * Per record of the `notables` set, the person's place of birth and occupation as the public set
 * writes them: one of each per person, missing more often in each later copy (as its other fields
 * are). Drawn from a stream of their own, so the in-memory records (which have no such fields)
 * are the same with or without `--write-csv`.
 */
function aboutThePerson(person: readonly string[], seed: number): Array<{ place: string | null; occupation: string | null }> {
  const random = rng(seed + 1);
  const count = new Map<string, number>();
  for (const p of person) count.set(p, (count.get(p) ?? 0) + 1);
  const seen = new Map<string, number>();
  const own = new Map<string, { place: string; occupation: string }>();
  return person.map((p) => {
    let who = own.get(p);
    if (!who) own.set(p, (who = { place: pick(random, BIRTH_PLACES), occupation: pick(random, OCCUPATIONS) }));
    const c = seen.get(p) ?? 0;
    seen.set(p, c + 1);
    const copies = count.get(p) ?? 1;
    const t = copies > 1 ? c / (copies - 1) : 0;
    return { place: random() < 0.2 + 0.3 * t ? null : who.place, occupation: random() < 0.3 + 0.3 * t ? null : who.occupation };
  });
}

const PERIOD_TRADES = 'labourer labourer labourer weaver weaver clothier farmer husbandman collier miner mason carpenter joiner blacksmith tailor shoemaker cordwainer butcher baker miller innkeeper servant spinner dyer cropper wheelwright cooper schoolmaster clerk'.split(' ');

/**
 * A father's forename and an occupation per record, as registers give them: a baptism the
 * father's name and trade, a burial or census an occupation. Each person has one father and a
 * trade (one in eight of their records gives another: trades changed); half the records name the
 * father (a clerk's contraction or Latin form now and then), half give a trade. Drawn from a
 * stream of its own, so the records are otherwise the ones the case makes.
 */
function addDetails(truth: Truth, seed: number): void {
  const random = rng(seed + 3);
  const own = new Map<string, { father: string; trade: string }>();
  truth.records.forEach((r, i) => {
    const p = truth.person[i] as string;
    let who = own.get(p);
    if (!who) own.set(p, (who = { father: pick(random, MALE), trade: pick(random, PERIOD_TRADES) }));
    if (random() < 0.5) r.fatherForename = clerk(random, who.father, 0.15);
    if (random() < 0.5) r.occupation = random() < 0.125 ? pick(random, PERIOD_TRADES) : who.trade;
  });
}

/**
 * How ambiguous the undated records are: for each record without a date of birth, how many other
 * people (by the truth) have a record with the same forename (as the name it stands for) and
 * surname in the same parish. With none, a name and a parish can find the person; with one or
 * more, nothing in the record tells them apart.
 */
function ambiguity(truth: Truth): { undated: number; alone: number; shared: number; meanRivals: number } {
  const key = (r: LinkRecord): string | null => (r.forename && r.surname && r.address ? `${canonicalName(r.forename.toUpperCase())}|${r.surname.toUpperCase()}|${r.address}` : null);
  const people = new Map<string, Set<string>>();
  truth.records.forEach((r, i) => {
    const k = key(r);
    if (k) people.set(k, (people.get(k) ?? new Set()).add(truth.person[i] as string));
  });
  let undated = 0;
  let alone = 0;
  let rivals = 0;
  truth.records.forEach((r, i) => {
    if (r.dob) return;
    const k = key(r);
    if (!k) return;
    undated++;
    const others = (people.get(k)?.size ?? 1) - (people.get(k)?.has(truth.person[i] as string) ? 1 : 0);
    if (others === 0) alone++;
    rivals += others;
  });
  return { undated, alone, shared: undated - alone, meanRivals: Number((rivals / Math.max(1, undated)).toFixed(2)) };
}

const CASES: Record<string, { label: string; make: (people: number, seed: number) => Truth; people: number }> = {
  historical: { label: 'historical register (30 % missing DOBs, born 1760–1849, spelling variants)', make: historical, people: 20_000 },
  parish: { label: 'parish registers (Latin forms, contractions, 15–60 % missing DOBs by register, born 1760–1849)', make: parish, people: 8_000 },
  notables: { label: 'historical people, public-set shape (1–20 records each, born 1500–1900)', make: notables, people: 5_000 },
  contact: { label: 'names, date of birth, town and e-mail only', make: contact, people: 400 },
};

const seed = Number(arg('seed') ?? 7);
const results: Array<Record<string, unknown>> = [];
for (const name of (arg('cases') ?? 'historical,parish,notables,contact').split(',')) {
  const c = CASES[name];
  if (!c) throw new Error(`no case ${name}`);
  const people = Number(arg('people') ?? c.people);
  const truth = c.make(people, seed);
  const { records, person } = truth;
  if (process.argv.includes('--details') && name !== 'contact') addDetails(truth, seed);
  if (arg('year-only')) addBirthYears(truth, Number(arg('year-only')), seed);
  if (process.argv.includes('--ambiguity')) process.stdout.write(`  undated records with a name and a parish: ${JSON.stringify(ambiguity(truth))}\n`);
  const csvOut = arg('write-csv');
  if (csvOut) {
    const cell = (v: string | null | undefined): string => (v == null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const about = name === 'notables' ? aboutThePerson(person, seed) : null;
    const lines = records.map((r, i) => {
      const full = [r.forename, r.surname].filter(Boolean).join(' ').toLowerCase();
      const sex = r.sex === 'M' ? 'male' : r.sex === 'F' ? 'female' : null;
      return [`${person[i]}-${i}`, person[i], full, full, r.forename?.toLowerCase(), r.surname?.toLowerCase(), r.dob, about?.[i]?.place ?? r.address?.toLowerCase(), r.postcode?.toLowerCase(), sex, about?.[i]?.occupation ?? null].map(cell).join(',');
    });
    writeFileSync(csvOut, `unique_id,cluster,full_name,first_and_surname,first_name,surname,dob,birth_place,postcode_fake,gender,occupation\n${lines.join('\n')}\n`);
  }
  const t0 = performance.now();
  const result = await linkPersons(records, arg('threshold') ? { threshold: Number(arg('threshold')) } : {}, silentJob());
  const seconds = Math.round(performance.now() - t0) / 1000;
  const predicted = Array.from(result.clusters.personOf, String);
  const score = pairwiseScore(predicted, person);
  const missingDob = records.filter((r) => !r.dob).length / records.length;
  const yearOnly = records.filter((r) => !r.dob && r.dobYear).length / records.length;
  const line = { case: name, label: c.label, records: records.length, people, missingDob: Number(missingDob.toFixed(3)), yearOnly: Number(yearOnly.toFixed(3)), precision: score.precision, recall: score.recall, f1: score.f1, seconds, candidatePairs: result.candidatePairs, persons: result.clusters.personCount, warnings: result.warnings, fellBack: result.training.fellBack ?? [], capped: result.analysis.capped };
  results.push(line);
  process.stdout.write(`${c.label}: ${records.length} records, P ${score.precision.toFixed(4)} R ${score.recall.toFixed(4)} F1 ${score.f1.toFixed(4)}, ${seconds} s, ${result.candidatePairs} pairs\n`);
  for (const w of result.warnings) process.stdout.write(`  warning: ${w}\n`);
  if (process.argv.includes('--misses')) {
    const show = (i: number): string => `${records[i]!.forename} ${records[i]!.surname} ${records[i]!.dob} ${records[i]!.address}`;
    const scored = new Map<string, number>();
    const K = result.spec.comparisons.length;
    const waterfall = new Map<string, string>();
    for (let x = 0; x < result.pairs.count; x++) {
      scored.set(`${result.pairs.a[x]}:${result.pairs.b[x]}`, result.pairs.weight[x] as number);
      waterfall.set(`${result.pairs.a[x]}:${result.pairs.b[x]}`, result.spec.comparisons.map((c, k) => `${c.field}:${c.levels[result.pairs.levels[x * K + k] as number]?.kind}=${(result.pairs.weights[x * K + k] as number).toFixed(1)}`).filter((t) => !t.includes(':null=')).join(' '));
    }
    let shown = 0;
    const byTruth = new Map<string, number[]>();
    person.forEach((t, i) => byTruth.set(t, [...(byTruth.get(t) ?? []), i]));
    for (const members of byTruth.values()) {
      for (let x = 0; x < members.length && shown < Number(arg("show") ?? 25); x++)
        for (let y = x + 1; y < members.length && shown < Number(arg("show") ?? 25); y++) {
          const [i, j] = [members[x]!, members[y]!];
          if (result.clusters.personOf[i] === result.clusters.personOf[j]) continue;
          shown++;
          process.stdout.write(`  MISS ${show(i)} | ${show(j)} | w ${scored.get(`${i}:${j}`)?.toFixed(1) ?? 'not scored or < floor'} ${waterfall.get(`${i}:${j}`) ?? ''}\n`);
        }
    }
    // true and predicted pairs by how many of the two records hold a date of birth
    const tally = [0, 1, 2].map(() => ({ truePairs: 0, found: 0, predicted: 0, right: 0 }));
    const groupsOf = (key: (i: number) => string | number): number[][] => {
      const m = new Map<string | number, number[]>();
      records.forEach((_, i) => m.set(key(i), [...(m.get(key(i)) ?? []), i]));
      return [...m.values()];
    };
    for (const list of groupsOf((i) => person[i]!))
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) {
          const t = tally[(records[list[x]!]!.dob ? 1 : 0) + (records[list[y]!]!.dob ? 1 : 0)]!;
          t.truePairs++;
          if (result.clusters.personOf[list[x]!] === result.clusters.personOf[list[y]!]) t.found++;
        }
    for (const list of groupsOf((i) => result.clusters.personOf[i]!))
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) {
          const t = tally[(records[list[x]!]!.dob ? 1 : 0) + (records[list[y]!]!.dob ? 1 : 0)]!;
          t.predicted++;
          if (person[list[x]!] === person[list[y]!]) t.right++;
        }
    tally.forEach((t, k) => process.stdout.write(`  pairs with ${k} dates of birth: ${t.truePairs} true, recall ${(t.found / t.truePairs).toFixed(3)}; ${t.predicted} predicted, precision ${(t.right / t.predicted).toFixed(3)}\n`));
    // wrong joins: predicted persons holding several true people, with their records
    const byPredicted = new Map<number, number[]>();
    result.clusters.personOf.forEach((q, i) => byPredicted.set(q, [...(byPredicted.get(q) ?? []), i]));
    const mixed = [...byPredicted.values()].filter((list) => new Set(list.map((i) => person[i])).size > 1).sort((x, y) => y.length - x.length);
    process.stdout.write(`  ${mixed.length} predicted persons hold several people; largest ${mixed[0]?.length ?? 0} records\n`);
    for (const list of mixed.slice(0, 8)) process.stdout.write(`  WRONG ${list.map((i) => `${person[i]}: ${show(i)}`).join(' | ')}\n`);
    const refused = result.clusters.refused;
    process.stdout.write(`  refused ${JSON.stringify(refused)}\n`);
  }
  if (process.argv.includes('--model')) {
    process.stdout.write(`  prior ${result.prior}; training ${JSON.stringify(result.training.rules)}\n`);
    for (const comparison of result.spec.comparisons) {
      const levels = comparison.levels.filter((l) => l.kind !== 'null' && l.m !== null && l.u !== null);
      process.stdout.write(`  ${comparison.name}: ${levels.map((l) => `${l.label} m=${l.m} u=${l.u} (${Math.log2(l.m! / l.u!).toFixed(1)})`).join('; ')}\n`);
    }
  }
}
process.stdout.write(`${JSON.stringify({ ok: true, cases: results })}\n`);
