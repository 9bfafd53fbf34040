// The trained MatchSpec as Splink 4 settings: a council that outgrows one machine can run the
// same model with Splink on Spark or DuckDB. Every comparison level becomes a branch of a SQL
// CASE over an input table whose columns are named in SPLINK_INPUT_COLUMNS (the link README
// says how to build it); m and u are the trained ones. What Splink cannot say is left out and
// listed in `notes`: the second u measured within a postcode (Splink has one u per level), and
// the constraints applied at clustering (possible twins, generations, check-digit identifiers).
// The threshold is not a Splink setting: it goes to `predict(threshold_match_probability=…)`.
import type { BlockingAnalysis } from './blocking.js';
import type { BlockingKey, BlockingRule, Comparison, ComparisonLevel, MatchSpec } from './spec.js';
import { TF_MAX_BOOST_BITS } from './model.js';

/** The input table's columns, one per record, as the SQL below expects them. */
export const SPLINK_INPUT_COLUMNS: Record<string, string> = {
  unique_id: 'the record id',
  source_dataset: 'the source (partner extract) the record came from',
  first_name: 'first forename token, upper case, letters and spaces only',
  middle_names: 'middle names, space separated',
  surname: 'surname, upper case, spaces instead of hyphens',
  previous_surname: 'a previous (birth, maiden) surname, when known',
  first_name_soundex: 'Soundex of first_name',
  surname_soundex: 'Soundex of surname',
  first_name_nicknames: 'list of the nickname groups of first_name (Bill and William share one)',
  first_name_translit: 'transliteration skeleton of first_name (Mohammed and Muhammad share one)',
  surname_translit: 'transliteration skeleton of surname',
  dob: "date of birth as 'YYYY-MM-DD' text; placeholders (1900-01-01) as NULL",
  birth_year: 'year of birth as an integer: the year of dob, else a year given alone (record.dob_year), else the likelier year an age at the row\'s event gives; NULL when none',
  sex: "'M' or 'F'",
  postcode: "UK postcode as 'S60 1AB'",
  address: 'the address as one line, upper case',
  uprn: 'UPRN',
  flat: 'flat or sub-building number',
  house_number: 'house number',
  street: 'street with its type spelled out',
  nhs_number: 'NHS number, only when its check digit is valid',
  nino: 'National Insurance number, only when its format is valid',
  upn: 'unique pupil number, only when its check letter is valid',
  other_id: 'another national identifier (no check digit), separators removed',
  email: 'e-mail address, lower case, trimmed',
  phone: 'phone number, digits only, UK numbers as 0…',
  occupation: 'occupation, upper case, words of letters only',
  father_first_name: "father's forename (first word), as the name a contraction stands for (Wm as WILLIAM)",
  father_first_name_nicknames: "list of the nickname groups of father_first_name",
};

/** The column(s) a comparison compares. */
const COLUMN: Record<string, string> = {
  forename: 'first_name',
  surname: 'surname',
  dob: 'dob',
  sex: 'sex',
  postcode: 'postcode',
  address: 'address',
  nhsNumber: 'nhs_number',
  nino: 'nino',
  upn: 'upn',
  otherId: 'other_id',
  email: 'email',
  phone: 'phone',
  occupation: 'occupation',
  fatherForename: 'father_first_name',
};

const l = (column: string): string => `"${column}_l"`;
const r = (column: string): string => `"${column}_r"`;
const q = (v: number): string => String(Number(v.toPrecision(6)));

function nullCondition(comparison: Comparison): string {
  if (comparison.field === 'dob' && comparison.levels.some((x) => x.kind === 'yearOnly')) return yearOnlyNullCondition();
  switch (comparison.field) {
    case 'nameSwap':
      return ['first_name', 'surname'].map((c) => `${l(c)} IS NULL OR ${r(c)} IS NULL`).join(' OR ');
    case 'address':
      return `(${l('address')} IS NULL AND ${l('uprn')} IS NULL) OR (${r('address')} IS NULL AND ${r('uprn')} IS NULL)`;
    default: {
      const c = COLUMN[comparison.field] ?? comparison.field;
      return `${l(c)} IS NULL OR ${r(c)} IS NULL`;
    }
  }
}

/** The SQL condition of one level (DuckDB dialect), given the comparison it belongs to. */
export function levelCondition(comparison: Comparison, level: ComparisonLevel): string {
  if (level.kind === 'null') return nullCondition(comparison);
  if (level.kind === 'else') return 'ELSE';
  const c = COLUMN[comparison.field] ?? comparison.field;
  const a = l(c);
  const b = r(c);
  const t = level.threshold;
  const hasPlaceholder = comparison.levels.some((x) => x.kind === 'placeholderDate');
  switch (level.kind) {
    case 'exact':
      if (comparison.field === 'dob' && hasPlaceholder) return `${a} = ${b} AND substr(${a}, 6, 5) <> '01-01'`;
      return `${a} = ${b}`;
    case 'nickname':
      return comparison.field === 'fatherForename'
        ? `list_has_any(${l('father_first_name_nicknames')}, ${r('father_first_name_nicknames')})`
        : `list_has_any(${l('first_name_nicknames')}, ${r('first_name_nicknames')})`;
    case 'transliteration': {
      const translit = comparison.field === 'forename' ? 'first_name_translit' : 'surname_translit';
      return `${l(translit)} = ${r(translit)} AND jaro_winkler_similarity(${a}, ${b}) >= 0.75`;
    }
    case 'middleName':
      return `list_contains(string_split(${r('middle_names')}, ' '), ${a}) OR list_contains(string_split(${l('middle_names')}, ' '), ${b})`;
    case 'jaroWinkler':
      return `jaro_winkler_similarity(${a}, ${b}) >= ${q(t ?? 0.9)}`;
    case 'initial':
      return `(length(${a}) = 1 OR length(${b}) = 1) AND substr(${a}, 1, 1) = substr(${b}, 1, 1)`;
    case 'hyphenPart':
      return `list_has_any(string_split(${a}, ' '), string_split(${b}, ' '))`;
    case 'previousSurname':
      return `${l('previous_surname')} = ${b} OR ${a} = ${r('previous_surname')}`;
    case 'swapped':
      return `${l('first_name')} = ${r('surname')} AND ${l('surname')} = ${r('first_name')}`;
    case 'placeholderDate':
      return `${a} = ${b} AND substr(${a}, 6, 5) = '01-01'`;
    case 'dayMonthSwapped':
      return `substr(${a}, 1, 4) = substr(${b}, 1, 4) AND substr(${a}, 6, 2) = substr(${b}, 9, 2) AND substr(${a}, 9, 2) = substr(${b}, 6, 2) AND substr(${a}, 6, 2) <> substr(${a}, 9, 2)`;
    case 'oneDigit':
      // or the same day and month in years a two-digit year read in the wrong century gives
      return `(damerau_levenshtein(replace(${a}, '-', ''), replace(${b}, '-', '')) <= 1 OR (substr(${a}, 6) = substr(${b}, 6) AND substr(${a}, 1, 2) <> substr(${b}, 1, 2) AND (substr(${a}, 3, 2) = substr(${b}, 3, 2) OR substr(${a}, 3, 2) = substr(${b}, 4, 1) || substr(${b}, 3, 1))))`;
    case 'withinDays':
      return `abs(date_diff('day', CAST(${a} AS DATE), CAST(${b} AS DATE))) <= ${Math.round(t ?? 31)}`;
    case 'sameYear':
      return `substr(${a}, 1, 4) = substr(${b}, 1, 4)`;
    case 'yearApart':
      return `abs(CAST(substr(${a}, 1, 4) AS INTEGER) - CAST(substr(${b}, 1, 4) AS INTEGER)) = 1 AND abs(abs(date_diff('day', CAST(${a} AS DATE), CAST(${b} AS DATE))) - 365) <= 31`;
    case 'yearOnly':
      return yearOnlyCondition();
    case 'sector':
      return `split_part(${a}, ' ', 1) = split_part(${b}, ' ', 1) AND substr(split_part(${a}, ' ', 2), 1, 1) = substr(split_part(${b}, ' ', 2), 1, 1)`;
    case 'district':
      return `split_part(${a}, ' ', 1) = split_part(${b}, ' ', 1)`;
    case 'oneCharacter':
      return comparison.field === 'nino' ? `hamming(${a}, ${b}) <= ${Math.round(t ?? 1)}` : `damerau_levenshtein(${a}, ${b}) <= ${Math.max(1, Math.round(t ?? 1))}`;
    case 'uprn':
      return `${l('uprn')} = ${r('uprn')}`;
    case 'flatNumberStreet':
      return `${l('house_number')} = ${r('house_number')} AND ${l('street')} = ${r('street')} AND coalesce(${l('flat')}, '') = coalesce(${r('flat')}, '')`;
    case 'numberStreet':
      return `${l('house_number')} = ${r('house_number')} AND ${l('street')} = ${r('street')} AND (${l('flat')} IS NULL OR ${r('flat')} IS NULL OR ${l('flat')} = ${r('flat')})`;
    case 'tokenOverlap':
      return `len(list_intersect(string_split(${a}, ' '), string_split(${b}, ' '))) >= ${q(t ?? 0.5)} * len(list_distinct(list_concat(string_split(${a}, ' '), string_split(${b}, ' '))))`;
    default:
      throw new Error(`no SQL for level kind ${String(level.kind)}`);
  }
}

/**
 * With a "yearOnly" level the date of birth is missing only where a year is (or a full date is
 * missing and the years are one apart: within an age's tolerance, no evidence either way); a year
 * alone never meets the full-date levels (their SQL is NULL on a NULL dob).
 */
function yearOnlyNullCondition(): string {
  return `${l('birth_year')} IS NULL OR ${r('birth_year')} IS NULL OR ((${l('dob')} IS NULL OR ${r('dob')} IS NULL) AND abs(${l('birth_year')} - ${r('birth_year')}) = 1)`;
}

function yearOnlyCondition(): string {
  return `(${l('dob')} IS NULL OR ${r('dob')} IS NULL) AND ${l('birth_year')} = ${r('birth_year')}`;
}

/** SQL for one blocking key, over the aliases l and r. */
function keyCondition(key: BlockingKey): string {
  const eq = (column: string): string => `l."${column}" = r."${column}"`;
  switch (key) {
    case 'dob':
      return eq('dob');
    case 'birthYear':
      return eq('birth_year');
    case 'birthMonth':
      return 'substr(l."dob", 6, 2) = substr(r."dob", 6, 2)';
    case 'birthMonthDay':
      return 'substr(l."dob", 6, 5) = substr(r."dob", 6, 5)';
    case 'forename':
      return eq('first_name');
    case 'surname':
      return eq('surname');
    case 'forenamePhonetic':
      return eq('first_name_soundex');
    case 'surnamePhonetic':
      return eq('surname_soundex');
    case 'forenameInitial':
      return 'substr(l."first_name", 1, 1) = substr(r."first_name", 1, 1)';
    case 'surnameInitial':
      return 'substr(l."surname", 1, 1) = substr(r."surname", 1, 1)';
    case 'nameSounds':
      return (
        'least(l."first_name_soundex", l."surname_soundex") = least(r."first_name_soundex", r."surname_soundex") AND ' +
        'greatest(l."first_name_soundex", l."surname_soundex") = greatest(r."first_name_soundex", r."surname_soundex")'
      );
    case 'postcode':
      return eq('postcode');
    case 'postcodeSector':
      return `split_part(l."postcode", ' ', 1) = split_part(r."postcode", ' ', 1) AND substr(split_part(l."postcode", ' ', 2), 1, 1) = substr(split_part(r."postcode", ' ', 2), 1, 1)`;
    case 'place':
      return `l."postcode" IS NULL AND r."postcode" IS NULL AND ${eq('address')}`;
    case 'uprn':
      return eq('uprn');
    case 'nhsNumber':
      return eq('nhs_number');
    case 'nino':
      return eq('nino');
    case 'upn':
      return eq('upn');
    case 'otherId':
      return eq('other_id');
    case 'email':
      return eq('email');
    case 'phone':
      return eq('phone');
    default:
      return eq(String(key));
  }
}

export function blockingRuleSql(rule: Pick<BlockingRule, 'keys' | 'onlyIfMissing'>): string {
  const parts = rule.keys.map(keyCondition);
  if (rule.onlyIfMissing) {
    const column = rule.onlyIfMissing === 'dob' ? 'dob' : 'postcode';
    parts.push(`(l."${column}" IS NULL OR r."${column}" IS NULL)`);
  }
  return parts.join(' AND ');
}

/**
 * The rules a run used (a broad rule that gave way to narrower ones is replaced by them), by
 * name from the run's blocking analysis; without one, the spec's rules as written.
 */
function usedRules(spec: MatchSpec, analysis: Pick<BlockingAnalysis, 'rules'> | null): Array<Pick<BlockingRule, 'name' | 'keys' | 'onlyIfMissing'>> {
  const all = new Map<string, Pick<BlockingRule, 'name' | 'keys' | 'onlyIfMissing'>>();
  for (const rule of spec.blockingRules) {
    all.set(rule.name, rule);
    for (const narrow of rule.narrowTo ?? []) if (!all.has(narrow.name)) all.set(narrow.name, narrow);
  }
  if (!analysis) return spec.blockingRules;
  const used = analysis.rules.map((a) => all.get(a.rule)).filter((x): x is NonNullable<typeof x> => x !== undefined);
  return used.length > 0 ? used : spec.blockingRules;
}

export interface SplinkExport {
  /** Splink 4 settings: pass to `Linker(df, settings, db_api)` */
  settings: Record<string, unknown>;
  /** the match probability at or above which this app joins two records */
  thresholdMatchProbability: number;
  /** the input table's columns */
  inputColumns: Record<string, string>;
  /** what Splink's settings cannot hold */
  notes: string[];
}

/** A MatchSpec (trained or not) as Splink 4 settings. */
export function toSplinkSettings(spec: MatchSpec, analysis: Pick<BlockingAnalysis, 'rules'> | null = null): SplinkExport {
  const comparisons = spec.comparisons.map((c) => ({
    output_column_name: c.field === 'nameSwap' ? 'name_swap' : (COLUMN[c.field] ?? c.field),
    comparison_description: c.name,
    comparison_levels: c.levels.map((level) => {
      const out: Record<string, unknown> = { sql_condition: levelCondition(c, level), label_for_charts: level.label };
      if (level.kind === 'null') {
        out.is_null_level = true;
        return out;
      }
      if (level.m !== null) out.m_probability = level.m;
      if (level.u !== null) out.u_probability = level.u;
      if (level.tf && level.kind === 'exact' && level.u !== null) {
        out.tf_adjustment_column = COLUMN[c.field] ?? c.field;
        out.tf_adjustment_weight = 1.0;
        // this app lets a rare value raise the level by at most TF_MAX_BOOST_BITS
        out.tf_minimum_u_value = Number((level.u / 2 ** TF_MAX_BOOST_BITS).toPrecision(6));
      }
      return out;
    }),
  }));
  const settings: Record<string, unknown> = {
    link_type: spec.linkType,
    probability_two_random_records_match: spec.probabilityTwoRandomRecordsMatch ?? 0.0001,
    em_convergence: Math.min(0.05, spec.em.convergence),
    max_iterations: Math.min(500, spec.em.maxIterations),
    unique_id_column_name: 'unique_id',
    source_dataset_column_name: 'source_dataset',
    retain_matching_columns: true,
    retain_intermediate_calculation_columns: false,
    sql_dialect: 'duckdb',
    blocking_rules_to_generate_predictions: usedRules(spec, analysis).map((rule) => ({ blocking_rule: blockingRuleSql(rule), sql_dialect: 'duckdb' })),
    comparisons,
  };
  const notes = [
    `Score with linker.inference.predict(threshold_match_probability=${spec.threshold}); this app joins pairs at or above that probability.`,
    'Splink has one u per level: the u measured within one postcode (used here for surname and address when the postcodes agree) is not exported.',
    'Clustering constraints are not Splink settings: possible twins and parents and children with one name are kept apart, two different valid NHS numbers or UPNs never join, and records sharing a partner’s own number for the person (record.person_ref, within one partner and kind) join.',
  ];
  if (!spec.trainedAt) notes.push('This model is untrained: m and u are starting values.');
  return { settings, thresholdMatchProbability: spec.threshold, inputColumns: SPLINK_INPUT_COLUMNS, notes };
}
