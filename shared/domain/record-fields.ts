// Record fields a column can be mapped to (DESIGN §3 Record). `ignore` keeps the cells raw only;
// `drop` is minimisation: the cells are never stored.
export const PERSON_FIELDS = [
  'forename',
  'middle_names',
  'surname',
  'full_name',
  'title',
  'dob',
  'age',
  'sex',
  'address',
  'address_line',
  'town',
  'postcode',
  'uprn',
  'nhs_number',
  'nino',
  'upn',
  'other_id',
  'agency_ref',
  'person_ref',
  'previous_surname',
  'email',
  'phone',
  'occupation',
  'father_forename',
  'relative_name',
  'relative_forename',
  'relative_surname',
  'relative_relationship',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const COLUMN_ROLES = [...PERSON_FIELDS, 'event_date', 'event_end_date', 'event_category', 'event_value', 'event', 'year_group', 'ignore', 'drop'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const SOURCE_KINDS = [
  'school',
  'police',
  'youth-justice',
  'benefits',
  'housing',
  'health',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const ROLE_LABELS: Record<ColumnRole, string> = {
  forename: 'First name',
  middle_names: 'Middle names',
  surname: 'Last name',
  full_name: 'Full name',
  title: 'Title',
  dob: 'Date of birth',
  age: 'Age',
  sex: 'Sex',
  address: 'Address (whole)',
  address_line: 'Address line',
  town: 'Town',
  postcode: 'Postcode',
  uprn: 'UPRN',
  nhs_number: 'NHS number',
  nino: 'National Insurance number',
  upn: 'Unique pupil number',
  other_id: 'Other national identifier (no check digit)',
  agency_ref: "Agency's own reference",
  person_ref: "The partner's own number for the person",
  previous_surname: 'Previous or birth surname',
  email: 'E-mail address',
  phone: 'Phone number',
  occupation: 'Occupation',
  father_forename: "Father's forename",
  relative_name: "A relative's name (next of kin, parent or carer)",
  relative_forename: "A relative's forename or initial",
  relative_surname: "A relative's surname",
  relative_relationship: "The relative's relationship to the person",
  event_date: 'Event date',
  event_end_date: 'Event end date',
  event_category: 'Event type or category',
  event_value: 'Event count or amount',
  event: 'Event detail',
  year_group: 'Year group (national curriculum year)',
  ignore: 'Keep, not used',
  drop: 'Not needed (do not store)',
};

/** What an Event (a dated fact from a partner's extract, linked to its Record) records. */
export const EVENT_KINDS = [
  'attendance',
  'exclusion',
  'alternative-provision',
  'asb-incident',
  'offence',
  'benefit-spell',
  'tenancy',
  'asb-case',
  'ae-attendance',
  'event',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
