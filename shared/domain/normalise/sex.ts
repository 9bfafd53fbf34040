import { cleanCell } from './text.js';

/** 'M' | 'F' | 'U' (stated unknown/other), or null when absent or not a sex code. */
export function normaliseSex(value: string | null | undefined): 'M' | 'F' | 'U' | null {
  const cleaned = cleanCell(value);
  if (!cleaned) return null;
  const v = cleaned.toUpperCase();
  if (['M', 'MALE', 'MAN', 'BOY', '1'].includes(v)) return 'M';
  if (['F', 'FEMALE', 'WOMAN', 'GIRL', '2'].includes(v)) return 'F';
  if (['U', 'UNKNOWN', 'X', 'O', 'OTHER', 'NOT KNOWN', 'NOT STATED', '0', '9', 'I', 'INDETERMINATE'].includes(v)) return 'U';
  return null;
}
