import { describe, expect, it } from 'vitest';
import { recordsCountMessage } from '../../renderer/src/features/records/count-message.js';

describe('the records grid count', () => {
  it('says no record matches a filter, rather than that nothing is imported', () => {
    expect(recordsCountMessage(0, true)).toBe('No records match these filters.');
    expect(recordsCountMessage(0, false)).toMatch(/^No records yet/);
    expect(recordsCountMessage(6192, true)).toBe('6,192 records');
    expect(recordsCountMessage(null, false)).toBe('Loading records…');
  });
});
