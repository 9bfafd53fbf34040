import type { FormError } from '../../components/form-error.js';

export const HOUSEHOLDS_FIELD = 'demo-households';
export const MAX_HOUSEHOLDS = 200_000;

/** Reads the optional "number of households" box; blank means the engine's default size. */
export function parseHouseholds(text: string): { households?: number; errors: FormError[] } {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return { errors: [] };
  if (!/^\d+$/.test(trimmed)) {
    return { errors: [{ fieldId: HOUSEHOLDS_FIELD, message: 'Number of households must be a whole number' }] };
  }
  const households = Number(trimmed);
  if (households < 1 || households > MAX_HOUSEHOLDS) {
    return {
      errors: [
        {
          fieldId: HOUSEHOLDS_FIELD,
          message: `Number of households must be between 1 and ${MAX_HOUSEHOLDS.toLocaleString('en-GB')}`,
        },
      ],
    };
  }
  return { households, errors: [] };
}
