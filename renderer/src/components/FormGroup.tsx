import type { ReactNode } from 'react';

interface FormGroupProps {
  /** The control's id: the label points at it, and hint and error ids derive from it. */
  id: string;
  /** The question: a label for one control, or a fieldset legend for a group of them. */
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** A group of controls (radios, checkboxes) is a fieldset whose legend is the question. */
  fieldset?: boolean;
  /** Renders the control; receives the ids it should be described by. */
  children(describedBy: string | undefined): ReactNode;
}

/** The GOV.UK form group: question, hint and inline error wired to the control they describe. */
export function FormGroup({ id, label, hint, error, fieldset = false, children }: FormGroupProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const hintAndError = (
    <>
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      {fieldset ? (
        <fieldset className="fieldset" aria-describedby={describedBy}>
          <legend className="fieldset__legend">{label}</legend>
          {hintAndError}
          {children(undefined)}
        </fieldset>
      ) : (
        <>
          <label className="label" htmlFor={id}>
            {label}
          </label>
          {hintAndError}
          {children(describedBy)}
        </>
      )}
    </div>
  );
}
