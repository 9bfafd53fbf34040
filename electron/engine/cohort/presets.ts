// The read-only programme presets, each with where its rules come from (shared/docs/DOMAIN.md §1).
// Analysts copy one to edit it; the copy keeps every version it is saved in.
import type { Criterion, ProgrammeDefinition, Test } from '../../../shared/ipc/channels/cohort.js';

const months12 = { kind: 'months', length: 12 } as const;
const terms3 = { kind: 'terms', length: 3 } as const;
const onDate = { kind: 'on-date', length: 0 } as const;

const t = (id: string, label: string, rest: Omit<Test, 'id' | 'label'>): Test => ({ id, label, ...rest });

const CRIME_ASB_PHASE1: Criterion = {
  id: 'crime_asb',
  label: 'Crime and anti-social behaviour',
  tests: [
    t('youth-offence', 'An under-18 with a proven offence in the last 12 months', { fact: 'offence-proven', who: 'under-18', window: months12, measure: 'count', threshold: 1 }),
    t('asb-incident', 'A member responsible for an ASB incident in the last 12 months', { fact: 'asb-perpetrator', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
    t('asb-order', 'A member with an ASB order, injunction or contract in the last 12 months', { fact: 'asb-order', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
    t('housing-asb', 'A housing ASB case open in the last 12 months', { fact: 'housing-asb', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
  ],
};

const EDUCATION_PHASE1: Criterion = {
  id: 'education',
  label: 'Education',
  tests: [
    t('absence', 'A child of compulsory school age with 15% or more unauthorised absence over the last 3 terms', { fact: 'attendance', who: 'school-age', window: terms3, measure: 'rate', threshold: 15 }),
    t('fixed-exclusions', '3 or more fixed-term exclusions in the last 3 terms', { fact: 'fixed-exclusion', who: 'anyone', window: terms3, measure: 'count', threshold: 3 }),
    t('permanent-exclusion', 'Permanently excluded in the last 3 terms', { fact: 'permanent-exclusion', who: 'anyone', window: terms3, measure: 'count', threshold: 1 }),
    t('alternative-provision', 'In a pupil referral unit or alternative provision', { fact: 'alternative-provision', who: 'anyone', window: terms3, measure: 'count', threshold: 1 }),
  ],
};

const WORK_PHASE1: Criterion = {
  id: 'work',
  label: 'Work',
  tests: [t('out-of-work-benefit', 'An adult on an out-of-work benefit on the as-of date', { fact: 'benefit-out-of-work', who: 'adult', window: onDate, measure: 'open', threshold: 1 })],
};

const HEALTH_FILTER: Criterion = {
  id: 'local_filter',
  label: 'Local filter: health cause for concern',
  tests: [t('ae-3', 'A member with 3 or more A&E attendances in the last 12 months', { fact: 'ae-attendance', who: 'anyone', window: months12, measure: 'count', threshold: 3 })],
};

const PHASE_1: ProgrammeDefinition = {
  title: 'Troubled Families, phase 1 (2012–2015)',
  source:
    'DOMAIN.md §1.1: DCLG financial framework for the payment-by-results scheme (March 2012), criteria as councils implemented them (Barking & Dagenham; Havering). Qualifies with all three national criteria, or two plus the local filter.',
  criteria: [CRIME_ASB_PHASE1, EDUCATION_PHASE1, WORK_PHASE1],
  localFilter: HEALTH_FILTER,
  rule: { all: true, atLeast: 2, withLocalFilter: true, dependentChild: false },
  target: 730,
};

const PHASE_2: ProgrammeDefinition = {
  title: 'Troubled Families, phase 2 (2015–2020)',
  source: 'DOMAIN.md §1.2: six headline problems (Hansard written statement, 18 April 2017); a family needs at least two.',
  criteria: [
    {
      id: 'crime_asb',
      label: 'Parents or children involved in crime or anti-social behaviour',
      tests: [
        t('youth-offence', 'A proven offence by a 10–17-year-old in the last 12 months', { fact: 'offence-proven', who: 'under-18', window: months12, measure: 'count', threshold: 1 }),
        t('asb', 'An ASB incident caused by a member in the last 12 months', { fact: 'asb-perpetrator', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
        t('asb-order', 'An ASB order, injunction or contract in the last 12 months', { fact: 'asb-order', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
        t('housing-asb', 'A housing ASB case in the last 12 months', { fact: 'housing-asb', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
        t('crime', 'A member suspected of a crime in the last 12 months', { fact: 'crime-suspect', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
      ],
    },
    {
      id: 'education',
      label: 'Children not attending school regularly',
      tests: [
        t('absence', 'Unauthorised absence of 10% or more over the last 3 terms', { fact: 'attendance', who: 'school-age', window: terms3, measure: 'rate', threshold: 10 }),
        t('fixed-exclusions', '3 or more fixed-term exclusions in the last 3 terms', { fact: 'fixed-exclusion', who: 'anyone', window: terms3, measure: 'count', threshold: 3 }),
        t('permanent-exclusion', 'Permanently excluded in the last 3 terms', { fact: 'permanent-exclusion', who: 'anyone', window: terms3, measure: 'count', threshold: 1 }),
        t('alternative-provision', 'In alternative provision', { fact: 'alternative-provision', who: 'anyone', window: terms3, measure: 'count', threshold: 1 }),
      ],
    },
    {
      id: 'children_need_help',
      label: 'Children who need help (child in need, child protection plan)',
      tests: [t('cin-cp', 'A child in need or on a child protection plan', { fact: 'child-in-need', who: 'under-18', window: months12, measure: 'count', threshold: 1 })],
    },
    {
      id: 'work',
      label: 'Adults out of work or at risk of financial exclusion',
      tests: [
        t('out-of-work-benefit', 'An adult on an out-of-work benefit on the as-of date', { fact: 'benefit-out-of-work', who: 'adult', window: onDate, measure: 'open', threshold: 1 }),
        t('rent-arrears', 'Rent arrears on a tenancy', { fact: 'rent-arrears', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
      ],
    },
    {
      id: 'domestic_abuse',
      label: 'Families affected by domestic violence or abuse',
      tests: [t('da-incident', 'A domestic abuse incident in the last 12 months', { fact: 'domestic-abuse', who: 'anyone', window: months12, measure: 'count', threshold: 1 })],
    },
    {
      id: 'health',
      label: 'Parents or children with a range of health problems',
      tests: [
        t('mental-health', 'An A&E attendance for mental health or self-harm in the last 12 months', { fact: 'ae-mental-health', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
        t('ae-3', '3 or more A&E attendances in the last 12 months', { fact: 'ae-attendance', who: 'anyone', window: months12, measure: 'count', threshold: 3 }),
      ],
    },
  ],
  localFilter: null,
  rule: { all: false, atLeast: 2, withLocalFilter: false, dependentChild: false },
  target: null,
};

const SUPPORTING: ProgrammeDefinition = {
  title: 'Supporting Families (2022–2025)',
  source: 'DOMAIN.md §1.3: National Supporting Families Outcome Framework, ten headline outcomes; a family needs at least three needs and dependent children.',
  criteria: [
    {
      id: 'education',
      label: 'Getting a good education',
      tests: [
        t('absence', 'Unauthorised absence of 10% or more over the last 3 terms', { fact: 'attendance', who: 'school-age', window: terms3, measure: 'rate', threshold: 10 }),
        t('exclusion', 'An exclusion in the last 3 terms', { fact: 'fixed-exclusion', who: 'anyone', window: terms3, measure: 'count', threshold: 1 }),
        t('permanent-exclusion', 'Permanently excluded in the last 3 terms', { fact: 'permanent-exclusion', who: 'anyone', window: terms3, measure: 'count', threshold: 1 }),
      ],
    },
    { id: 'early_years', label: 'Good early years development', tests: [t('early-years', 'Early years development concern', { fact: 'early-years', who: 'under-18', window: months12, measure: 'count', threshold: 1 })] },
    {
      id: 'health',
      label: 'Improved mental and physical health',
      tests: [
        t('mental-health', 'An A&E attendance for mental health or self-harm in the last 12 months', { fact: 'ae-mental-health', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
        t('ae-3', '3 or more A&E attendances in the last 12 months', { fact: 'ae-attendance', who: 'anyone', window: months12, measure: 'count', threshold: 3 }),
      ],
    },
    { id: 'substance_use', label: 'Better managed substance use', tests: [t('ae-substance', 'An A&E attendance for alcohol or drugs in the last 12 months', { fact: 'ae-substance', who: 'anyone', window: months12, measure: 'count', threshold: 1 })] },
    { id: 'family_relationships', label: 'Improved family relationships', tests: [t('cin', 'Family relationship concern recorded by children’s services', { fact: 'child-in-need', who: 'anyone', window: months12, measure: 'count', threshold: 1 })] },
    { id: 'safe_from_abuse', label: 'Children safe from abuse and exploitation', tests: [t('cp', 'A child in need or on a child protection plan', { fact: 'child-in-need', who: 'under-18', window: months12, measure: 'count', threshold: 1 })] },
    {
      id: 'crime_asb',
      label: 'Families diverted from crime',
      tests: [
        t('youth-offence', 'A proven offence by an under-18 in the last 12 months', { fact: 'offence-proven', who: 'under-18', window: months12, measure: 'count', threshold: 1 }),
        t('asb', 'An ASB incident caused by a member in the last 12 months', { fact: 'asb-perpetrator', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
        t('crime', 'A member suspected of a crime in the last 12 months', { fact: 'crime-suspect', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
      ],
    },
    { id: 'domestic_abuse', label: 'Safe from domestic abuse', tests: [t('da-incident', 'A domestic abuse incident in the last 12 months', { fact: 'domestic-abuse', who: 'anyone', window: months12, measure: 'count', threshold: 1 })] },
    {
      id: 'housing',
      label: 'Secure housing',
      tests: [
        t('housing-asb', 'A housing ASB case in the last 12 months', { fact: 'housing-asb', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
        t('rent-arrears', 'Rent arrears on a tenancy', { fact: 'rent-arrears', who: 'anyone', window: months12, measure: 'count', threshold: 1 }),
      ],
    },
    { id: 'work', label: 'Financial stability', tests: [t('out-of-work-benefit', 'An adult on an out-of-work benefit on the as-of date', { fact: 'benefit-out-of-work', who: 'adult', window: onDate, measure: 'open', threshold: 1 })] },
  ],
  localFilter: null,
  rule: { all: false, atLeast: 3, withLocalFilter: false, dependentChild: true },
  target: null,
};

export const PRESETS: ReadonlyMap<string, ProgrammeDefinition> = new Map([
  ['troubled-families-phase-1', PHASE_1],
  ['troubled-families-phase-2', PHASE_2],
  ['supporting-families', SUPPORTING],
]);
