// Family outcomes (payment by results, phase 1 framework): for each family attached on a date (the
// cohort qualifying then), each result measure from the events of successive extracts, with a
// status — achieved, on track, not yet, insufficient data (saying what is missing) or not
// applicable — and whether a result can be claimed in the window.
import { type Fact, FACTS, type FamilyOutcome, type OutcomeStatus, type OutcomesReport, type ProgrammeDefinition } from '../../../shared/ipc/channels/cohort.js';
import { disclose, type Disclosure } from '../geo/disclosure.js';
import type { Db } from '../store/database.js';
import { cohortFacts, parseAsOf } from './cohort.js';
import { ageOn, evaluate, factAvailable, monthsWindowStart, schoolAgeOf, termsWindowStart } from './evaluate.js';
import { type CohortFacts, FACT_CODE, isoOf, NO_DAY } from './facts.js';

export const MEASURES = [
  { id: 'education', label: 'Every child: fewer than 3 fixed-term exclusions and under 15% unauthorised absence over 3 terms' },
  { id: 'asb', label: '60% fall in the family’s anti-social behaviour over 6 months' },
  { id: 'youth_offending', label: '33% fall in offending by the family’s under-18s over 6 months' },
  { id: 'employment', label: 'An adult off out-of-work benefits into 13 weeks’ continuous work' },
  { id: 'progress_to_work', label: 'Progress to work (Work Programme or ESF provision)' },
] as const;

const code = (f: Parameters<typeof FACT_CODE.get>[0]): number => FACT_CODE.get(f)!;

function members(facts: CohortFacts, h: number): number[] {
  const out: number[] = [];
  for (let k = facts.memberStart[h]!; k < facts.memberStart[h + 1]!; k++) out.push(facts.memberList[k]!);
  return out;
}

/** Events of the given facts among persons, dated in [from, to], for which `who` holds. */
function countEvents(facts: CohortFacts, persons: number[], codes: number[], from: number, to: number, who: (p: number, day: number) => boolean): number {
  let n = 0;
  for (const p of persons) {
    for (let i = facts.eventStart[p]!; i < facts.eventStart[p + 1]!; i++) {
      if (!codes.includes(facts.evFact[i]!)) continue;
      const s = facts.evStart[i]!;
      if (s === NO_DAY || s < from || s > to || !who(p, s)) continue;
      n++;
    }
  }
  return n;
}

interface Measure {
  status: OutcomeStatus;
  detail: string;
}

/** A fall of at least `share` in events between the 6 months before attachment and the latest 6 months. */
function reduction(facts: CohortFacts, persons: number[], codes: number[], attached: number, asOf: number, share: number, who: (p: number, day: number) => boolean, what: string): Measure {
  const before = countEvents(facts, persons, codes, monthsWindowStart(attached, 6), attached, who);
  if (before === 0) return { status: 'not-applicable', detail: `No ${what} in the 6 months before attachment.` };
  const sinceStart = Math.max(attached + 1, monthsWindowStart(asOf, 6));
  const after = countEvents(facts, persons, codes, sinceStart, asOf, who);
  const full = monthsWindowStart(asOf, 6) > attached;
  const fall = 1 - after / before;
  const text = `${before} before attachment, ${after} in ${full ? 'the last 6 months' : 'the months since'} (${Math.round(fall * 100)}% fall; ${Math.round(share * 100)}% needed).`;
  if (fall >= share) return { status: full ? 'achieved' : 'on-track', detail: full ? text : `${text} The 6 months end ${isoOf(monthsWindowStart(attached, -6) - 1)}.` };
  return { status: 'not-yet', detail: text };
}

function educationMeasure(facts: CohortFacts, persons: number[], attached: number, asOf: number): Measure {
  if (!factAvailable(facts, 'attendance')) return { status: 'insufficient-data', detail: 'No source gives attendance by term (schools).' };
  const children = persons.filter((p) => schoolAgeOf(facts, p, asOf) === true);
  const unknown = persons.filter((p) => schoolAgeOf(facts, p, asOf) === null && facts.eventStart[p] !== facts.eventStart[p + 1]);
  if (children.length === 0) return unknown.length > 0 ? { status: 'insufficient-data', detail: 'A member has no date of birth: school age cannot be judged.' } : { status: 'not-applicable', detail: 'No child of compulsory school age.' };
  const from = termsWindowStart(asOf, 3);
  const attendance = code('attendance');
  let failing = 0;
  let withData = 0;
  for (const p of children) {
    let absent = 0;
    let possible = 0;
    for (let i = facts.eventStart[p]!; i < facts.eventStart[p + 1]!; i++) {
      if (facts.evFact[i] !== attendance) continue;
      const s = facts.evStart[i]!;
      if (s < from || s > asOf || !(facts.evPossible[i]! > 0)) continue;
      absent += facts.evValue[i]!;
      possible += facts.evPossible[i]!;
    }
    const exclusions = countEvents(facts, [p], [code('fixed-exclusion')], from, asOf, () => true);
    if (possible > 0) withData++;
    if (exclusions >= 3 || (possible > 0 && absent / possible >= 0.15)) failing++;
  }
  if (withData === 0) return { status: 'insufficient-data', detail: 'No attendance returns for the family’s children over the last 3 terms.' };
  const full = from > attached;
  if (failing > 0) return { status: 'not-yet', detail: `${failing} of ${children.length} children still at 3+ exclusions or 15%+ unauthorised absence.` };
  return full
    ? { status: 'achieved', detail: `All ${children.length} children under both thresholds for 3 terms since attachment.` }
    : { status: 'on-track', detail: `All ${children.length} children under both thresholds; 3 full terms after attachment are not over yet.` };
}

function employmentMeasure(facts: CohortFacts, persons: number[], attached: number, asOf: number): Measure {
  if (!factAvailable(facts, 'benefit-out-of-work')) return { status: 'insufficient-data', detail: 'No source gives benefit claims (DWP).' };
  const benefit = code('benefit-out-of-work');
  const onBenefit = (p: number, day: number): boolean => {
    for (let i = facts.eventStart[p]!; i < facts.eventStart[p + 1]!; i++) {
      if (facts.evFact[i] !== benefit) continue;
      const s = facts.evStart[i]!;
      const e = facts.evEnd[i]!;
      if (s !== NO_DAY && s <= day && (e === NO_DAY || e >= day)) return true;
    }
    return false;
  };
  const adults = persons.filter((p) => facts.personDob[p] !== NO_DAY && ageOn(facts.personDob[p]!, attached) >= 18 && onBenefit(p, attached));
  if (adults.length === 0) return { status: 'not-applicable', detail: 'No adult was on an out-of-work benefit at attachment.' };
  // the latest day each adult was on benefit; 13 weeks off since then is the most benefit data can say
  let longestOff = -1;
  for (const p of adults) {
    if (onBenefit(p, asOf)) continue;
    let lastOn = attached;
    for (let i = facts.eventStart[p]!; i < facts.eventStart[p + 1]!; i++) {
      if (facts.evFact[i] !== benefit) continue;
      const e = facts.evEnd[i]!;
      if (e !== NO_DAY && e > lastOn && e <= asOf) lastOn = e;
    }
    longestOff = Math.max(longestOff, asOf - lastOn);
  }
  if (longestOff < 0) return { status: 'not-yet', detail: `All ${adults.length} adults on out-of-work benefits at attachment still claim one.` };
  const weeks = Math.floor(longestOff / 7);
  return {
    status: 'insufficient-data',
    detail: `An adult has been off out-of-work benefits for ${weeks} weeks, but no source gives employment starts and duration (needed to show 13 weeks' continuous work).`,
  };
}

/** What each fact is called on a family's timeline; facts left out are not result measures. */
const TIMELINE: Partial<Record<Fact, string>> = {
  'asb-perpetrator': 'ASB incident',
  'asb-order': 'ASB order',
  'offence-proven': 'Offence (proven)',
  'offence-unproven': 'Offence (no proven outcome)',
  'fixed-exclusion': 'Fixed-term exclusion',
  'permanent-exclusion': 'Permanent exclusion',
  'benefit-out-of-work': 'Out-of-work benefit claim started',
};

function timelineOf(facts: CohortFacts, persons: number[], from: number, attached: number, asOf: number): FamilyOutcome['timeline'] {
  const out: FamilyOutcome['timeline'] = [];
  persons.forEach((p, k) => {
    for (let i = facts.eventStart[p]!; i < facts.eventStart[p + 1]!; i++) {
      const what = TIMELINE[FACTS[facts.evFact[i]!]!];
      if (!what) continue;
      const start = facts.evStart[i]!;
      const end = facts.evEnd[i]!;
      if (start !== NO_DAY && start >= from && start <= asOf) out.push({ date: isoOf(start), member: `Member ${k + 1}`, what, afterAttachment: start > attached });
      if (facts.evFact[i] === code('benefit-out-of-work') && end !== NO_DAY && end >= from && end <= asOf) out.push({ date: isoOf(end), member: `Member ${k + 1}`, what: 'Out-of-work benefit claim ended', afterAttachment: end > attached });
    }
  });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.member < b.member ? -1 : 1));
}

/** How far back a family's own attachment date is looked for: the criteria's own 12-month window. */
const LOOK_BACK_MONTHS = 12;

/**
 * Per family, the first month-end (in the 12 months up to the cohort's attachment date, and that
 * date itself) on which it met the programme's criteria: when it would have been attached had the
 * cohort been refreshed monthly. One evaluation per month, over every household at once.
 */
function firstQualified(facts: CohortFacts, definition: ProgrammeDefinition, attached: number, households: readonly number[]): Map<number, number> {
  const wanted = new Set(households);
  const out = new Map<number, number>();
  for (let k = LOOK_BACK_MONTHS; k >= 0 && out.size < wanted.size; k--) {
    const day = k === 0 ? attached : monthsWindowStart(attached, k) - 1;
    for (const f of evaluate(facts, definition, day).families) if (f.qualifies && wanted.has(f.household) && !out.has(f.household)) out.set(f.household, day);
  }
  return out;
}

export function familyOutcomes(
  db: Db,
  options: { name: string; version: number; definition: ProgrammeDefinition; asOf: string; attachedOn?: string; familyId?: string; perFamily?: boolean; disclosure: Disclosure },
): OutcomesReport {
  const facts = cohortFacts(db);
  const asOf = parseAsOf(options.asOf);
  const attached = options.attachedOn ? parseAsOf(options.attachedOn) : monthsWindowStart(asOf, 6) - 1;
  const cohortAttached = attached;
  const cohort = evaluate(facts, options.definition, attached).families.filter((f) => f.qualifies);
  const selected = options.familyId ? cohort.filter((f) => facts.householdIds[f.household] === options.familyId) : cohort;
  const asbCodes = [code('asb-perpetrator'), code('asb-order')];
  const offenceCodes = [code('offence-proven'), code('offence-unproven')];
  const attachedOf = options.perFamily ? firstQualified(facts, options.definition, attached, selected.map((f) => f.household)) : null;
  const families: FamilyOutcome[] = selected.map((f) => {
    const persons = members(facts, f.household);
    // Each family measured from the day it first met the criteria (per family), or the cohort's.
    const attached = attachedOf?.get(f.household) ?? cohortAttached;
    const minor = (p: number, day: number): boolean => facts.personDob[p] !== NO_DAY && ageOn(facts.personDob[p]!, day) < 18;
    const measures: FamilyOutcome['measures'] = [
      { ...MEASURES[0], ...educationMeasure(facts, persons, attached, asOf) },
      { ...MEASURES[1], ...(factAvailable(facts, 'asb-perpetrator') ? reduction(facts, persons, asbCodes, attached, asOf, 0.6, () => true, 'ASB incidents') : { status: 'insufficient-data' as const, detail: 'No source gives dated ASB incidents (police or council ASB team).' }) },
      { ...MEASURES[2], ...(factAvailable(facts, 'offence-proven') ? reduction(facts, persons, offenceCodes, attached, asOf, 0.33, minor, 'offences by under-18s') : { status: 'insufficient-data' as const, detail: 'No source gives youth offences (youth justice).' }) },
      { ...MEASURES[3], ...employmentMeasure(facts, persons, attached, asOf) },
      { ...MEASURES[4], status: 'insufficient-data', detail: 'No source gives Work Programme or ESF attachments (DWP).' },
    ];
    const s = (id: string): OutcomeStatus => measures.find((m) => m.id === id)!.status;
    const settled = (id: string): boolean => s(id) === 'achieved' || s(id) === 'not-applicable';
    const claimable = (settled('education') && settled('asb') && settled('youth_offending') && ['education', 'asb', 'youth_offending'].some((id) => s(id) === 'achieved')) || s('employment') === 'achieved';
    const timeline = options.disclosure === 'exact' ? timelineOf(facts, persons, monthsWindowStart(attached, 6), attached, asOf) : [];
    return { familyId: facts.householdIds[f.household]!, attachedOn: isoOf(attached), measures, claimable, timeline };
  });
  const totals: OutcomesReport['totals'] = {};
  for (const m of MEASURES) {
    const counts: Record<string, number> = {};
    for (const f of families) {
      const st = f.measures.find((x) => x.id === m.id)!.status;
      counts[st] = (counts[st] ?? 0) + 1;
    }
    totals[m.id] = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, disclose(v, options.disclosure)]));
  }
  return {
    programme: { name: options.name, version: options.version },
    asOf: options.asOf,
    attachedOn: isoOf(attached),
    families,
    totals,
    claimable: disclose(families.filter((f) => f.claimable).length, options.disclosure),
    claimWindow: { from: isoOf(attached + 1), to: options.asOf },
    disclosure: options.disclosure,
  };
}
