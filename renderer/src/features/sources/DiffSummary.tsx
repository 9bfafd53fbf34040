import type { DiffRow, SourceDiff } from '../../../../shared/ipc/contract.js';
import { formatCount } from '../../components/format.js';
import { sheetTitle } from './mapping.js';

const KINDS: ReadonlyArray<['new' | 'changed' | 'gone', string]> = [
  ['new', 'New'],
  ['changed', 'Changed'],
  ['gone', 'Gone'],
];

function where(row: DiffRow, fileName: string, previousFileName: string): string {
  if (row.row === null) return `${sheetTitle(row.sheet, previousFileName)}, row ${row.previousRow ?? '?'} of the previous file`;
  return `${sheetTitle(row.sheet, fileName)}, row ${row.row}${row.previousRow !== null ? ` (was row ${row.previousRow})` : ''}`;
}

interface DiffSummaryProps {
  diff: SourceDiff;
  fileName: string;
  headingLevel?: 3 | 4;
}

/** New, changed and gone rows against the partner's previous extract, with the first of each. */
export function DiffSummary({ diff, fileName, headingLevel = 3 }: DiffSummaryProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const keyedBy = [...new Set(diff.keyedBy.map((k) => k.key))].join(' or ');
  // Names come only for analysts: the engine leaves them out for everyone else.
  const named = KINDS.some(([key]) => diff.examples[key].some((row) => row.name !== undefined));
  return (
    <section className="section" aria-labelledby={`diff-${diff.sourceId}`} data-testid="import-diff">
      <Heading className="heading-s" id={`diff-${diff.sourceId}`}>
        Changes since {diff.previousFileName}
      </Heading>
      <p className="body">
        Rows are matched by {keyedBy}. New, changed and unchanged add up to this file&rsquo;s {formatCount(diff.records)} records; gone, changed
        and unchanged to the previous file&rsquo;s {formatCount(diff.previousRecords)}.
      </p>
      <ul className="diff-counts">
        {KINDS.map(([key, label]) => (
          <li key={key} data-testid={`diff-${key}`}>
            <span className="diff-counts__value">{formatCount(diff[key])}</span> {label.toLowerCase()}
          </li>
        ))}
        <li data-testid="diff-unchanged">
          <span className="diff-counts__value">{formatCount(diff.unchanged)}</span> unchanged
        </li>
      </ul>
      {diff.new + diff.changed + diff.gone > 0 ? (
        <div className="table-wrapper">
          <table className="table">
            <caption className="table__caption">The first rows that changed</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                {named ? <th scope="col">Who</th> : null}
                <th scope="col">Where</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {KINDS.flatMap(([key, label]) =>
                diff.examples[key].map((row, i) => (
                  <tr key={`${key}-${i}`}>
                    <td>{label}</td>
                    {named ? <td>{row.name ?? ''}</td> : null}
                    <td>{where(row, fileName, diff.previousFileName)}</td>
                    <td>{key === 'changed' ? row.fields.join(', ') || 'details' : ''}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
