// Plain-English wording for the data protection record, kept apart from the components so it
// can be tested without a browser.
import type { DataProtectionRecord, DpSource, ProcessingCategory } from '../../../../shared/ipc/channels/governance.js';
import { formatCount } from '../../components/format.js';

export const CATEGORY_LABELS: Readonly<Record<ProcessingCategory, string>> = {
  import: 'Imports',
  link: 'Linking',
  export: 'Exports',
  purge: 'Deletions',
  users: 'Users and access',
};

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** "2 rows, 2 records, 0 quarantined": what the source holds, in counts. */
export function sourceCounts(source: Pick<DpSource, 'rows' | 'records' | 'quarantined'>): string {
  return `${plural(source.rows, 'row', 'rows')} read, ${plural(source.records, 'record', 'records')}, ${formatCount(source.quarantined)} quarantined`;
}

/** What the retention line says, and whether it needs action now. */
export function retentionText(source: Pick<DpSource, 'retentionUntil' | 'overdue'>): string {
  if (source.retentionUntil === null) return 'No retention date recorded';
  return source.overdue ? `Past its retention date (${source.retentionUntil}): delete it` : `Keep until ${source.retentionUntil}`;
}

/** The line under the heading: how much the record covers. */
export function recordSummary(record: DataProtectionRecord): string {
  const overdue = record.sources.filter((s) => s.overdue).length;
  const parts = [plural(record.sources.length, 'source', 'sources'), plural(record.users.length, 'user', 'users')];
  if (overdue > 0) parts.push(`${plural(overdue, 'source', 'sources')} past the retention date`);
  return parts.join(', ');
}

/** Whether the typed confirmation matches the file name (surrounding spaces ignored, as the engine does). */
export function confirmationMatches(typed: string, fileName: string): boolean {
  return typed.trim() === fileName;
}
