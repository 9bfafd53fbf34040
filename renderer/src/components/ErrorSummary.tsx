import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { focusElementById } from './focus-element.js';
import type { FormError } from './form-error.js';

interface ErrorSummaryProps {
  errors: readonly FormError[];
  title?: string;
  /** Change it (e.g. a submit counter) to move focus back here even when the errors are the same. */
  focusKey?: number;
}

/**
 * GOV.UK error summary: sits at the top of a form, takes focus when its errors change so
 * screen-reader users hear them, and each error links to the field it is about.
 */
export function ErrorSummary({ errors, title = 'There is a problem', focusKey = 0 }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const signature = errors.map((error) => `${error.fieldId ?? ''}:${error.message}`).join('\n');

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature, focusKey]);

  if (errors.length === 0) return null;

  const onLinkClick = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    event.preventDefault();
    focusElementById(fieldId);
  };

  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={headingId}>
      <h2 className="error-summary__title" id={headingId}>
        {title}
      </h2>
      <ul className="error-summary__list">
        {errors.map((error, index) => (
          <li key={`${index}-${error.message}`}>
            {error.fieldId ? (
              <a href={`#${error.fieldId}`} onClick={(event) => onLinkClick(event, error.fieldId ?? '')}>
                {error.message}
              </a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
