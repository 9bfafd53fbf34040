import { formatCount } from '../../components/format.js';

/**
 * What the records grid says about its rows. An empty grid under a filter means no record
 * matches it, not that nothing has been imported: saying "No records yet" there sent people to
 * import files they already had.
 */
export function recordsCountMessage(total: number | null, filtered: boolean): string {
  if (total === null) return 'Loading records…';
  if (total === 0) return filtered ? 'No records match these filters.' : 'No records yet. Import a file or create demo data to see them here.';
  return `${formatCount(total)} ${total === 1 ? 'record' : 'records'}`;
}
