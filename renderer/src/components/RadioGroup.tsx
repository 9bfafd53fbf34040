import type { ReactNode } from 'react';
import { FormGroup } from './FormGroup.js';
import './components.css';

export interface RadioOption {
  value: string;
  label: string;
  /** Shown under the label and read with the radio button. */
  hint?: ReactNode;
  /** Revealed under the option while it is chosen (GOV.UK conditional reveal), e.g. a follow-up field. */
  conditional?: ReactNode;
}

interface RadioGroupProps {
  /** Also the id of the first radio button, so an error summary link lands on the group. */
  id: string;
  legend: string;
  value: string;
  options: readonly RadioOption[];
  onChange(value: string): void;
  hint?: ReactNode;
  error?: string | undefined;
  disabled?: boolean;
}

/** GOV.UK radios: a fieldset whose legend is the question, one choice per option. */
export function RadioGroup({ id, legend, value, options, onChange, hint, error, disabled }: RadioGroupProps) {
  return (
    <FormGroup id={id} label={legend} hint={hint} error={error} fieldset>
      {() => (
        <div className="radios">
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            const optionHintId = `${inputId}-item-hint`;
            const checked = option.value === value;
            return (
              <div key={option.value}>
                <div className="radios__item">
                  <input
                    className="radios__input"
                    type="radio"
                    id={inputId}
                    name={id}
                    value={option.value}
                    checked={checked}
                    onChange={() => onChange(option.value)}
                    aria-describedby={option.hint ? optionHintId : undefined}
                    disabled={disabled}
                  />
                  <label className="radios__label" htmlFor={inputId}>
                    {option.label}
                  </label>
                  {option.hint ? (
                    <div className="hint radios__hint" id={optionHintId}>
                      {option.hint}
                    </div>
                  ) : null}
                </div>
                {option.conditional && checked ? <div className="radios__conditional">{option.conditional}</div> : null}
              </div>
            );
          })}
        </div>
      )}
    </FormGroup>
  );
}
