// The MatchSpec (DESIGN §3): the whole linkage model as plain, serialisable JSON, after Splink's
// settings — blocking rules, comparisons as ordered comparison levels (null → exact → fuzzy →
// else) with m/u per level, the prior, thresholds. Saved with every Run; a hand-edited spec is
// parsed strictly and every mistake named by its path.
import { z } from 'zod';
import { WorkbenchError } from '../../../shared/ipc/result.js';

/** What a comparison compares; each field has its own comparator and allowed level kinds. */
export const COMPARISON_FIELDS = ['forename', 'surname', 'nameSwap', 'dob', 'sex', 'postcode', 'address', 'nhsNumber', 'nino', 'upn', 'otherId', 'email', 'phone', 'occupation', 'fatherForename'] as const;
export type ComparisonField = (typeof COMPARISON_FIELDS)[number];

/** Level conditions. A pair takes the first level, in order, whose condition holds. */
export const LEVEL_KINDS = [
  'null', // either side missing: neutral, never trained
  'exact',
  'nickname', // Bill / William
  'transliteration', // Mohammed / Muhammad
  'middleName', // one forename is the other's middle name
  'jaroWinkler', // ≥ threshold
  'initial', // one side is a single letter, the other's first letter
  'hyphenPart', // one surname is a part of the other's double-barrelled name
  'previousSurname', // one surname is a previous surname known for the other
  'swapped', // forename and surname recorded the other way round
  'placeholderDate', // exact DOB that is 1 January (often a placeholder): weighs less
  'dayMonthSwapped',
  'oneDigit', // Damerau–Levenshtein ≤ 1 on the yyyymmdd digits
  'withinDays', // |difference| ≤ threshold days
  'sameYear',
  /** years one apart, birthday within a month of the same: a birth year worked out from an age */
  'yearApart',
  /** one side has only a year of birth, and the years are equal (dob-year.ts) */
  'yearOnly',
  'sector', // postcode sector (S60 1)
  'district', // postcode district (S60)
  'oneCharacter', // one edit apart (Damerau–Levenshtein 1): postcode typos, non-UK codes, identifiers keyed wrongly
  'uprn',
  'flatNumberStreet',
  'numberStreet',
  'tokenOverlap', // Jaccard of address tokens ≥ threshold
  'else',
] as const;
export type LevelKind = (typeof LEVEL_KINDS)[number];

const FIELD_LEVELS: Record<ComparisonField, readonly LevelKind[]> = {
  forename: ['null', 'exact', 'nickname', 'transliteration', 'middleName', 'jaroWinkler', 'initial', 'else'],
  surname: ['null', 'exact', 'hyphenPart', 'previousSurname', 'transliteration', 'jaroWinkler', 'else'],
  nameSwap: ['null', 'swapped', 'else'],
  dob: ['null', 'exact', 'placeholderDate', 'dayMonthSwapped', 'oneDigit', 'withinDays', 'yearApart', 'sameYear', 'yearOnly', 'else'],
  sex: ['null', 'exact', 'else'],
  postcode: ['null', 'exact', 'sector', 'district', 'oneCharacter', 'else'],
  address: ['null', 'uprn', 'flatNumberStreet', 'numberStreet', 'tokenOverlap', 'else'],
  nhsNumber: ['null', 'exact', 'else'],
  nino: ['null', 'exact', 'oneCharacter', 'else'],
  upn: ['null', 'exact', 'else'],
  otherId: ['null', 'exact', 'oneCharacter', 'else'],
  email: ['null', 'exact', 'oneCharacter', 'else'],
  phone: ['null', 'exact', 'oneCharacter', 'else'],
  occupation: ['null', 'exact', 'tokenOverlap', 'jaroWinkler', 'else'],
  fatherForename: ['null', 'exact', 'nickname', 'jaroWinkler', 'initial', 'else'],
};

/** Blocking keys: a rule joins records whose keys are all equal and present. */
export const BLOCKING_KEYS = [
  'dob',
  'birthYear',
  'birthMonth',
  /** month and day of birth, without the year: catches a mis-keyed year */
  'birthMonthDay',
  'forename',
  'surname',
  'forenamePhonetic',
  'surnamePhonetic',
  'forenameInitial',
  'surnameInitial',
  /** forename and surname Soundex codes as an unordered pair: catches names recorded swapped */
  'nameSounds',
  'postcode',
  'postcodeSector',
  /** the whole address, for a record with no postcode (see Prepared.place) */
  'place',
  'uprn',
  'nhsNumber',
  'nino',
  'upn',
  /** a national number with no check digit (foreign social security number) */
  'otherId',
  'email',
  'phone',
] as const;
export type BlockingKey = (typeof BLOCKING_KEYS)[number];

/** The comparisons whose levels a blocking key constrains (not trained on that rule's pairs). */
export const KEY_FIELDS: Record<BlockingKey, readonly ComparisonField[]> = {
  dob: ['dob'],
  birthYear: ['dob'],
  birthMonth: ['dob'],
  birthMonthDay: ['dob'],
  forename: ['forename', 'nameSwap'],
  surname: ['surname', 'nameSwap'],
  forenamePhonetic: ['forename', 'nameSwap'],
  surnamePhonetic: ['surname', 'nameSwap'],
  forenameInitial: ['forename', 'nameSwap'],
  surnameInitial: ['surname', 'nameSwap'],
  nameSounds: ['forename', 'surname', 'nameSwap'],
  postcode: ['postcode'],
  postcodeSector: ['postcode'],
  place: ['address'],
  uprn: ['address'],
  nhsNumber: ['nhsNumber'],
  nino: ['nino'],
  upn: ['upn'],
  otherId: ['otherId'],
  email: ['email'],
  phone: ['phone'],
};

const probability = z.number().gt(0).lt(1);

const LevelSchema = z
  .object({
    label: z.string().min(1),
    kind: z.enum(LEVEL_KINDS),
    /** for jaroWinkler (0–1), withinDays (days), tokenOverlap (0–1), oneCharacter on a NINO (characters, 1–2) */
    threshold: z.number().optional(),
    /** P(level | match); null = not yet trained */
    m: probability.nullable(),
    /** P(level | non-match); null = not yet trained */
    u: probability.nullable(),
    /** P(level | non-match, same full postcode), for comparisons conditional on the postcode */
    uSamePostcode: probability.nullable().optional(),
    /** term-frequency adjustment on this level (exact levels): a common value weighs less */
    tf: z.boolean().optional(),
  })
  .strict();

const ComparisonSchema = z
  .object({
    name: z.string().min(1),
    field: z.enum(COMPARISON_FIELDS),
    description: z.string().optional(),
    /** m/u are given, never trained (e.g. the name-swap marker, which only realigns names) */
    fixed: z.boolean().optional(),
    /**
     * Household fields (surname, address) agree far more often between different people at one
     * postcode than between random people: such a comparison has a second u, measured within a
     * postcode, used when the postcodes agree, so shared family details are not counted twice.
     */
    conditionalOnPostcode: z.boolean().optional(),
    levels: z.array(LevelSchema).min(2),
  })
  .strict();

/** Fields a rule can be limited to pairs in which one record lacks (see `onlyIfMissing`). */
export const MISSABLE_FIELDS = ['dob', 'postcode'] as const;

const ruleFields = {
  name: z.string().min(1),
  keys: z.array(z.enum(BLOCKING_KEYS)).min(1),
  /**
   * Only pairs in which at least one record lacks this field: a rule that reaches the records
   * the rules keyed on that field cannot, without comparing everyone who shares a common name.
   */
  onlyIfMissing: z.enum(MISSABLE_FIELDS).optional(),
};

const NarrowRuleSchema = z.object(ruleFields).strict();

const BlockingRuleSchema = z
  .object({
    ...ruleFields,
    /**
     * A broad rule (date of birth alone) is cheap and catches much on a small data set, and
     * explodes on a large one. Above this many comparisons per record it gives way to `narrowTo`.
     */
    narrowAbove: z.number().positive().optional(),
    /** (empty: the rule is simply dropped when too broad) */
    narrowTo: z.array(NarrowRuleSchema).optional(),
  })
  .strict();

export const MatchSpecSchema = z
  .object({
    kind: z.literal('baseline-workbench/match-spec'),
    version: z.literal(1),
    linkType: z.enum(['link_and_dedupe', 'link_only', 'dedupe_only']),
    blockingRules: z.array(BlockingRuleSchema).min(1),
    /**
     * Rules whose pairs train m by EM, each training the comparisons it does not block on. Their
     * pairs are sampled (up to trainingSampleSize per rule), so a rule too broad to predict with
     * can still train.
     */
    trainingRules: z.array(NarrowRuleSchema),
    trainingSampleSize: z.number().int().min(1000),
    comparisons: z.array(ComparisonSchema).min(1),
    /** the prior: P(two random records match); null = estimate it */
    probabilityTwoRandomRecordsMatch: probability.nullable(),
    /** match probability at or above which a pair joins two records into one person */
    threshold: probability,
    /** pairs at or above this probability are stored with their explanations */
    pairFloor: probability,
    /** a block with more records than this is skipped (and reported): a placeholder value, not evidence */
    maxBlockSize: z.number().int().min(2),
    /** refuse to score more candidate pairs than this (a runaway blocking rule) */
    maxComparisons: z.number().int().min(1),
    /** random pairs sampled to estimate u */
    uSampleSize: z.number().int().min(1000),
    em: z.object({ maxIterations: z.number().int().min(1).max(1000), convergence: z.number().gt(0).lt(1) }).strict(),
    /** sources (by id) known to hold each person at most once */
    noDuplicatesWithinSources: z.array(z.number().int()),
    /**
     * Keep apart pairs that share a date of birth and a home but have plainly different forenames
     * (possible twins, twins.ts); absent means true. A human match decision still joins them.
     */
    keepPossibleTwinsApart: z.boolean().optional(),
    /** set once m/u/prior have been estimated from data */
    trainedAt: z.string().nullable(),
  })
  .strict();

export type MatchSpec = z.infer<typeof MatchSpecSchema>;
export type Comparison = MatchSpec['comparisons'][number];
export type ComparisonLevel = Comparison['levels'][number];
export type BlockingRule = MatchSpec['blockingRules'][number];

/** The index of the spec's comparison on a field, −1 when it has none. */
export function comparisonAt(spec: MatchSpec, field: ComparisonField): number {
  return spec.comparisons.findIndex((c) => c.field === field);
}

/** The index of the first level of a kind in comparison c, −1 when there is none (or no comparison c). */
export function levelAt(spec: MatchSpec, c: number, kind: LevelKind): number {
  return spec.comparisons[c]?.levels.findIndex((l) => l.kind === kind) ?? -1;
}

const level = (label: string, kind: LevelKind, m: number | null, u: number | null, extra: { threshold?: number; tf?: boolean } = {}): ComparisonLevel => ({
  label,
  kind,
  ...(extra.threshold !== undefined ? { threshold: extra.threshold } : {}),
  m,
  u,
  ...(extra.tf ? { tf: true } : {}),
});

/** Comparisons per record above which a broad default rule gives way to narrower ones. */
const NARROW_ABOVE = 8;

/**
 * The engine's default model, untrained: m values are EM starting points, u values are replaced
 * by random sampling. Used as is when a run has too little data to train.
 */
export function defaultMatchSpec(): MatchSpec {
  return {
    kind: 'baseline-workbench/match-spec',
    version: 1,
    linkType: 'link_and_dedupe',
    blockingRules: [
      { name: 'NHS number', keys: ['nhsNumber'] },
      { name: 'National Insurance number', keys: ['nino'] },
      { name: 'UPN', keys: ['upn'] },
      { name: 'other national identifier', keys: ['otherId'] },
      { name: 'e-mail', keys: ['email'] },
      { name: 'phone', keys: ['phone'] },
      {
        name: 'date of birth',
        keys: ['dob'],
        narrowAbove: NARROW_ABOVE,
        narrowTo: [
          { name: 'date of birth + forename initial', keys: ['dob', 'forenameInitial'] },
          { name: 'date of birth + surname initial', keys: ['dob', 'surnameInitial'] },
        ],
      },
      {
        name: 'surname sound + birth year',
        keys: ['surnamePhonetic', 'birthYear'],
        narrowAbove: NARROW_ABOVE,
        narrowTo: [],
      },
      {
        name: 'name sounds (either order)',
        keys: ['nameSounds'],
        narrowAbove: NARROW_ABOVE,
        narrowTo: [
          { name: 'name sounds + birth year', keys: ['nameSounds', 'birthYear'] },
          { name: 'name sounds + birthday', keys: ['nameSounds', 'birthMonthDay'] },
          { name: 'name sounds, a date of birth missing', keys: ['nameSounds'], onlyIfMissing: 'dob' },
        ],
      },
      { name: 'postcode + forename initial', keys: ['postcode', 'forenameInitial'] },
      { name: 'postcode + surname sound', keys: ['postcode', 'surnamePhonetic'] },
      // Where records have no postcode (a parish register, a list of names and towns) the address
      // is the place: it finds a forename keyed differently ("Iyabella"), which no name sound does.
      { name: 'address without a postcode + surname sound + forename initial', keys: ['place', 'surnamePhonetic', 'forenameInitial'] },
    ],
    // Rules whose pairs are mostly one person or strangers. Postcode rules are left out: their
    // pairs are full of families, whose shared surname and address would teach EM that
    // household members match.
    trainingRules: [
      { name: 'date of birth', keys: ['dob'] },
      { name: 'name sounds, either order', keys: ['nameSounds'] },
    ],
    trainingSampleSize: 300_000,
    comparisons: [
      {
        name: 'forename',
        field: 'forename',
        levels: [
          level('missing', 'null', null, null),
          level('exact', 'exact', 0.88, 0.005, { tf: true }),
          level('nickname (Bill / William)', 'nickname', 0.03, 0.0005),
          level('transliteration (Mohammed / Muhammad)', 'transliteration', 0.01, 0.0005),
          level("one is the other's middle name", 'middleName', 0.01, 0.0005),
          level('Jaro–Winkler ≥ 0.92', 'jaroWinkler', 0.03, 0.002, { threshold: 0.92 }),
          level('Jaro–Winkler ≥ 0.85', 'jaroWinkler', 0.015, 0.01, { threshold: 0.85 }),
          level('initial only', 'initial', 0.005, 0.003),
          level('different', 'else', 0.02, 0.98),
        ],
      },
      {
        name: 'surname',
        field: 'surname',
        conditionalOnPostcode: true,
        levels: [
          level('missing', 'null', null, null),
          level('exact', 'exact', 0.85, 0.003, { tf: true }),
          level('part of a double-barrelled name', 'hyphenPart', 0.03, 0.0005),
          level('previous surname', 'previousSurname', 0.01, 0.0001),
          level('transliteration (Hussain / Hussein)', 'transliteration', 0.01, 0.0005),
          level('Jaro–Winkler ≥ 0.92', 'jaroWinkler', 0.04, 0.002, { threshold: 0.92 }),
          level('Jaro–Winkler ≥ 0.85', 'jaroWinkler', 0.02, 0.01, { threshold: 0.85 }),
          level('different', 'else', 0.04, 0.98),
        ],
      },
      {
        name: 'forename/surname swapped',
        field: 'nameSwap',
        fixed: true,
        description: 'Marks pairs whose names agree only the other way round; the name comparisons then score the swapped names, so this level only costs a little.',
        levels: [level('missing', 'null', null, null), level('swapped', 'swapped', 0.5, 0.99), level('not swapped', 'else', 0.99, 0.99)],
      },
      {
        name: 'date of birth',
        field: 'dob',
        levels: [
          level('missing', 'null', null, null),
          level('exact', 'exact', 0.9, 0.00005),
          level('exact, 1 January (often a placeholder)', 'placeholderDate', 0.01, 0.00005),
          level('day and month swapped', 'dayMonthSwapped', 0.01, 0.00001),
          level('one digit different', 'oneDigit', 0.03, 0.0005),
          level('within a month', 'withinDays', 0.01, 0.001, { threshold: 31 }),
          // a year given as an age at an event ("aged 40" before the birthday) is one out
          level('a year apart, birthday within a month', 'yearApart', 0.01, 0.0005),
          level('same year', 'sameYear', 0.01, 0.01),
          // a burial register's age or a census's "c. 1790": the year is all there is to agree on
          level('same year, one given as a year only', 'yearOnly', 0.03, 0.0005),
          level('different', 'else', 0.02, 0.99),
        ],
      },
      {
        name: 'sex',
        field: 'sex',
        levels: [level('missing', 'null', null, null), level('same', 'exact', 0.97, 0.5), level('different', 'else', 0.03, 0.5)],
      },
      {
        name: 'postcode',
        field: 'postcode',
        levels: [
          level('missing', 'null', null, null),
          level('full postcode', 'exact', 0.7, 0.0002, { tf: true }),
          level('same sector', 'sector', 0.05, 0.002),
          level('same district', 'district', 0.05, 0.02),
          level('one character different', 'oneCharacter', 0.03, 0.002),
          level('different', 'else', 0.17, 0.97),
        ],
      },
      {
        name: 'address',
        field: 'address',
        conditionalOnPostcode: true,
        description: 'When the postcodes agree, u is measured within a postcode, so the address adds only what the postcode does not already say.',
        levels: [
          level('missing', 'null', null, null),
          level('same UPRN', 'uprn', 0.5, 0.02),
          level('same flat, number and street', 'flatNumberStreet', 0.3, 0.03),
          level('same number and street', 'numberStreet', 0.05, 0.02),
          level('most words shared', 'tokenOverlap', 0.05, 0.1, { threshold: 0.5 }),
          level('different', 'else', 0.1, 0.83),
        ],
      },
      {
        name: 'NHS number',
        field: 'nhsNumber',
        levels: [level('missing or invalid', 'null', null, null), level('both valid and equal', 'exact', 0.998, 0.000001), level('both valid, different', 'else', 0.002, 0.999999)],
      },
      {
        name: 'National Insurance number',
        field: 'nino',
        description: 'A NINO has no check digit, so a keying error makes another valid NINO: one or two characters different is a likely typo, and a different NINO counts against a pair without forbidding it.',
        levels: [
          level('missing or invalid', 'null', null, null),
          level('both valid and equal', 'exact', 0.95, 0.000001),
          level('one or two characters different', 'oneCharacter', 0.03, 0.00001, { threshold: 2 }),
          level('both valid, different', 'else', 0.02, 0.99998),
        ],
      },
      {
        name: 'UPN',
        field: 'upn',
        levels: [level('missing or invalid', 'null', null, null), level('both valid and equal', 'exact', 0.998, 0.000001), level('both valid, different', 'else', 0.002, 0.999999)],
      },
      {
        name: 'other national identifier',
        field: 'otherId',
        description: 'A national number with no check this app knows (a foreign social security number): weighed by training like any other field, so a different or mistyped number counts against a pair without ever forbidding it.',
        levels: [
          level('missing', 'null', null, null),
          level('equal', 'exact', 0.9, 0.0001, { tf: true }),
          level('one character different or two swapped', 'oneCharacter', 0.04, 0.001),
          level('different', 'else', 0.06, 0.9989),
        ],
      },
      {
        name: 'e-mail',
        field: 'email',
        conditionalOnPostcode: true,
        description: 'Contact details, not identity: a parent\'s e-mail is often given for a child, so within a postcode u is measured there, and a common address weighs less (TF).',
        levels: [
          level('missing', 'null', null, null),
          level('equal', 'exact', 0.8, 0.0001, { tf: true }),
          level('one character different or two swapped', 'oneCharacter', 0.05, 0.00005),
          level('different', 'else', 0.15, 0.9998),
        ],
      },
      {
        name: 'phone',
        field: 'phone',
        conditionalOnPostcode: true,
        description: 'Contact details, not identity: a family shares a landline and a parent\'s mobile is given for a child, so within a postcode u is measured there, and a common number weighs less (TF).',
        levels: [
          level('missing', 'null', null, null),
          level('equal', 'exact', 0.7, 0.0001, { tf: true }),
          level('one digit different or two swapped', 'oneCharacter', 0.05, 0.0001),
          level('different', 'else', 0.25, 0.9998),
        ],
      },
      // What a register says about the person besides names, dates and homes (a baptism gives
      // the father's forename, a census or burial an occupation). Compared only where some
      // record holds the field (link-persons drops the comparison otherwise, so partner data
      // pays nothing for it). An occupation changes over a life and is shared by many: its
      // "different" is trained and its exact level weighs by term frequency (LABOURER weighs
      // little). A father's forename never changes, but clerks wrote it as Wm or Jno.
      {
        name: 'occupation',
        field: 'occupation',
        levels: [
          level('missing', 'null', null, null),
          level('same', 'exact', 0.55, 0.05, { tf: true }),
          level('shares a word (agricultural labourer / labourer)', 'tokenOverlap', 0.1, 0.02, { threshold: 0.5 }),
          level('spelled alike (Jaro–Winkler ≥ 0.9)', 'jaroWinkler', 0.05, 0.005, { threshold: 0.9 }),
          level('different', 'else', 0.3, 0.925),
        ],
      },
      {
        name: "father's forename",
        field: 'fatherForename',
        levels: [
          level('missing', 'null', null, null),
          level('exact', 'exact', 0.85, 0.04, { tf: true }),
          level('nickname or contraction (Wm / William)', 'nickname', 0.05, 0.002),
          level('Jaro–Winkler ≥ 0.9', 'jaroWinkler', 0.04, 0.005, { threshold: 0.9 }),
          level('initial only', 'initial', 0.01, 0.01),
          level('different', 'else', 0.05, 0.943),
        ],
      },
    ],
    probabilityTwoRandomRecordsMatch: null,
    threshold: 0.9,
    pairFloor: 0.01,
    maxBlockSize: 5000,
    maxComparisons: 100_000_000,
    uSampleSize: 600_000,
    em: { maxIterations: 100, convergence: 0.00001 },
    noDuplicatesWithinSources: [],
    keepPossibleTwinsApart: true,
    trainedAt: null,
  };
}

/**
 * Parses a MatchSpec (from JSON text or a value) and checks what the schema cannot: level kinds
 * allowed for the field, null first and else last, thresholds where needed, names that resolve.
 * Throws a `bad-input` WorkbenchError naming the first problems by path.
 */
export function parseMatchSpec(input: unknown, where = 'the MatchSpec'): MatchSpec {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new WorkbenchError('bad-input', `${where} is not valid JSON (${(error as Error).message}).`);
    }
  }
  const parsed = MatchSpecSchema.safeParse(value);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 5)) problems.push(`${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new WorkbenchError('bad-input', `${where} is not a valid MatchSpec: ${problems.join('; ')}.`);
  }
  const spec = parsed.data;
  const names = new Set<string>();
  spec.comparisons.forEach((c, ci) => {
    const at = `comparisons.${ci} (${c.name})`;
    if (names.has(c.name)) problems.push(`${at}: the name is used twice`);
    names.add(c.name);
    const allowed = FIELD_LEVELS[c.field];
    c.levels.forEach((l, li) => {
      const lat = `${at}.levels.${li} (${l.label})`;
      if (!allowed.includes(l.kind)) problems.push(`${lat}: a ${c.field} comparison has no "${l.kind}" level (allowed: ${allowed.join(', ')})`);
      if (l.kind === 'null' && li !== 0) problems.push(`${lat}: the "null" level must come first`);
      if (l.kind === 'else' && li !== c.levels.length - 1) problems.push(`${lat}: the "else" level must come last`);
      if (l.kind === 'jaroWinkler' || l.kind === 'tokenOverlap') {
        if (l.threshold === undefined || !(l.threshold > 0 && l.threshold <= 1)) problems.push(`${lat}: needs a threshold between 0 and 1`);
      }
      if (l.kind === 'withinDays' && (l.threshold === undefined || !Number.isInteger(l.threshold) || l.threshold < 1 || l.threshold > 366)) {
        problems.push(`${lat}: needs a threshold of 1 to 366 days`);
      }
      if (l.kind !== 'null' && (c.fixed || spec.trainedAt) && (l.m === null || l.u === null)) problems.push(`${lat}: m and u must be given`);
    });
    if (c.levels[0]?.kind !== 'null') problems.push(`${at}: the first level must be "null" (missing values are neutral)`);
    if (c.levels[c.levels.length - 1]?.kind !== 'else') problems.push(`${at}: the last level must be "else"`);
    if (c.levels.length > 16) problems.push(`${at}: at most 16 levels`);
    if (c.conditionalOnPostcode && c.field === 'postcode') problems.push(`${at}: a postcode comparison cannot be conditional on the postcode`);
  });
  const ruleNames = new Set<string>();
  spec.blockingRules.forEach((r, ri) => {
    if (ruleNames.has(r.name)) problems.push(`blockingRules.${ri} (${r.name}): the name is used twice`);
    ruleNames.add(r.name);
    if ((r.narrowAbove === undefined) !== (r.narrowTo === undefined)) problems.push(`blockingRules.${ri} (${r.name}): narrowAbove and narrowTo go together`);
  });
  const trainingNames = new Set<string>();
  spec.trainingRules.forEach((r, i) => {
    if (trainingNames.has(r.name)) problems.push(`trainingRules.${i} (${r.name}): the name is used twice`);
    trainingNames.add(r.name);
  });
  if (spec.pairFloor > spec.threshold) problems.push('pairFloor: must not be above threshold');
  if (spec.comparisons.length > 24) problems.push('comparisons: at most 24');
  if (problems.length > 0) throw new WorkbenchError('bad-input', `${where} is not a valid MatchSpec: ${problems.slice(0, 5).join('; ')}.`);
  return spec;
}

/** log2 Bayes factor of a level (m/u); 0 for null levels or untrained values. */
export function levelWeight(l: ComparisonLevel): number {
  if (l.kind === 'null' || l.m === null || l.u === null) return 0;
  return Math.log2(l.m / l.u);
}
