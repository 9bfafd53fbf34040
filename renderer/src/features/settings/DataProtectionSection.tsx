import { WarningText } from '../../components/WarningText.js';

interface DataProtectionSectionProps {
  /** Sources past their retention date, from app:info. */
  overdue: number;
  onOpen(): void;
}

/** The way in to the data protection record, with overdue sources called out. */
export function DataProtectionSection({ overdue, onOpen }: DataProtectionSectionProps) {
  return (
    <section className="section" aria-labelledby="data-protection-heading">
      <h2 className="heading-m" id="data-protection-heading">
        Data protection
      </h2>
      <p className="body">
        The data protection record lists every source with its data-sharing agreement, lawful basis and retention date,
        the processing done, and who can see it: what a DPIA needs. Delete a source&apos;s data from there.
      </p>
      {overdue > 0 ? (
        <WarningText>
          {overdue === 1 ? '1 source is' : `${overdue} sources are`} past the retention date and should be deleted.
        </WarningText>
      ) : null}
      <button type="button" className="button" onClick={onOpen}>
        View the data protection record
      </button>
    </section>
  );
}
