// Indicators as data: the presets for the council's own measures of how lives are improving,
// and the ones analysts define, kept with every saved version (the latest is used).
import { IndicatorDefinition, type IndicatorRow } from '../../../shared/ipc/channels/outcomes.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';

export type { IndicatorDefinition, IndicatorRow };

/** Out-of-work benefits as partners name them (Universal Credit includes some people in work: the extract does not say which). */
const OUT_OF_WORK = ["Jobseeker", 'JSA', 'Employment and Support', 'ESA', 'Income Support', 'Incapacity', 'Universal Credit', 'Severe Disablement'];

export const PRESET_INDICATORS: readonly IndicatorDefinition[] = [
  {
    name: 'persistent-absence',
    label: 'Children with persistent absence',
    description: 'Children of school age (5–15) missing at least 10% of possible sessions in a term (authorised and unauthorised absence), per 1,000 children.',
    count: 'people',
    eventKinds: ['attendance'],
    categories: [],
    rule: 'absence-rate',
    absenceThreshold: 0.1,
    ageMin: 5,
    ageMax: 15,
    denominator: 'children',
  },
  {
    name: 'out-of-work-benefits',
    label: 'Adults on out-of-work benefits',
    description: 'Adults aged 16–64 with an out-of-work benefit spell open on the last day of the period (JSA, ESA, Income Support, Incapacity Benefit, Universal Credit), per 1,000 working-age people. Universal Credit includes some claimants in work.',
    count: 'people',
    eventKinds: ['benefit-spell'],
    categories: OUT_OF_WORK,
    rule: 'open-at-period-end',
    ageMin: 16,
    ageMax: 64,
    denominator: 'working-age',
  },
  {
    name: 'asb-incidents',
    label: 'Anti-social behaviour incidents',
    description: 'Anti-social behaviour incidents recorded by the police in the period, per 1,000 residents.',
    count: 'events',
    eventKinds: ['asb-incident'],
    categories: ['ASB', 'anti-social', 'antisocial', 'anti social', 'nuisance'],
    rule: 'in-period',
    denominator: 'total',
  },
  {
    name: 'youth-offences',
    label: 'Offences by young people',
    description: 'Offences by young people aged 10–17 recorded by the youth justice service in the period, per 1,000 residents.',
    count: 'events',
    eventKinds: ['offence'],
    categories: [],
    rule: 'in-period',
    ageMin: 10,
    ageMax: 17,
    denominator: 'total',
  },
  {
    name: 'ae-attendances',
    label: 'A&E attendances',
    description: 'Attendances at accident and emergency in the period, per 1,000 residents.',
    count: 'events',
    eventKinds: ['ae-attendance'],
    categories: [],
    rule: 'in-period',
    denominator: 'total',
  },
];

const presetRow = (d: IndicatorDefinition): IndicatorRow => ({ ...d, preset: true, version: 1, savedAt: null, savedBy: null });

/** Every indicator: the presets, then the analysts' own (their latest version each). */
export function listIndicators(db: Db): IndicatorRow[] {
  const rows = db
    .prepare(
      `SELECT name, version, definition_json, saved_at, saved_by FROM outcome_indicator o
       WHERE version = (SELECT max(version) FROM outcome_indicator WHERE name = o.name) ORDER BY name`,
    )
    .all() as Array<{ name: string; version: number; definition_json: string; saved_at: string; saved_by: string }>;
  const own = rows.map((r): IndicatorRow => ({ ...IndicatorDefinition.parse(JSON.parse(r.definition_json)), preset: false, version: r.version, savedAt: r.saved_at, savedBy: r.saved_by }));
  return [...PRESET_INDICATORS.map(presetRow), ...own];
}

export function getIndicator(db: Db, name: string): IndicatorRow {
  const found = listIndicators(db).find((i) => i.name === name);
  if (!found) throw new WorkbenchError('not-found', `There is no indicator named "${name}" (see indicator list).`);
  return found;
}

/** Saves an analyst's indicator as a new version; a preset's name cannot be reused. */
export function saveIndicator(db: Db, input: unknown, user: string): IndicatorRow {
  const parsed = IndicatorDefinition.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkbenchError('bad-input', `The indicator definition is not valid: ${issue ? `${issue.path.join('.') || 'definition'}: ${issue.message}` : 'unreadable'}.`);
  }
  const def = parsed.data;
  if (PRESET_INDICATORS.some((p) => p.name === def.name)) throw new WorkbenchError('conflict', `"${def.name}" is a preset indicator; give yours another name.`);
  if (def.ageMin !== undefined && def.ageMax !== undefined && def.ageMin > def.ageMax) throw new WorkbenchError('bad-input', 'The indicator\'s lowest age is above its highest age.');
  if (def.rule === 'absence-rate' && !def.eventKinds.includes('attendance')) throw new WorkbenchError('bad-input', 'An absence-rate indicator counts attendance events.');
  const version = ((db.prepare('SELECT max(version) AS v FROM outcome_indicator WHERE name = ?').get(def.name) as { v: number | null }).v ?? 0) + 1;
  const savedAt = new Date().toISOString();
  db.prepare('INSERT INTO outcome_indicator(name, version, definition_json, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)').run(def.name, version, JSON.stringify(def), savedAt, user);
  return { ...def, preset: false, version, savedAt, savedBy: user };
}
