import { useEffect, useId, useRef } from 'react';
import type { SaveTarget } from './save-target.js';

interface ReplaceQuestionProps {
  target: SaveTarget;
  /** What the file is, for the question: "backup", "quarantine export". */
  what: string;
}

/** Asks before an earlier export is replaced: nothing is written until the user says so. */
export function ReplaceQuestion({ target, what }: ReplaceQuestionProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (target.asking) heading.current?.focus();
  }, [target.asking]);
  if (!target.asking) return null;
  return (
    <div className="confirm" data-testid="replace-question" role="group" aria-labelledby={headingId}>
      <h3 className="heading-s" id={headingId} tabIndex={-1} ref={heading}>
        Replace it?
      </h3>
      <p className="body">
        <code className="path">{target.asking}</code> is already there: an earlier {what}. Nothing has been written yet.
      </p>
      <div className="button-group">
        <button type="button" className="button button--warning" onClick={() => void target.replace()}>
          Replace it
        </button>
        <button type="button" className="button button--secondary" onClick={target.cancel}>
          Keep it and choose another name
        </button>
      </div>
    </div>
  );
}
