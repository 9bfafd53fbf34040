import type { ReactNode } from 'react';
import { FormGroup } from './FormGroup.js';

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
}

export function SelectField({ id, label, value, options, onChange, hint, error, disabled }: SelectFieldProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          className="select"
          id={id}
          name={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          disabled={disabled}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormGroup>
  );
}
