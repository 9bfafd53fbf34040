import { basename, extname } from 'node:path';
import type { ColumnRole, SourceKind } from '../../../shared/domain/record-fields.js';

const KIND_WORDS: Array<[SourceKind, RegExp]> = [
  ['school', /\b(school|pupils?|upn|census|exclusions?|sessions?|absences?|unauthorised|pru|education|year group|ncy)\b/g],
  ['youth-justice', /\b(youth|yot|yjs|offen[cs]es?|offending|disposal|court)\b/g],
  ['police', /\b(police|asb|incident|crime|occurrence|antisocial|anti social)\b/g],
  ['benefits', /\b(benefits?|claim|claimant|universal credit|jsa|esa|dwp|nino|housing benefit|council tax)\b/g],
  ['housing', /\b(housing|tenancy|tenant|rent|arrears|landlord|homeless(ness)?|eviction)\b/g],
  ['health', /\b(health|nhs|patients?|a e|ae|hospital|gp|ambulance|admissions?|emergency|ed|diagnosis|triage)\b/g],
];

const words = (text: string): string => ` ${text.toLowerCase().replace(/&/g, ' ').replace(/[^a-z0-9]+/g, ' ')} `;

/** Identifiers only one kind of agency keys its people by. */
const KIND_BY_ROLE: ReadonlyArray<[ColumnRole, SourceKind]> = [['upn', 'school'], ['year_group', 'school'], ['nino', 'benefits'], ['nhs_number', 'health']];

/**
 * Guesses the agency kind from the file name (which weighs most) and the headers; when neither
 * says anything (a file with no header under a neutral name), from the identifiers its columns
 * were found to hold.
 */
export function guessKind(fileName: string, headers: string[], roles: readonly ColumnRole[] = []): SourceKind {
  const name = words(basename(fileName, extname(fileName)));
  const head = words(headers.join(' | '));
  let best: SourceKind = 'other';
  let bestHits = 0;
  for (const [kind, pattern] of KIND_WORDS) {
    const hits = 3 * (name.match(pattern)?.length ?? 0) + (head.match(pattern)?.length ?? 0);
    if (hits > bestHits) {
      best = kind;
      bestHits = hits;
    }
  }
  if (best === 'other') for (const [role, kind] of KIND_BY_ROLE) if (roles.includes(role)) return kind;
  return best;
}

/** "demo-police_asb-2024-03.xlsx" → "Police asb": a starting point the user can edit. */
export function guessPartner(fileName: string): string {
  const words = basename(fileName, extname(fileName))
    .replace(/^demo[-_ ]/i, '')
    // a month or day is two digits standing alone: "FY2425_2025-05" is a year span, then a month
    .replace(/[-_ .]?\d{4}([-_ .]?\d{2}(?!\d)){0,2}/g, ' ')
    .replace(/[-_.]+/g, ' ')
    .trim();
  if (!words) return 'Unknown partner';
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}
