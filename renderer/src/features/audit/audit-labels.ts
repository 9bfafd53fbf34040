import type { AuditAction } from '../../../../shared/ipc/audit-actions.js';
import type { AuditRow, AuditVerdict, UserRow } from '../../../../shared/ipc/contract.js';
import { formatCount } from '../../components/format.js';
import { isRole, roleLabel } from '../settings/roles.js';

/** What the engine and the CLI write to the audit trail, in the words the trail shows (every action has one). */
export const ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  'store-created': 'Created the store',
  'store-backed-up': 'Backed up the store',
  'store-restored': 'Restored the store from a backup',
  'demo-created': 'Created demo data',
  login: 'Signed in',
  'locked-idle': 'Store locked after being left unused',
  import: 'Imported a file',
  'export-clusters': 'Exported clusters',
  'user-added': 'Added a user',
  'user-removed': 'Removed a user',
  'passphrase-changed': 'Changed their passphrase',
  'key-slots-sealed': 'Sealed the key file (users from before it must be added again)',
  'key-slot-refused': 'Refused a key slot the app did not write',
  'aggregates-key-made': "Gave co-ordinators an aggregates store of their own (older co-ordinator slots removed)",
  'inbox-taken-in': "Took in a partner's submission from the inbox",
  'inbox-refused': "Refused a partner's submission from the inbox",
  'aggregates-refresh-failed': "Could not prepare some of co-ordinators' figures",
  'audit-exported': 'Exported the audit trail',
  'lookup-import': 'Imported a postcode lookup',
  'lookup-unmatched': 'Listed postcodes the lookup could not place',
  'imd-import': 'Imported the Indices of Deprivation',
  'boundaries-import': 'Imported area boundaries',
  'area-create': 'Created an area',
  'area-add-lsoa': 'Added LSOAs to an area',
  'area-remove-lsoa': 'Removed LSOAs from an area',
  'area-delete': 'Deleted an area',
  'area-profile': 'Profiled an area',
  'link-run': 'Linked the records',
  'link-decision': 'Decided whether two records match',
  'export-pairs': 'Exported record pairs',
  'view-pair': 'Viewed two records to review them',
  'records-viewed': 'Viewed records',
  'matching-threshold': 'Changed the matching threshold',
  'source-purged': "Deleted a source's data",
  'source-remapped': "Read a source's stored rows again with another mapping",
  'dp-record-exported': 'Exported the data protection record',
  'quarantine-exported': 'Exported quarantined rows',
  'mapping-preset-saved': 'Saved a mapping preset',
  'mapping-preset-updated': 'Changed a mapping preset',
  'recovery-code-created': 'Created a recovery code',
  'passphrase-reset-with-recovery-code': 'Set a new passphrase with the recovery code',
  'cohort-evaluate': 'Evaluated a programme cohort',
  'cohort-export': 'Exported a programme cohort',
  'cohort-family-view': "Viewed a family's evidence",
  'outcomes-families': 'Reported family outcomes',
  'programme-copy': 'Copied a programme',
  'programme-save': 'Saved a programme version',
  'source-partner-set': 'Corrected the partner of a source',
  'partner-saved': 'Listed a partner organisation',
  'partner-renamed': 'Renamed or merged a partner organisation',
  'partner-removed': 'Took a partner organisation off the list',
  'indicator-save': 'Saved an indicator',
  'pack-built': 'Built a board pack',
  'pack-exported': 'Exported a board pack',
  'pack-template-deleted': 'Deleted a board pack template',
  'pack-template-saved': 'Saved a board pack template',
  'model-exported': 'Exported the matching model',
  'link-decision-cleared': 'Undid a review decision',
  'person-erased': 'Erased a person',
  'baseline-grid-export': 'Exported a people or households list',
  'person-search': 'Searched for people',
  'person-split': 'Split a record from a person',
  'subject-access-export': 'Exported a subject access file',
  'view-cluster': 'Viewed the records a pair would join',
  'view-household': 'Viewed a household',
  'view-person': 'Viewed a person',
  'household-merge': 'Merged two households',
  'household-split': 'Split a household',
};

/** A human label for an audit action; an action this version does not know is shown as-is. */
export function actionLabel(action: string): string {
  return Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action as AuditAction] : action;
}

/** Payload keys with their own label. Identifiers are shown as given, counts with separators. */
const DETAIL_LABELS: Readonly<Record<string, string>> = {
  sourceId: 'Source ID',
  presetId: 'Mapping preset ID',
  importId: 'Import ID',
  areaId: 'Area ID',
  rows: 'Rows',
  records: 'Records',
  quarantined: 'Quarantined',
  households: 'Households',
  files: 'Files',
  seed: 'Seed',
  role: 'Role',
  failedAttemptsBefore: 'Failed attempts before',
  events: 'Events',
  lsoas: 'LSOAs',
  releases: 'Releases',
  vintage: 'Vintage',
  unmatched: 'Unmatched',
  added: 'Added',
  removed: 'Removed',
  run: 'Run',
  rawRows: 'Raw rows',
  linkPairs: 'Record pairs',
  decisions: 'Decisions',
  personAssignments: 'Person assignments',
  users: 'Users',
  user: 'User',
  format: 'Format',
  replacedEarlierCode: 'Replaced an earlier code',
  recordA: 'First record ID',
  recordB: 'Second record ID',
  threshold: 'Link from (probability)',
  reviewFrom: 'Review from (probability)',
};

/** Keys whose numbers are identifiers or codes, never to be shown as "1,234". */
const RAW_NUMBER_KEYS = new Set(['seed', 'vintage', 'run', 'recordA', 'recordB', 'threshold', 'reviewFrom']);

export interface AuditDetail {
  key: string;
  label: string;
  value: string;
}

/** "failedAttemptsBefore" / "files_dropped" / "out-dir" → "Failed attempts before" etc. */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

function detailValue(key: string, value: AuditRow['payload'][string]): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    return RAW_NUMBER_KEYS.has(key) || /Id$/.test(key) ? String(value) : formatCount(value);
  }
  if (key === 'role' && isRole(value)) return roleLabel(value).toLowerCase();
  return value;
}

/** An event's payload (IDs and counts only) as labelled values, in the order the engine wrote them. */
export function auditDetails(payload: AuditRow['payload']): AuditDetail[] {
  return Object.entries(payload).map(([key, value]) => ({
    key,
    label: Object.hasOwn(DETAIL_LABELS, key) ? (DETAIL_LABELS[key] ?? key) : humaniseKey(key),
    value: detailValue(key, value),
  }));
}

/**
 * Who can be picked in the "User" filter: everyone with a key slot now, everyone who ever
 * acted in the trail (users since removed still appear there) and the current choice.
 */
export function actorOptions(users: readonly Pick<UserRow, 'user'>[], rows: readonly Pick<AuditRow, 'actor'>[], selected: string): string[] {
  const names = new Set<string>();
  for (const user of users) names.add(user.user);
  for (const row of rows) names.add(row.actor);
  if (selected) names.add(selected);
  return [...names].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }));
}

export interface VerdictText {
  heading: string;
  body: string;
}

const eventCount = (n: number): string => `${formatCount(n)} ${n === 1 ? 'event' : 'events'}`;

/** What the "Check the audit trail" panel says for a verdict from audit:verify. */
export function verdictText(verdict: AuditVerdict): VerdictText {
  if (verdict.ok) {
    return {
      heading: `${eventCount(verdict.events)}, unbroken`,
      body: 'Every event is linked to the one before it, none has been changed, and none is missing from the end.',
    };
  }
  const reason = verdict.problem?.reason ?? 'the engine did not say why';
  const where = verdict.problem?.id == null ? 'The check failed' : `Event ${verdict.problem.id} fails the check`;
  return {
    heading: 'The audit trail is broken',
    body: `${where}: ${reason}. ${eventCount(verdict.events)} checked.`,
  };
}

/** The line above the table: "Showing events 26 to 50 of 80", or why there is nothing to show. */
export function auditCountText(startRow: number, shown: number, total: number, filtered: boolean): string {
  if (total === 0) return filtered ? 'No events match these filters.' : 'The audit trail is empty.';
  if (shown === 0) return `No events on this page. There are ${eventCount(total)}${filtered ? ' that match these filters' : ''}.`;
  const range = `Showing events ${formatCount(startRow + 1)} to ${formatCount(startRow + shown)} of ${formatCount(total)}`;
  return filtered ? `${range} that match these filters` : range;
}
