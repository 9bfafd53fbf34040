// A small list of people with only a first name, a surname, a date of birth, a city and an
// e-mail address (the shape of Splink's synthetic "fake_1000" set), made from the unseen model's
// people: one to five rows per person, each field sometimes missing, names with typos and
// nicknames, dates of birth keyed wrongly, e-mail addresses changed or mistyped, cities written
// another way. The `cluster` column is the truth (as FEBRL's is: test/bench/link/harness.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NICKNAMES, between, makeBorough, pick, seeded, type Person, type Rand } from './people.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
function typo(rand: Rand, s: string): string {
  if (s.length < 3) return s;
  const i = between(rand, 1, s.length - 2);
  const k = rand();
  if (k < 0.35) return s.slice(0, i) + s.slice(i + 1);
  if (k < 0.65) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  return s.slice(0, i) + pick(rand, LETTERS) + s.slice(i + 1);
}
const CITIES = ['London', 'Manchester', 'Leeds', 'Bradford', 'Halifax', 'Sheffield', 'Liverpool', 'Bristol', 'Birmingham', 'Newcastle', 'Nottingham', 'Leicester', 'Hull', 'York', 'Coventry'];
const DOMAINS = ['gmail.com', 'hotmail.com', 'yahoo.co.uk', 'outlook.com', 'btinternet.com'];

function email(rand: Rand, p: Person): string {
  const local = pick(rand, [`${p.forename}.${p.surname}`, `${p.forename[0]}${p.surname}`, `${p.forename}${between(rand, 1, 99)}`, `${p.surname}.${p.forename}`]);
  return `${local.toLowerCase().replace(/[^a-z0-9.]/g, '')}@${pick(rand, DOMAINS)}`;
}

/** Writes DIR/contact_set.csv with `people` people (1–5 rows each); returns its path. */
export function writeContactSet(people: number, seed: number, dir: string): string {
  const borough = makeBorough(Math.ceil(people / 2), seed);
  const rand = seeded(seed * 31 + 3);
  const everyone = borough.households.flatMap((h) => h.members).slice(0, people);
  const lines = ['unique_id,first_name,surname,dob,city,email,cluster'];
  let id = 0;
  for (const p of everyone) {
    const city = pick(rand, CITIES);
    const mail = email(rand, p);
    const rows = 1 + Math.floor(rand() ** 1.5 * 5);
    for (let k = 0; k < rows; k++) {
      const first = k === 0;
      let forename = p.forename;
      let surname = p.surname;
      if (!first && rand() < 0.1) forename = pick(rand, NICKNAMES[forename] ?? [forename]);
      if (!first && rand() < 0.15) forename = typo(rand, forename);
      if (!first && rand() < 0.12) surname = typo(rand, surname);
      let dob: string | null = p.dob;
      if (!first && rand() < 0.1) {
        const [y, m, d] = p.dob.split('-') as [string, string, string];
        const shifted = rand() < 0.5 ? `${y}-${d}-${m}` : `${y}-${m}-${String(Math.min(28, Math.max(1, Number(d) + (rand() < 0.5 ? -1 : 1)))).padStart(2, '0')}`;
        dob = Number(d) <= 12 || !shifted.startsWith(`${y}-${d}`) ? shifted : p.dob;
      }
      let c: string | null = city;
      if (!first && rand() < 0.1) c = pick(rand, CITIES);
      let e: string | null = mail;
      if (!first && rand() < 0.1) e = typo(rand, mail);
      else if (!first && rand() < 0.05) e = email(rand, p);
      // each field missing now and then, as in the public set
      const blank = <T,>(v: T, chance: number): T | null => (rand() < chance ? null : v);
      lines.push([`${id++}`, blank(forename, 0.05), blank(surname, 0.05), blank(dob, 0.12), blank(c, 0.15), blank(e, 0.18), p.id].map((v) => v ?? '').join(','));
    }
  }
  const path = join(dir, 'contact_set.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const PLACES = ['halifax', 'bradford', 'leeds', 'york', 'wakefield', 'huddersfield', 'rochdale', 'todmorden', 'skipton', 'keighley', 'otley', 'ripon'];
const OCCUPATIONS = ['weaver', 'farmer', 'clergyman', 'labourer', 'mill hand', 'schoolmaster', 'politician', 'merchant', 'carpenter', 'blacksmith', 'servant', 'soldier'];

/**
 * A historical register's rows (the columns of Splink's historical_50k): the unseen model's people
 * born two centuries earlier (so many before 1850), names in lower case, full names with the
 * middle name now and then, a third of the dates of birth missing and some keyed wrongly, a
 * place of birth, a made-up postcode, sex and an occupation, each often missing. Truth in `cluster`.
 */
export function writeHistoricalSet(people: number, seed: number, dir: string): string {
  const borough = makeBorough(Math.ceil(people / 2), seed);
  const rand = seeded(seed * 37 + 11);
  const everyone = borough.households.flatMap((h) => h.members).slice(0, people);
  const lines = ['unique_id,cluster,full_name,first_and_surname,first_name,surname,dob,birth_place,postcode_fake,gender,occupation'];
  for (const p of everyone) {
    const born = `${Number(p.dob.slice(0, 4)) - 200}${p.dob.slice(4)}`;
    const place = pick(rand, PLACES);
    const job = pick(rand, OCCUPATIONS);
    const postcode = `${pick(rand, ['hx', 'bd', 'ls', 'yo', 'wf'])}${between(rand, 1, 9)} ${between(rand, 1, 9)}${pick(rand, 'abdefghjlnpqrstuwxyz')}${pick(rand, 'abdefghjlnpqrstuwxyz')}`;
    const rows = 1 + Math.floor(rand() ** 1.3 * 6);
    for (let k = 0; k < rows; k++) {
      let forename = p.forename.toLowerCase();
      let surname = p.surname.toLowerCase();
      if (k > 0 && rand() < 0.1) forename = pick(rand, NICKNAMES[p.forename] ?? [p.forename]).toLowerCase();
      if (k > 0 && rand() < 0.15) forename = typo(rand, forename);
      if (k > 0 && rand() < 0.12) surname = typo(rand, surname);
      const middle = p.middle && rand() < 0.5 ? ` ${p.middle.toLowerCase()}` : '';
      let dob: string | null = rand() < 0.33 ? null : born;
      if (dob && k > 0 && rand() < 0.1) dob = `${dob.slice(0, 3)}${between(rand, 0, 9)}${dob.slice(4)}`;
      const blank = <T,>(v: T, chance: number): T | null => (rand() < chance ? null : v);
      lines.push([`${p.id}-${k + 1}`, p.id, `${forename}${middle} ${surname}`, `${forename} ${surname}`, forename, surname, dob, blank(place, 0.3), blank(postcode, 0.4), blank(p.sex === 'M' ? 'male' : 'female', 0.2), blank(job, 0.4)].map((v) => v ?? '').join(','));
    }
  }
  const path = join(dir, 'historical_set.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
