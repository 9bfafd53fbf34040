// Where the figures come from: each partner extract with its as-of date and coverage (rows,
// records read, rows quarantined). File names are left out: they are typed by partners.
import type { RawRow } from '../model.js';
import type { SectionModule } from './context.js';

export const dataSourcesSection: SectionModule = {
  id: 'data-sources',
  title: 'Data sources',
  purpose: 'Each partner extract with its as-of date and how much of it could be read.',
  build({ providers }) {
    const title = 'Data sources';
    const sources = providers.baseline.sources();
    if (sources.length === 0) return { id: 'data-sources', title, blocks: [{ type: 'no-data', text: 'No partner extracts have been imported yet.' }] };
    const rows: RawRow[] = sources.map((s) => ({ cells: { partner: s.partner, kind: s.kind, asOf: s.asOf, rows: s.rows, records: s.records, quarantined: s.quarantined } }));
    const sum = (k: 'rows' | 'records' | 'quarantined'): number => sources.reduce((n, s) => n + s[k], 0);
    rows.push({ total: true, cells: { partner: 'All extracts', kind: null, asOf: null, rows: sum('rows'), records: sum('records'), quarantined: sum('quarantined') } });
    return {
      id: 'data-sources',
      title,
      blocks: [
        { type: 'paragraph', text: 'Every figure in this pack is built from these extracts as they were imported. Rows that could not be read are kept aside (quarantined) with the reason and sent back to the partner; they are not counted anywhere else.' },
        {
          type: 'table',
          id: 'data-sources',
          caption: 'Partner extracts in the baseline',
          columns: [
            { key: 'partner', label: 'Partner', kind: 'text' },
            { key: 'kind', label: 'Kind', kind: 'text' },
            { key: 'asOf', label: 'Data as of', kind: 'date' },
            { key: 'rows', label: 'Rows', kind: 'count' },
            { key: 'records', label: 'Records read', kind: 'count' },
            { key: 'quarantined', label: 'Rows set aside', kind: 'count' },
          ],
          rows,
          notes: [],
        },
      ],
    };
  },
};
