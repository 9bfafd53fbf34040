import type { HTMLInputAutoCompleteAttribute, ReactNode } from 'react';
import { FormGroup } from './FormGroup.js';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
  type?: 'text' | 'password' | 'date';
  autoComplete?: HTMLInputAutoCompleteAttribute;
  inputMode?: 'text' | 'numeric';
  width?: 'full' | 'two-thirds' | 'one-third' | 'date' | 'short';
  disabled?: boolean;
}

/** Label, hint, inline error and input wired together the GOV.UK way. */
export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  type = 'text',
  autoComplete = 'off',
  inputMode,
  width = 'two-thirds',
  disabled,
}: TextFieldProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          className={`input input--${width}${error ? ' input--error' : ''}`}
          id={id}
          name={id}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={autoComplete}
          inputMode={inputMode}
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          disabled={disabled}
        />
      )}
    </FormGroup>
  );
}
