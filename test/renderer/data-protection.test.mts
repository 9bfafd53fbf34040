import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, auditDetails } from '../../renderer/src/features/audit/audit-labels.js';
import { confirmationMatches, recordSummary, retentionText, sourceCounts } from '../../renderer/src/features/data-protection/record-text.js';
import type { DataProtectionRecord } from '../../shared/ipc/channels/governance.js';

describe('data protection record wording', () => {
  it('says what each source holds and when it must go', () => {
    expect(sourceCounts({ rows: 1, records: 1234, quarantined: 0 })).toBe('1 row read, 1,234 records, 0 quarantined');
    expect(retentionText({ retentionUntil: null, overdue: false })).toBe('No retention date recorded');
    expect(retentionText({ retentionUntil: '2099-01-31', overdue: false })).toBe('Keep until 2099-01-31');
    expect(retentionText({ retentionUntil: '2020-01-31', overdue: true })).toBe('Past its retention date (2020-01-31): delete it');
  });

  it('summarises the record, naming overdue sources only when there are some', () => {
    const source = { overdue: false } as DataProtectionRecord['sources'][number];
    const record = { sources: [source, { ...source, overdue: true }], users: [{}] } as unknown as DataProtectionRecord;
    expect(recordSummary(record)).toBe('2 sources, 1 user, 1 source past the retention date');
    expect(recordSummary({ ...record, sources: [source] })).toBe('1 source, 1 user');
  });

  it('needs the file name typed exactly, spaces around it aside', () => {
    expect(confirmationMatches(' police.csv ', 'police.csv')).toBe(true);
    expect(confirmationMatches('Police.csv', 'police.csv')).toBe(false);
    expect(confirmationMatches('', 'police.csv')).toBe(false);
  });

  it('labels the governance audit events and shows run numbers as identifiers', () => {
    for (const action of ['source-purged', 'dp-record-exported', 'recovery-code-created', 'passphrase-reset-with-recovery-code'] as const) {
      expect(ACTION_LABELS[action], action).toMatch(/^[A-Z]/);
    }
    expect(auditDetails({ run: 1234, records: 1234 }).map((d) => d.value)).toEqual(['1234', '1,234']);
  });
});
