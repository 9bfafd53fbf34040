// Plain words for cohort figures: a withheld count, a criterion status, an outcome status.

/** A count as it may be shown: withheld counts read "withheld" (under 10, or withheld so that one under 10 cannot be worked out from the total). */
export function countText(n: number | null): string {
  return n === null ? 'withheld' : n.toLocaleString('en-GB');
}

export const STATUS_TEXT: Record<string, string> = {
  met: 'Met',
  'not-met': 'Not met',
  'no-data': 'No data',
  undetermined: 'Cannot be judged',
  achieved: 'Achieved',
  'on-track': 'On track',
  'not-yet': 'Not yet',
  'insufficient-data': 'Insufficient data',
  'not-applicable': 'Not applicable',
};

/** "crime_asb+work+local_filter" with the programme's own labels. */
export function combinationText(key: string, labels: ReadonlyMap<string, string>): string {
  if (key === 'none') return 'None';
  return key
    .split('+')
    .map((id) => labels.get(id) ?? id)
    .join(' + ');
}

export const enGbDate = (iso: string | null): string => (iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { timeZone: 'UTC' }) : '–');
