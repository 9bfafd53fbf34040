// What seven agencies of the metro borough hold, each in its own layout and with its own habits.
// A row's truth is the person it is about and their household at the end of the year; a benefit
// row holding a couple is the claimant's.
import { lines, type Home } from './homes.js';
import { born, nameOn, stayAt, writtenBy, type Borough, type Household, type Person, type Stay } from './borough.js';
import { dMonYY, asDate, dmy, excelSerial, mdy, slipDob, typo } from './faults.js';
import { respell, plain, alias, type Written } from './names.js';
import { TAKEN, YEAR_END, YEAR_START, ageAt, isoOf, type Random } from './random.js';

export type Cell = string | number | Date | null;
export interface Sheet {
  name: string;
  /** rows above the header (a report's title, parameters) */
  above: Cell[][];
  header: string[];
  rows: Cell[][];
  /** [person, household] for each row, in order */
  truth: Array<[string, string]>;
  /** Excel number format for date cells */
  dateFormat?: string;
  /** sheets of parameters that hold no people */
  noPeople?: boolean;
}
export interface Extract {
  file: string;
  sheets: Sheet[];
  /** csv line ending */
  eol?: string;
}

const present = (p: Person, d: number): boolean => born(p, d) && d >= (p.stays[0] as Stay).from;
const sheet = (name: string, header: string[], extra: Partial<Sheet> = {}): Sheet => ({ name, above: [], header, rows: [], truth: [], ...extra });
const add = (s: Sheet, p: Person, row: Cell[]): void => {
  s.rows.push(row);
  s.truth.push([p.id, p.household.id]);
};

/** A name as an agency writes it on a day, with its slips. */
function named(r: Random, p: Person, d: number, fidelity: number, slips: number): Written {
  let w = { ...writtenBy(r, p, d, fidelity) };
  const n = nameOn(p, d);
  if (n.knownAs && r.chance(0.35)) w = { ...w, forename: n.knownAs, middle: w.middle === n.knownAs ? '' : w.middle };
  if (r.chance(slips)) w.surname = typo(r, w.surname);
  else if (r.chance(slips)) w.forename = typo(r, w.forename);
  if (r.chance(slips * 2)) w = { ...w, forename: w.forename.split(' ').map((x) => respell(r, x)).join(' '), surname: w.surname.split(' ').map((x) => respell(r, x)).join(' ') };
  if (r.chance(slips / 2)) w = { forename: w.surname, middle: w.middle, surname: w.forename };
  return w;
}
const full = (w: Written, middle = true): string => [w.forename, middle ? w.middle : '', w.surname].filter(Boolean).join(' ');

/** The stay an agency holds on a day: now and then the one before (a move not yet told). */
function stayKnown(r: Random, p: Person, d: number, stale: number): Stay {
  const now = stayAt(p.stays, d);
  const i = p.stays.indexOf(now);
  return i > 0 && r.chance(stale) ? (p.stays[i - 1] as Stay) : now;
}
const careOf = (s: Stay, r: Random): string => (s.careOf && r.chance(0.6) ? 'c/o ' : '');

const dob = (r: Random, p: Person, missing: number, slip: number): number | null => (r.chance(missing) ? null : r.chance(slip) ? slipDob(r, p.dob) : p.dob);
const when = (r: Random, p: Person, lo = YEAR_START, hi = YEAR_END): number => {
  const from = Math.max(lo, p.dob, (p.stays[0] as Stay).from);
  return from >= hi ? hi : r.int(from, hi);
};
const sexWord = (p: Person): string => (p.sex === 'F' ? 'Female' : 'Male');

const ETHNICITY: Record<string, [string, string]> = {
  british: ['WBRI', 'White British'],
  caribbean: ['BCRB', 'Black Caribbean'],
  somali: ['BSOM', 'Black Somali'],
  eritrean: ['BAFR', 'Black African'],
  'west-african': ['BNGN', 'Black Nigerian'],
  'turkish-kurdish': ['WTUR', 'White Turkish'],
  hispanic: ['OOTH', 'Any other ethnic group'],
  lusophone: ['WOTH', 'Any other White background'],
  chinese: ['CHNE', 'Chinese'],
  vietnamese: ['AOTA', 'Any other Asian background'],
  'east-european': ['WROM', 'White Romanian'],
};

/** Children's social care: a case system's person report, one row per child known. */
function socialCare(b: Borough, r: Random): Extract {
  const report = sheet('Parameters', [], { noPeople: true });
  report.rows = [['Report', 'Children with an open or closed episode'], ['Period', '01/11/2025 to 31/10/2026'], ['Run by', 'MOSAIC\\reports.csc'], ['Run on', asDate(TAKEN)]];
  const s = sheet('Persons', ['Person ID', 'Full Name', 'Gender', 'Date of Birth', 'Age', 'Ethnicity', 'Address', 'Postcode', "Mother's Name", 'Case Start', 'Case Status', 'Primary Need', 'Allocated Worker'], { dateFormat: 'dd/mm/yyyy' });
  const workers = ['Sarah Jennings', 'Tom Okafor', 'Priya Raman', 'Gemma Holt', 'Daniel Mensah', 'Rachel Ward', 'Aisha Begum', 'Chris Doyle'];
  const needs = ['N1 Abuse or neglect', 'N2 Child’s disability', 'N3 Parental illness', 'N4 Family in acute stress', 'N5 Family dysfunction', 'N6 Socially unacceptable behaviour', 'N8 Absent parenting'];
  let id = 410_000 + r.int(0, 9999);
  for (const hh of b.households) {
    const rate = hh.kind === 'temporary-accommodation' ? 0.3 : hh.kind === 'lone-parent' || hh.kind === 'step-family' ? 0.12 : hh.kind === 'lodger-family' ? 0.15 : 0.04;
    const kids = hh.members.filter((m) => ageAt(m.dob, YEAR_START) < 18 && m.relation !== 'head');
    if (kids.length === 0 || !r.chance(rate)) continue;
    const start = YEAR_START + r.int(-500, 300);
    for (const c of kids) {
      const at = Math.max(start, c.dob);
      if (!present(c, Math.min(at + 30, YEAR_END))) continue;
      const w = named(r, c, TAKEN, 0.8, 0.01);
      const st = stayKnown(r, c, r.chance(0.85) ? TAKEN : at, 0.1);
      const home = st.home;
      const mother = c.mother ? named(r, c.mother, TAKEN, 0.75, 0.01) : null;
      const open = r.chance(0.55);
      const d = dob(r, c, 0.02, 0.01);
      add(s, c, [
        (id += r.int(1, 3)),
        full(w, r.chance(0.5)),
        sexWord(c),
        d === null ? null : asDate(d),
        ageAt(c.dob, TAKEN),
        (ETHNICITY[c.name.heritage] as [string, string]).join(' - '),
        home ? careOf(st, r) + lines(home).slice(0, -1).join(', ') : 'No fixed abode',
        home?.postcode ?? '',
        mother ? full(mother, false) : r.chance(0.3) ? 'Not known' : '',
        excelSerial(Math.max(start, c.dob)),
        open ? 'Open' : 'Closed',
        r.pick(needs),
        r.pick(workers),
      ]);
    }
  }
  return { file: 'CSC_Persons_Report.xlsx', sheets: [report, s] };
}

const YEARS = ['N1', 'N2', 'R', ...Array.from({ length: 11 }, (_, i) => String(i + 1))];
/** School census: pupils on roll on census day, contacts with parental responsibility. */
function schoolCensus(b: Borough, r: Random): Extract {
  const census = YEAR_START + 75; // mid-January
  const s = sheet('Pupils', ['UPN', 'Legal Surname', 'Preferred Surname', 'FirstName', 'MiddleNames', 'Gender', 'DOB', 'NCYearActual', 'Ethnicity', 'AddressLine1', 'AddressLine2', 'AddressLine3', 'Town', 'PostCode', 'Contact1Name', 'Contact1Relationship', 'Contact1Phone', 'ParentalResponsibility', 'Contact2Name', 'Contact2Relationship', 'Contact2Phone']);
  const schoolYear = (p: Person): number => {
    // age on 31 August before the census
    const a = ageAt(p.dob, YEAR_START - 62);
    return a - 5;
  };
  for (const p of b.people) {
    const y = schoolYear(p);
    if (y < -1 || y > 11 || !p.upn || !present(p, census) || r.chance(0.07)) continue;
    const w = named(r, p, census, 0.9, 0.004);
    const hh = p.household;
    const step = hh.kind === 'step-family' && p.father === undefined;
    const stepdad = step ? hh.members.find((m) => m.relation.startsWith('partner')) : undefined;
    const preferred = stepdad && r.chance(0.4) ? (writtenBy(r, stepdad, census, 0.9).surname as string) : r.chance(0.06) ? writtenBy(r, p, census, 0).surname : w.surname;
    const st = stayKnown(r, p, census, 0.06);
    const home = st.home;
    const parts = home ? lines(home) : [];
    const flatLine = home && home.building ? (r.chance(0.6) ? `${home.flat} ${home.building}` : `${home.flat.replace('Flat ', '')} ${home.building}`) : home?.flat ?? '';
    const street = home ? (home.number ? `${home.number} ${home.street}` : home.street) : '';
    const l1 = home ? careOf(st, r) + (flatLine ? flatLine : street) : '';
    const l2 = home && flatLine ? street : home?.area ?? '';
    const l3 = home && flatLine ? home.area : '';
    const carers = [p.mother, p.father, stepdad, hh.members.find((m) => m.relation === 'grandparent')].filter((m): m is Person => m !== undefined && m.household === hh);
    const rel = (c: Person): string => (c === p.mother ? 'Mother' : c === p.father ? 'Father' : c === stepdad ? 'Step-parent' : 'Grandparent');
    const c1 = carers[0];
    const c2 = carers[1];
    const contactName = (c: Person): string => {
      const cw = named(r, c, census, 0.8, 0.01);
      return r.chance(0.3) ? `${c.sex === 'F' ? r.pick(['Mrs', 'Ms', 'Miss']) : 'Mr'} ${cw.forename[0]} ${cw.surname}` : `${cw.forename} ${cw.surname}`;
    };
    add(s, p, [
      r.chance(0.01) ? '' : p.upn,
      w.surname,
      preferred,
      w.forename,
      w.middle,
      p.sex,
      isoOf(r.chance(0.005) ? slipDob(r, p.dob) : p.dob),
      YEARS[y + 2] as string,
      (ETHNICITY[p.name.heritage] as [string, string])[0],
      l1,
      l2,
      l3,
      home ? 'London' : '',
      home?.postcode ?? '',
      c1 ? contactName(c1) : '',
      c1 ? rel(c1) : '',
      c1?.phone ?? '',
      c1 ? (c1 === stepdad ? 'No' : 'Yes') : '',
      c2 ? contactName(c2) : '',
      c2 ? rel(c2) : '',
      c2?.phone ?? '',
    ]);
    void parts;
  }
  return { file: 'School_Census_Spring_2026.xlsx', sheets: [s] };
}

const upperAddress = (r: Random, st: Stay): string => {
  if (!st.home) return r.chance(0.5) ? 'NFA' : 'NO FIXED ABODE';
  const h: Home = st.home;
  const ls = lines(h).filter((l) => l !== 'London' || r.chance(0.5));
  const flat = h.building && r.chance(0.5) ? ls.slice(0, 1).map((x) => x.replace('Flat ', '')) : ls.slice(0, 1);
  const parts = [...flat, ...ls.slice(1)];
  // a third give the street alone, without the postcode
  const kept = r.chance(0.2) ? parts.slice(0, -1) : parts;
  return (careOf(st, r) + kept.join(r.chance(0.5) ? ', ' : ' ')).toUpperCase();
};

/** Police nominals: one row per person per occurrence, alias rows for names they have given. */
function police(b: Borough, r: Random): Extract {
  const s = sheet('', ['Occurrence No', 'Occurrence Date', 'Occurrence Type', 'Nominal', 'Name Type', 'Surname', 'Forename 1', 'Forename 2', 'DOB', 'Age', 'Gender', 'SDE', 'Role', 'Home Address', 'Occurrence Location']);
  const types = ['Assault - ABH', 'Common assault', 'Criminal damage', 'Theft from person', 'Public order', 'Possession of drugs', 'Domestic incident', 'Missing person', 'ASB - Personal'];
  let occ = 0;
  const nominalOf = new Map<Person, string>();
  const aliases = new Map<Person, Written[]>();
  const row = (p: Person, occNo: string, at: number, type: string, role: string, location: string, time: string): void => {
    const nominal = nominalOf.get(p) ?? `N${String(1_200_000 + nominalOf.size * 3 + r.int(0, 2)).padStart(8, '0')}`;
    nominalOf.set(p, nominal);
    const st = stayKnown(r, p, at, 0.25);
    const w = named(r, p, at, 0.55, 0.02);
    const missing = role === 'Suspect' ? 0.04 : 0.12;
    const d = dob(r, p, missing, 0.02);
    const cells = (n: Written, dd: number | null, nameType: string): Cell[] => [
      occNo,
      `${dmy(at)} ${time}`,
      type,
      nominal,
      nameType,
      n.surname.toUpperCase(),
      n.forename.split(' ')[0] ?? '',
      [...n.forename.split(' ').slice(1), n.middle].filter(Boolean).join(' '),
      dd === null ? '' : dmy(dd),
      dd === null ? (r.chance(0.5) ? ageAt(p.dob, at) : '') : ageAt(p.dob, at),
      p.sex === 'F' ? 'Female' : 'Male',
      r.chance(0.2) ? 'Not stated' : (ETHNICITY[p.name.heritage] as [string, string])[1],
      role,
      upperAddress(r, st),
      location,
    ];
    add(s, p, cells(w, d, 'Primary'));
    for (const a of aliases.get(p) ?? []) add(s, p, cells(a, r.chance(0.15) ? slipDob(r, p.dob) : d, r.pick(['Alias', 'AKA'])));
  };
  const people = b.people.filter((p) => ageAt(p.dob, YEAR_START) >= 12);
  for (const p of people) {
    const a = ageAt(p.dob, YEAR_START);
    const base = a < 18 ? 0.04 : a < 35 ? (p.sex === 'M' ? 0.09 : 0.04) : a < 60 ? 0.035 : 0.01;
    const rate = base * (p.household.kind === 'temporary-accommodation' || p.relation.includes('separated') ? 2.5 : 1);
    if (!r.chance(rate)) continue;
    if (r.chance(0.25)) aliases.set(p, Array.from({ length: r.int(1, 2) }, () => alias(r, nameOn(p, TAKEN), writtenBy(r, p, TAKEN, 0.6))));
    for (let k = r.int(1, 3); k > 0; k--) {
      const at = when(r, p);
      const occNo = `01/${String(100_000 + ++occ * 7).slice(-6)}/${String(isoOf(at).slice(2, 4))}`;
      const st = stayAt(p.stays, at);
      const time = `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
      const location = st.home && r.chance(0.3) ? st.home.street.toUpperCase() : `${r.pick(b.households).stays[0]?.home?.street.toUpperCase() ?? 'HIGH STREET'}`;
      const domestic = p.household.members.find((m) => m !== p && m.relation !== 'child' && ageAt(m.dob, at) >= 18 && present(m, at));
      if (domestic && r.chance(0.3)) {
        row(p, occNo, at, 'Domestic incident', 'Suspect', location, time);
        row(domestic, occNo, at, 'Domestic incident', 'Victim', location, time);
        continue;
      }
      const type = r.pick(types);
      row(p, occNo, at, type, a < 18 && r.chance(0.3) ? 'Missing Person' : r.pick(['Suspect', 'Suspect', 'Victim', 'Witness']), location, time);
      if (r.chance(0.4)) {
        const other = r.pick(people);
        if (present(other, at)) row(other, occNo, at, type, r.pick(['Witness', 'Victim', 'Informant']), location, time);
      }
    }
  }
  // the report lists occurrences in order
  const order = s.rows.map((_, i) => i).sort((x, y) => String(s.rows[x]?.[0]).localeCompare(String(s.rows[y]?.[0])) || x - y);
  s.rows = order.map((i) => s.rows[i] as Cell[]);
  s.truth = order.map((i) => s.truth[i] as [string, string]);
  return { file: 'Niche_Nominals_Occurrences_Nov25-Oct26.csv', sheets: [s], eol: '\r\n' };
}

/** Housing Benefit (SHBE): a claim a row, the claimant and partner on it, dependants counted. */
function benefits(b: Borough, r: Random): Extract {
  const s = sheet('', ['CLAIM_REF', 'CLAIMANT_NINO', 'CLAIMANT_TITLE', 'CLAIMANT_FORENAME', 'CLAIMANT_SURNAME', 'CLAIMANT_DOB', 'PARTNER_NINO', 'PARTNER_FORENAME', 'PARTNER_SURNAME', 'PARTNER_DOB', 'ADDR_LINE_1', 'ADDR_LINE_2', 'ADDR_LINE_3', 'ADDR_LINE_4', 'POSTCODE', 'NO_OF_DEPENDANTS', 'NO_OF_NON_DEPS', 'TENURE_TYPE', 'CLAIM_START_DATE', 'WKLY_ELIGIBLE_RENT']);
  let ref = 0;
  const up = (x: string): string => plain(x).toUpperCase();
  const title = (p: Person): string => (p.sex === 'M' ? 'MR' : r.pick(['MRS', 'MS', 'MISS']));
  const ni = (p: Person): string => (r.chance(0.015) ? p.nino.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : p.nino);
  const claim = (hh: Household, claimant: Person, partner: Person | undefined, deps: number, nondeps: number): void => {
    if (!present(claimant, TAKEN)) return;
    const st = stayKnown(r, claimant, TAKEN, 0.03);
    const h = st.home;
    if (!h) return;
    const w = named(r, claimant, TAKEN, 0.8, 0.008);
    const pw = partner ? named(r, partner, TAKEN, 0.8, 0.008) : null;
    const ls = lines(h).slice(0, -1);
    const addr = h.building ? [`${h.flat} ${h.building}`, h.number ? `${h.number} ${h.street}` : h.street, h.area, 'LONDON'] : [[h.flat, `${h.number} ${h.street}`].filter(Boolean).join(', '), h.area, 'LONDON', ''];
    const cd = dob(r, claimant, 0, 0.008);
    const pd = partner ? dob(r, partner, 0.01, 0.008) : null;
    const tenure = hh.placement && !hh.placement.to ? 'TEMP ACCOM' : h.kind === 'tower' || h.kind === 'block' ? 'LA TENANT' : h.kind === 'hmo' ? 'PRIVATE (SHARED)' : r.pick(['HA TENANT', 'PRIVATE']);
    void ls;
    add(s, claimant, [
      `HB${String(400_000 + ++ref * 13).padStart(7, '0')}`,
      ni(claimant),
      title(claimant),
      up([w.forename, w.middle].filter(Boolean).join(' ')),
      up(w.surname),
      cd === null ? '' : dMonYY(cd),
      partner ? ni(partner) : '',
      pw ? up([pw.forename, pw.middle].filter(Boolean).join(' ')) : '',
      pw ? up(pw.surname) : '',
      pd === null ? '' : dMonYY(pd),
      ...addr.map((x) => up(x)),
      h.postcode.replace(r.chance(0.2) ? ' ' : '\u0000', ''),
      deps,
      nondeps,
      tenure,
      dMonYY(Math.max(YEAR_START - r.int(0, 1500), claimant.dob + 6570, (claimant.stays.at(-1) as Stay).from)),
      (r.int(9000, 42000) / 100).toFixed(2),
    ]);
  };
  for (const hh of b.households) {
    if (!hh.lowIncome) continue;
    const adults = hh.members.filter((m) => ageAt(m.dob, TAKEN) >= 18);
    if (hh.kind === 'sharers') {
      for (const a of adults) if (r.chance(0.6)) claim(hh, a, undefined, 0, 0);
      continue;
    }
    const head = hh.members.find((m) => m.relation.startsWith('head')) ?? adults[0];
    if (!head || ageAt(head.dob, TAKEN) < 18) continue;
    const partner = hh.members.find((m) => m.relation.startsWith('partner') && present(m, TAKEN));
    const kids = hh.members.filter((m) => ageAt(m.dob, TAKEN) < 18 && present(m, TAKEN)).length;
    const others = adults.filter((m) => m !== head && m !== partner);
    // the man claims for a couple more often than the woman
    const [c, pt] = partner && partner.sex === 'M' && r.chance(0.6) ? [partner, head] : [head, partner];
    claim(hh, c, pt, kids, others.length);
    // a grandparent on pension credit claims on their own
    for (const o of others) if (o.relation === 'grandparent' && r.chance(0.4)) claim(hh, o, undefined, 0, 0);
  }
  return { file: 'SHBE_Extract_Oct2026.csv', sheets: [s], eol: '\n' };
}

/** Community health: caseloads of health visitors, school nurses and district nurses. */
function health(b: Borough, r: Random): Extract {
  const s = sheet('Caseload', ['NHS Number', 'Patient Name', 'Date of Birth', 'Gender', 'Usual Address', 'Registered GP', 'Service', 'Referral Date', 'Lead Professional'], { dateFormat: 'dd-mmm-yyyy' });
  s.above = [['Community Health Services – Active caseload'], [`Extracted ${dmy(TAKEN)}`], []];
  const gps = ['Jubilee Street Practice', 'The Limehouse Practice', 'Barton House Group Practice', 'Somerford Grove Practice', 'Chrisp Street Health Centre', 'Lower Clapton Group Practice'];
  const staff = ['HV Karen Doherty', 'HV Blessing Adeyemi', 'SN Ruth Kaplan', 'DN Imran Shah', 'FNP Jo Whitfield'];
  for (const p of b.people) {
    const a = ageAt(p.dob, TAKEN);
    const babyMum = p.household.members.some((c) => c.mother === p && ageAt(c.dob, TAKEN) < 1);
    const service = a < 5 && r.chance(0.8) ? 'Health Visiting' : a >= 5 && a < 17 && r.chance(0.06) ? 'School Nursing' : babyMum && r.chance(0.6) ? 'Health Visiting (postnatal)' : a >= 75 && r.chance(0.35) ? 'District Nursing' : a >= 16 && a < 20 && babyMum ? 'Family Nurse Partnership' : '';
    if (!service) continue;
    const ref = when(r, p, YEAR_START - 300, YEAR_END);
    if (!present(p, TAKEN)) continue;
    const st = stayKnown(r, p, TAKEN, 0.08);
    const w = named(r, p, TAKEN, 0.75, 0.01);
    const title = a < 18 ? '' : p.sex === 'M' ? 'Mr' : r.pick(['Mrs', 'Ms', 'Miss']);
    const nameCell = `${w.surname}, ${[w.forename, w.middle].filter(Boolean).join(' ')}${title && r.chance(0.6) ? ` (${title})` : ''}`;
    const nhs = r.chance(0.05) ? '' : r.chance(0.01) ? `${p.nhs.slice(0, 4)}${(Number(p.nhs[4]) + 1) % 10}${p.nhs.slice(5)}` : p.nhs;
    const h = st.home;
    const address = h ? (careOf(st, r) ? `c/o ${lines(h).join('\n')}` : lines(h).join('\n')) : 'No fixed abode\nZZ99 3VZ';
    const d = dob(r, p, 0.005, 0.005);
    add(s, p, [nhs ? `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}` : '', nameCell, d === null ? null : asDate(d), p.sex === 'F' ? 'Female' : 'Male', address, r.pick(gps), service, asDate(ref), r.pick(staff)]);
  }
  return { file: 'Community_Health_Caseload.xlsx', sheets: [s] };
}

const RELATION: Record<string, [string, string]> = { partner: ['Spouse/Partner', 'Spouse/Partner'], child: ['Son', 'Daughter'], grandchild: ['Grandson', 'Granddaughter'], grandparent: ['Father', 'Mother'] };
/** Housing options: a case system made in the United States, one row per household member. */
function homelessness(b: Borough, r: Random): Extract {
  const s = sheet('', ['Case ID', 'Client ID', 'Lead Applicant', 'First Name', 'Last Name', 'DOB', 'Gender', 'Relationship to Applicant', 'Phone', 'Approach Date', 'Last Settled Address', 'Last Settled Postcode', 'Placement Type', 'Placement Address', 'Placement Postcode', 'Placement Start', 'Placement End']);
  let caseNo = 0;
  let client = 88_000;
  for (const hh of b.households) {
    const prevention = !hh.placement && hh.lowIncome && r.chance(hh.kind === 'lodger-family' ? 0.4 : 0.03);
    if (!hh.placement && !prevention) continue;
    const approach = hh.placement ? hh.placement.from - r.int(0, 40) : YEAR_START + r.int(0, 330);
    const lead = hh.members.find((m) => m.relation.startsWith('head')) ?? hh.members[0];
    if (!lead) continue;
    const id = `HO-${String(20_000 + ++caseNo * 3)}`;
    const settled = hh.placement?.before ?? stayAt(hh.stays, approach);
    for (const p of hh.members) {
      if (!born(p, approach + 30)) continue;
      const w = named(r, p, approach, 0.7, 0.015);
      const d = dob(r, p, 0.03, 0.01);
      const rel = p === lead ? 'Self' : (RELATION[p.relation.split(' ')[0] as string] ?? ['Other', 'Other'])[p.sex === 'M' ? 0 : 1];
      const pl = hh.placement;
      const place = pl?.home;
      const settledHome = settled.home;
      add(s, p, [
        id,
        ++client,
        p === lead ? 'Yes' : 'No',
        [w.forename, w.middle].filter(Boolean).join(' '),
        w.surname,
        d === null ? '' : mdy(d),
        sexWord(p),
        rel,
        p === lead ? p.phone : '',
        mdy(approach),
        settledHome ? (settled.careOf ? 'c/o ' : '') + lines(settledHome).slice(0, -2).join(', ') : 'No fixed abode',
        settledHome?.postcode ?? '',
        pl?.type ?? '',
        place ? `${r.chance(0.6) ? `${place.flat}, ` : ''}${place.building}, ${place.number} ${place.street}, London` : '',
        place?.postcode ?? '',
        pl ? mdy(pl.from) : '',
        pl?.to ? mdy(pl.to) : '',
      ]);
    }
  }
  return { file: 'Housing_Options_Cases_Export.csv', sheets: [s], eol: '\n' };
}

export function makeExtracts(b: Borough, r: Random): Extract[] {
  return [socialCare(b, r), schoolCensus(b, r), police(b, r), benefits(b, r), health(b, r), homelessness(b, r)];
}
