// How partners' wording of event types becomes programme facts, and the calendar the rules use.
import { describe, expect, it } from 'vitest';
import { classifyEvent } from '../../electron/engine/cohort/classify.js';
import { compulsorySchoolAge, monthsWindowStart, termsWindowStart } from '../../electron/engine/cohort/evaluate.js';
import { dayOf, isoOf } from '../../electron/engine/cohort/facts.js';

const facts = (kind: string, category: string | null, detail: Record<string, string> = {}) => classifyEvent({ kind, category, detail });

describe('classifying events by their content', () => {
  it('knows out-of-work benefits by name or code, and in-work benefits apart', () => {
    for (const c of ['JSA', "Jobseeker's Allowance", 'ESA', 'Employment and Support Allowance', 'IS', 'Income Support', 'UC', 'Universal Credit', 'Incapacity Benefit', 'JSA (IB)']) {
      expect(facts('benefit-spell', c), c).toEqual(['benefit-out-of-work']);
    }
    for (const c of ['Working Tax Credit', 'Child Benefit', 'PIP', 'Housing Benefit', "Carer's Allowance"]) expect(facts('benefit-spell', c), c).toEqual(['benefit-other']);
    // the type can sit in a detail column when no category column was found
    expect(facts('benefit-spell', null, { 'Benefit Code': 'ESA' })).toEqual(['benefit-out-of-work']);
  });

  it('tells fixed-term from permanent exclusions whatever the school system calls them', () => {
    for (const c of ['Fixed', 'FTE', 'Fixed Term', 'Suspension (fixed period)', 'Fixed period exclusion']) expect(facts('exclusion', c), c).toEqual(['fixed-exclusion']);
    for (const c of ['Permanent', 'Permanent exclusion', 'PEX', 'Perm']) expect(facts('exclusion', c), c).toEqual(['permanent-exclusion']);
  });

  it('counts a caution or a sentence as a proven offence, not a pending case or a community resolution', () => {
    for (const o of ['Youth Caution', 'Youth Conditional Caution', 'Referral Order', 'Youth Rehabilitation Order', 'Conditional Discharge', 'Fine', 'Detention and Training Order', 'Convicted']) {
      expect(facts('offence', 'Theft', { Outcome: o }), o).toEqual(['offence-proven']);
    }
    for (const o of ['Awaiting outcome', 'Community Resolution', 'NFA', 'No further action', 'Not guilty', 'Pending']) expect(facts('offence', 'Theft', { Outcome: o }), o).toEqual(['offence-unproven']);
    expect(facts('offence', 'Theft', {})).toEqual(['offence-unproven']);
    // a youth justice list whose only type column is the disposal
    expect(facts('offence', 'Youth Caution', {})).toEqual(['offence-proven']);
    expect(facts('offence', 'Breach of order', {})).toEqual(['offence-unproven']);
  });

  it('counts ASB against the person who caused it, not its victim or a witness', () => {
    expect(facts('asb-incident', 'ASB - Nuisance', { Involvement: 'Suspect' })).toEqual(['asb-perpetrator']);
    expect(facts('asb-incident', 'ASB - Personal', { Involvement: 'Victim' })).toEqual([]);
    expect(facts('asb-incident', 'Anti-social behaviour', { Role: 'Witness' })).toEqual([]);
    // an ASB team's list names only those responsible
    expect(facts('asb-incident', 'Anti social behaviour', {})).toEqual(['asb-perpetrator']);
    expect(facts('asb-incident', 'Criminal Behaviour Order', {})).toEqual(['asb-order']);
    expect(facts('asb-incident', 'ASB Injunction', {})).toEqual(['asb-order']);
    expect(facts('asb-incident', 'Domestic Incident', { Involvement: 'Victim' })).toEqual(['domestic-abuse']);
    expect(facts('asb-incident', 'Criminal Damage', { Involvement: 'Suspect' })).toEqual(['crime-suspect']);
    expect(facts('asb-case', null)).toEqual(['housing-asb']);
    // the involvement read as the event's type, the incident's type left as a detail
    expect(facts('asb-incident', 'Suspect', { 'Incident Type': 'ASB - Nuisance' })).toEqual(['asb-perpetrator']);
    expect(facts('asb-incident', 'Victim', { 'Incident Type': 'ASB - Nuisance' })).toEqual([]);
  });

  it('reads an A&E visit for self-harm or alcohol as a health concern too', () => {
    expect(facts('ae-attendance', 'Self-harm')).toEqual(['ae-attendance', 'ae-mental-health']);
    expect(facts('ae-attendance', 'Alcohol intoxication')).toEqual(['ae-attendance', 'ae-substance']);
    expect(facts('ae-attendance', 'Fever')).toEqual(['ae-attendance']);
  });
});

describe('the calendar of the rules', () => {
  const d = dayOf;
  it('takes the 12 months to the as-of date and the last three school terms', () => {
    expect(isoOf(monthsWindowStart(d('2025-03-31'), 12))).toBe('2024-04-01');
    expect(isoOf(monthsWindowStart(d('2025-03-31'), 6))).toBe('2024-10-01');
    expect(isoOf(termsWindowStart(d('2025-03-31'), 3))).toBe('2024-04-15');
    expect(isoOf(termsWindowStart(d('2024-11-05'), 3))).toBe('2024-01-01');
    expect(isoOf(termsWindowStart(d('2024-06-01'), 1))).toBe('2024-04-15');
  });

  it('knows compulsory school age: from the prescribed day after the fifth birthday to the June of the year they turn 16', () => {
    expect(compulsorySchoolAge(d('2019-10-10'), d('2025-03-31'))).toBe(true); // five in October: from 31 December
    expect(compulsorySchoolAge(d('2020-03-31'), d('2025-03-31'))).toBe(true); // five on a prescribed day
    expect(compulsorySchoolAge(d('2020-04-01'), d('2025-03-31'))).toBe(false); // five from 1 April: from 31 August
    expect(compulsorySchoolAge(d('2009-05-01'), d('2025-03-31'))).toBe(true); // year 11
    expect(compulsorySchoolAge(d('2009-05-01'), d('2025-07-01'))).toBe(false); // left after June
    expect(compulsorySchoolAge(d('2008-10-01'), d('2025-03-31'))).toBe(true); // turns 16 in year 11
    expect(compulsorySchoolAge(d('2008-08-15'), d('2025-03-31'))).toBe(false); // turned 16 by the end of last year's year 11
  });
});
