// E-mail and phone columns are found by their cells, whatever the heading says.
import { describe, expect, it } from 'vitest';
import { roleFromCells } from '../../electron/engine/import/roles.js';

describe('contact columns read from their cells', () => {
  it('takes a column of e-mail addresses for e-mail', () => {
    expect(roleFromCells(['a.smith@example.org', 'JONES99@mail.example.co.uk', 'k_ahmed@example.net', 'z@example.com'])?.role).toBe('email');
  });
  it('takes a column of UK phone numbers for phone, in national and international form', () => {
    expect(roleFromCells(['01709 823456', '07700 900123', '+44 7700 900456', '(0114) 496 0000'])?.role).toBe('phone');
  });
  it('does not take UPRNs or NHS numbers for phone numbers', () => {
    expect(roleFromCells(['100050012345', '100050012346', '100050012347', '100050012348'])?.role).toBe('uprn');
    expect(roleFromCells(['943 476 5919', '401 023 2137', '943 476 5870'])?.role).toBe('nhs_number');
  });
});
