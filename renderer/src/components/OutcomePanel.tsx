import { useEffect, useId, useRef, type ReactNode } from 'react';
import './components.css';

interface OutcomePanelProps {
  heading: string;
  children?: ReactNode;
  variant: 'success' | 'failure';
  testId?: string;
}

/**
 * The result of a check the user asked for (green when it passed, red when it failed). It takes
 * focus when it appears, so keyboard and screen-reader users meet the answer straight away;
 * give it a new `key` to announce a repeated check again.
 */
export function OutcomePanel({ heading, children, variant, testId }: OutcomePanelProps) {
  const headingId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      className={`outcome outcome--${variant}`}
      role="alert"
      aria-labelledby={headingId}
      tabIndex={-1}
      ref={ref}
      data-testid={testId}
    >
      <h3 className="outcome__heading" id={headingId}>
        {heading}
      </h3>
      {children}
    </div>
  );
}
