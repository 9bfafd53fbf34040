// The published IoD file layouts (DOMAIN §2.3) and the common derived shapes, as data.
// Recognition (iod-recognise.ts) reads this table; nothing else knows a header's wording.
import type { ColumnSpec } from './header-match.js';
import type { ReleaseId } from './releases.js';

export const INDEX_KEYS = [
  'imd', 'income', 'employment', 'education', 'health', 'crime', 'barriers', 'living_environment',
  'idaci', 'idaopi', 'cyp', 'adult_skills', 'geographical_barriers', 'wider_barriers', 'indoors', 'outdoors',
] as const;
export type IndexKey = (typeof INDEX_KEYS)[number];
export const MEASURES = ['score', 'rank', 'decile'] as const;
export type Measure = (typeof MEASURES)[number];
export const POPULATION_KEYS = ['pop_total', 'pop_0_15', 'pop_16_59', 'pop_60_plus', 'pop_working_age'] as const;
export type PopulationKey = (typeof POPULATION_KEYS)[number];
export const DOMAIN_KEYS: readonly IndexKey[] = ['income', 'employment', 'education', 'health', 'crime', 'barriers', 'living_environment'];

interface IndexWording {
  key: IndexKey;
  label: string;
  /** Official (2015 onwards) header stem before " Score" / " Rank" / " Decile". */
  official: string;
  /** 2004–2010 LSOA table stem ("INCOME SCORE", "RANK OF INCOME SCORE"). */
  legacy?: string;
  /** Derived-CSV stems ("Income_rank", "Housing_and_Services_decile"). */
  derived: string;
}

export const INDEX_WORDING: readonly IndexWording[] = [
  { key: 'imd', label: 'Index of Multiple Deprivation', official: 'index of multiple deprivation \\(imd\\)', legacy: 'imd', derived: 'imd' },
  { key: 'income', label: 'Income', official: 'income', legacy: 'income', derived: 'income' },
  { key: 'employment', label: 'Employment', official: 'employment', legacy: 'employment', derived: 'employment' },
  { key: 'education', label: 'Education, Skills and Training', official: 'education,? skills and training', legacy: 'education,? skills and training', derived: 'education' },
  { key: 'health', label: 'Health Deprivation and Disability', official: 'health deprivation and disability', legacy: 'health deprivation and disability', derived: 'health' },
  { key: 'crime', label: 'Crime', official: 'crime', legacy: 'crime(?: and disorder)?', derived: 'crime' },
  { key: 'barriers', label: 'Barriers to Housing and Services', official: 'barriers to housing and services', legacy: 'barriers to housing and services', derived: '(?:housing_and_services|housing_and_access|barriers)' },
  { key: 'living_environment', label: 'Living Environment', official: 'living environment', legacy: 'living environment', derived: '(?:living_)?environment' },
  { key: 'idaci', label: 'Income Deprivation Affecting Children Index (IDACI)', official: 'income deprivation affecting children index \\(idaci\\)', legacy: '(?:income deprivation affecting children index \\()?idaci\\)?', derived: 'idaci' },
  { key: 'idaopi', label: 'Income Deprivation Affecting Older People Index (IDAOPI)', official: 'income deprivation affecting older people(?: index)? \\(idaopi\\)', legacy: '(?:income deprivation affecting older people index \\()?idaopi\\)?', derived: 'idaopi' },
  { key: 'cyp', label: 'Children and Young People sub-domain', official: 'children and young people sub-domain', derived: 'children_and_young_people(?:_sub_domain)?' },
  { key: 'adult_skills', label: 'Adult Skills sub-domain', official: 'adult skills sub-domain', derived: 'adult_skills(?:_sub_domain)?' },
  { key: 'geographical_barriers', label: 'Geographical Barriers sub-domain', official: 'geographical barriers sub-domain', derived: 'geographical_barriers(?:_sub_domain)?' },
  { key: 'wider_barriers', label: 'Wider Barriers sub-domain', official: 'wider barriers sub-domain', derived: 'wider_barriers(?:_sub_domain)?' },
  { key: 'indoors', label: 'Indoors sub-domain', official: 'indoors sub-domain', derived: 'indoors(?:_sub_domain)?' },
  { key: 'outdoors', label: 'Outdoors sub-domain', official: 'outdoors sub-domain', derived: 'outdoors(?:_sub_domain)?' },
];

export const POPULATION_WORDING: ReadonlyArray<{ key: PopulationKey; label: string; official: string }> = [
  { key: 'pop_total', label: 'Total population', official: 'total population: mid \\d{4}' },
  { key: 'pop_0_15', label: 'Dependent children aged 0-15', official: 'dependent children aged 0-15' },
  { key: 'pop_16_59', label: 'Population aged 16-59', official: 'population aged 16-59' },
  { key: 'pop_60_plus', label: 'Older population aged 60 and over', official: 'older population aged 60 and over' },
  { key: 'pop_working_age', label: 'Working age population', official: 'working age population' },
];

/** Which release a family's header says: by the year captured from the LSOA, LAD or IMD column. */
export interface ReleaseRule {
  /** Field whose captured year decides (e.g. lad_code "(2019)" → IoD2019). */
  field: string;
  years: Record<string, ReleaseId>;
}

export interface IodLayout {
  id: string;
  title: string;
  columns: ColumnSpec[];
  /** Each entry: the field, or any of the fields joined by "|", must be found. Human wording for errors. */
  required: Array<{ fields: string[]; describe: string }>;
  /** Tried in order; the first that gives a release wins. */
  releaseRules: ReleaseRule[];
  /** Releases to choose between (file name or --release) when no rule decides. */
  candidates: ReleaseId[];
  /** The release is a column of each row (long format). */
  releasePerRow?: boolean;
}

// Every pattern below is built from the constant regex fragments in this file, never from input.
// eslint-disable-next-line security/detect-non-literal-regexp -- constant fragments only
const compile = (source: string): RegExp => new RegExp(source);

const valueFields = INDEX_KEYS.flatMap((k) => MEASURES.map((m) => `${k}_${m}`));

const officialColumns = (): ColumnSpec[] => [
  { field: 'lsoa_code', pattern: /^lsoa code \((\d{4})\)$/ },
  { field: 'lsoa_name', pattern: /^lsoa name(?: \((\d{4})\))?$/ },
  { field: 'lad_code', pattern: /^local authority district code \((\d{4})\)$/ },
  { field: 'lad_name', pattern: /^local authority district name \((\d{4})\)$/ },
  ...INDEX_WORDING.flatMap((w) =>
    MEASURES.map((m) => ({
      field: `${w.key}_${m}`,
      // A score header is the stem + "Score" (+ " (rate)") exactly, so File 9's "Income Score -
      // exponentially transformed" is not read as the income score; ranks and deciles match by
      // prefix, because the published headers run on ("… (where 1 is most deprived 10% of LSO").
      pattern: m === 'score' ? compile(`^${w.official} score(?: \\(rate\\))?$`) : compile(`^${w.official} ${m}\\b`),
    })),
  ),
  ...POPULATION_WORDING.map((p) => ({ field: p.key, pattern: compile(`^${p.official}`) })),
];

const legacyColumns = (): ColumnSpec[] => [
  { field: 'lsoa_code', pattern: /^(?:lsoa|soa)(?: code)?$/ },
  { field: 'lad_code', pattern: /^(?:(post|pre) 2009 )?la code$/ },
  { field: 'lad_name', pattern: /^(?:(?:post|pre) 2009 )?la name$/ },
  ...INDEX_WORDING.filter((w) => w.legacy).flatMap((w) => [
    { field: `${w.key}_score`, pattern: compile(`^${w.legacy} score\\b`) },
    { field: `${w.key}_rank`, pattern: compile(`^rank of ${w.legacy}(?: score)?\\b`) },
  ]),
];

const derivedColumns = (): ColumnSpec[] => [
  { field: 'lsoa_code', pattern: /^lsoa(\d{2})_?(?:code|cd)$/ },
  { field: 'lsoa_name', pattern: /^lsoa(\d{2})_?(?:name|nm)$/ },
  { field: 'lad_code', pattern: /^(?:lad|ltla)(\d{2})_?(?:code|cd)$/ },
  { field: 'lad_name', pattern: /^(?:lad|ltla)(\d{2})_?(?:name|nm)$/ },
  ...INDEX_WORDING.flatMap((w) => MEASURES.map((m) => ({ field: `${w.key}_${m}`, pattern: compile(`^${w.derived}_${m}$`) }))),
];

const anyValue = { fields: valueFields, describe: 'an IMD, domain, sub-domain or supplementary index score, rank or decile column' };

export const IOD_LAYOUTS: readonly IodLayout[] = [
  {
    id: 'iod-official',
    title: 'IoD2015/2019/2025 published file (Files 1–7)',
    columns: officialColumns(),
    required: [
      { fields: ['lsoa_code'], describe: '"LSOA code (2011)" or "LSOA code (2021)"' },
      { fields: [...valueFields, ...POPULATION_KEYS], describe: `${anyValue.describe}, or a population denominator (e.g. "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)", "Total population: mid 2015 (excluding prisoners)")` },
    ],
    releaseRules: [
      { field: 'lsoa_code', years: { '2021': 'IoD2025' } },
      { field: 'lad_code', years: { '2013': 'IoD2015', '2015': 'IoD2015', '2019': 'IoD2019' } },
    ],
    candidates: ['IoD2015', 'IoD2019'],
  },
  {
    id: 'iod-legacy-lsoa',
    title: 'IoD2004/2007/2010 LSOA table',
    columns: legacyColumns(),
    required: [{ fields: ['lsoa_code'], describe: '"LSOA CODE" or "SOA"' }, { fields: ['imd_score', 'imd_rank'], describe: '"IMD SCORE" or "RANK OF IMD SCORE (where 1 is most deprived)"' }],
    releaseRules: [{ field: 'lad_code', years: { post: 'IoD2010', pre: 'IoD2010' } }],
    candidates: ['IoD2004', 'IoD2007', 'IoD2010'],
  },
  {
    id: 'iod-derived',
    title: 'derived CSV (lsoaYY_code, IMD_rank, Income_score, …)',
    columns: derivedColumns(),
    required: [{ fields: ['lsoa_code'], describe: '"lsoa01_code", "lsoa11_code" or "lsoa21_code"' }, { ...anyValue, describe: `${anyValue.describe} (e.g. "IMD_rank")` }],
    releaseRules: [
      { field: 'lad_code', years: { '04': 'IoD2004', '07': 'IoD2007', '09': 'IoD2010', '13': 'IoD2015', '19': 'IoD2019', '24': 'IoD2025' } },
      { field: 'lsoa_code', years: { '21': 'IoD2025' } },
    ],
    candidates: ['IoD2004', 'IoD2007', 'IoD2010', 'IoD2015', 'IoD2019', 'IoD2025'],
  },
  {
    id: 'ons-imd-lookup',
    title: 'ONS "Index of Multiple Deprivation Lookup in England" (LSOA11CD, IMD19)',
    columns: [
      { field: 'lsoa_code', pattern: /^lsoa(\d{2})cd$/ },
      { field: 'lsoa_name', pattern: /^lsoa(\d{2})nm$/ },
      { field: 'lad_code', pattern: /^lad(\d{2})cd$/ },
      { field: 'lad_name', pattern: /^lad(\d{2})nm$/ },
      { field: 'imd_rank', pattern: /^imd(\d{2})$/ },
    ],
    required: [{ fields: ['lsoa_code'], describe: '"LSOA11CD"' }, { fields: ['imd_rank'], describe: '"IMD19" (IMD rank)' }],
    releaseRules: [{ field: 'imd_rank', years: { '15': 'IoD2015', '19': 'IoD2019', '25': 'IoD2025' } }],
    candidates: [],
  },
  {
    id: 'iod-long',
    title: 'long format, several releases (release, geography, lsoa_code, imd_score, imd_rank, imd_decile)',
    columns: [
      { field: 'release', pattern: /^release$/ },
      { field: 'geography', pattern: /^geography$/ },
      { field: 'lsoa_code', pattern: /^lsoa_?code$/ },
      { field: 'imd_score', pattern: /^imd_score$/ },
      { field: 'imd_rank', pattern: /^imd_rank$/ },
      { field: 'imd_decile', pattern: /^imd_decile$/ },
    ],
    required: [{ fields: ['release'], describe: '"release"' }, { fields: ['lsoa_code'], describe: '"lsoa_code"' }, { fields: ['imd_rank', 'imd_decile'], describe: '"imd_rank" or "imd_decile"' }],
    releaseRules: [],
    candidates: [],
    releasePerRow: true,
  },
];

/** The published File N of a release, by the columns it holds (for reporting what was recognised). */
export const OFFICIAL_FILES: ReadonlyArray<{ file: number; title: string; fields: string[] }> = [
  { file: 1, title: 'Index of Multiple Deprivation', fields: ['imd_rank', 'imd_decile'] },
  { file: 2, title: 'Domains of Deprivation', fields: ['imd', ...DOMAIN_KEYS].flatMap((k) => [`${k}_rank`, `${k}_decile`]) },
  { file: 3, title: 'Supplementary Indices (IDACI and IDAOPI)', fields: ['imd', 'idaci', 'idaopi'].flatMap((k) => [`${k}_rank`, `${k}_decile`]) },
  { file: 4, title: 'Sub-domains of Deprivation', fields: ['cyp', 'adult_skills', 'geographical_barriers', 'wider_barriers', 'indoors', 'outdoors'].flatMap((k) => [`${k}_rank`, `${k}_decile`]) },
  { file: 5, title: 'Scores for the Indices of Deprivation', fields: ['imd', ...DOMAIN_KEYS, 'idaci', 'idaopi'].map((k) => `${k}_score`) },
  { file: 6, title: 'Population Denominators', fields: ['pop_total', 'pop_0_15', 'pop_60_plus', 'pop_working_age'] },
  { file: 7, title: 'All Ranks, Scores, Deciles and Population Denominators', fields: [...INDEX_KEYS.flatMap((k) => MEASURES.map((m) => `${k}_${m}`)), 'pop_total', 'pop_0_15', 'pop_60_plus', 'pop_working_age'] },
];
