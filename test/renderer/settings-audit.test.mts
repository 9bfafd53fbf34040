import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/domain/roles.js';
import { CHANNELS } from '../../shared/ipc/contract.js';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { mayUse } from '../../renderer/src/app/session.js';
import { formatUkDate, formatUkDateTime } from '../../renderer/src/components/date-time.js';
import { plainErrorMessage } from '../../renderer/src/components/error-message.js';
import {
  ACTION_LABELS,
  actionLabel,
  actorOptions,
  auditCountText,
  auditDetails,
  humaniseKey,
  verdictText,
} from '../../renderer/src/features/audit/audit-labels.js';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, roleLabel, signedInText } from '../../renderer/src/features/settings/roles.js';
import {
  CURRENT_FIELD,
  EMPTY_NEW_USER,
  NEW_CONFIRM_FIELD,
  NEW_FIELD,
  USER_CONFIRM_FIELD,
  USER_NAME_FIELD,
  USER_ORGANISATION_FIELD,
  USER_PASSPHRASE_FIELD,
  USER_ROLE_FIELD,
  checkNewUser,
  checkPassphraseChange,
  toAddUserRequest,
} from '../../renderer/src/features/settings/settings-rules.js';

describe('audit action labels', () => {
  it.each([
    ['import', 'Imported a file'],
    ['export-clusters', 'Exported clusters'],
    ['login', 'Signed in'],
    ['user-added', 'Added a user'],
    ['user-removed', 'Removed a user'],
    ['passphrase-changed', 'Changed their passphrase'],
    ['store-created', 'Created the store'],
    ['demo-created', 'Created demo data'],
  ])('%s → %s', (action, label) => {
    expect(actionLabel(action)).toBe(label);
  });

  it('shows an action it does not know as-is, including names that shadow Object members', () => {
    expect(actionLabel('future-thing')).toBe('future-thing');
    expect(actionLabel('toString')).toBe('toString');
    expect(actionLabel('constructor')).toBe('constructor');
  });

  it('labels every action as a sentence, not a code', () => {
    for (const label of Object.values(ACTION_LABELS)) expect(label).toMatch(/^[A-Z][a-z]/);
  });
});

describe('audit details', () => {
  it('labels IDs and counts, keeping identifiers unformatted and counts with separators', () => {
    expect(auditDetails({ sourceId: 1234, rows: 12345, records: 12000, quarantined: 0 })).toEqual([
      { key: 'sourceId', label: 'Source ID', value: '1234' },
      { key: 'rows', label: 'Rows', value: '12,345' },
      { key: 'records', label: 'Records', value: '12,000' },
      { key: 'quarantined', label: 'Quarantined', value: '0' },
    ]);
  });

  it('names roles in words and shows null and booleans plainly', () => {
    expect(auditDetails({ role: 'co-ordinator', seed: 20240, ok: true, other: null })).toEqual([
      { key: 'role', label: 'Role', value: 'co-ordinator' },
      { key: 'seed', label: 'Seed', value: '20240' },
      { key: 'ok', label: 'Ok', value: 'yes' },
      { key: 'other', label: 'Other', value: 'none' },
    ]);
  });

  it('humanises keys it does not know', () => {
    expect(humaniseKey('failedAttemptsBefore')).toBe('Failed attempts before');
    expect(humaniseKey('files_dropped')).toBe('Files dropped');
    expect(humaniseKey('out-dir')).toBe('Out dir');
    expect(auditDetails({ newThingId: 7 })).toEqual([{ key: 'newThingId', label: 'New thing id', value: '7' }]);
  });

  it('has nothing to show for an empty payload', () => {
    expect(auditDetails({})).toEqual([]);
  });
});

describe('audit user filter', () => {
  it('offers current users, actors seen in the trail and the current choice, once each, sorted', () => {
    expect(
      actorOptions([{ user: 'analyst' }, { user: 'Morgan Ellis' }], [{ actor: 'analyst' }, { actor: 'ben (removed)' }], 'zed'),
    ).toEqual(['analyst', 'ben (removed)', 'Morgan Ellis', 'zed']);
    expect(actorOptions([], [], '')).toEqual([]);
  });
});

describe('audit check verdict', () => {
  it('reports an unbroken trail with its count', () => {
    expect(verdictText({ ok: true, events: 2, problem: null }).heading).toBe('2 events, unbroken');
    expect(verdictText({ ok: true, events: 1, problem: null }).heading).toBe('1 event, unbroken');
    expect(verdictText({ ok: true, events: 12345, problem: null }).heading).toBe('12,345 events, unbroken');
  });

  it('names the first event that fails and why', () => {
    const text = verdictText({ ok: false, events: 9, problem: { id: 7, reason: 'its contents were changed after it was written' } });
    expect(text.heading).toBe('The audit trail is broken');
    expect(text.body).toBe('Event 7 fails the check: its contents were changed after it was written. 9 events checked.');
  });

  it('still explains a failure with no event to name', () => {
    expect(verdictText({ ok: false, events: 3, problem: { id: null, reason: 'the key file is missing' } }).body).toBe(
      'The check failed: the key file is missing. 3 events checked.',
    );
  });
});

describe('audit count line', () => {
  it.each([
    { start: 0, shown: 20, total: 45, filtered: false, text: 'Showing events 1 to 20 of 45' },
    { start: 40, shown: 5, total: 45, filtered: false, text: 'Showing events 41 to 45 of 45' },
    { start: 0, shown: 2, total: 2, filtered: true, text: 'Showing events 1 to 2 of 2 that match these filters' },
    { start: 0, shown: 0, total: 0, filtered: true, text: 'No events match these filters.' },
    { start: 0, shown: 0, total: 0, filtered: false, text: 'The audit trail is empty.' },
  ])('$text', ({ start, shown, total, filtered, text }) => {
    expect(auditCountText(start, shown, total, filtered)).toBe(text);
  });
});

describe('UK date and time', () => {
  it.each([
    // Winter: GMT, the same as UTC.
    ['2024-01-15T14:05:09.123Z', '15 January 2024 at 2:05pm'],
    ['2024-01-15T09:00:00Z', '15 January 2024 at 9am'],
    ['2024-01-15T00:00:00Z', '15 January 2024 at midnight'],
    ['2024-01-15T12:00:00Z', '15 January 2024 at midday'],
    ['2024-01-15T12:30:00Z', '15 January 2024 at 12:30pm'],
    ['2024-01-15T00:10:00Z', '15 January 2024 at 12:10am'],
    // Summer: British Summer Time is an hour ahead, which can change the date.
    ['2024-07-01T13:30:00Z', '1 July 2024 at 2:30pm'],
    ['2024-06-30T23:30:00Z', '1 July 2024 at 12:30am'],
  ])('%s → %s', (iso, text) => {
    expect(formatUkDateTime(iso)).toBe(text);
  });

  it('gives the UK calendar date', () => {
    expect(formatUkDate('2024-06-30T23:30:00Z')).toBe('1 July 2024');
    expect(formatUkDate('2024-12-31T23:30:00Z')).toBe('31 December 2024');
  });

  it('shows anything that is not a timestamp as given', () => {
    expect(formatUkDateTime('yesterday')).toBe('yesterday');
    expect(formatUkDateTime('2024-01-15')).toBe('2024-01-15');
    expect(formatUkDate('')).toBe('');
  });
});

describe('roles', () => {
  it('has a label and a plain description for every role', () => {
    for (const role of ROLES) {
      expect(ROLE_LABELS[role]).toBeTruthy();
      expect(ROLE_DESCRIPTIONS[role].length).toBeGreaterThan(40);
    }
    expect(ROLE_DESCRIPTIONS.analyst).toMatch(/everything/);
    expect(ROLE_DESCRIPTIONS['co-ordinator']).toMatch(/counts/);
    expect(ROLE_DESCRIPTIONS['co-ordinator']).toMatch(/without names/);
    expect(ROLE_DESCRIPTIONS['co-ordinator']).toMatch(/packs/);
    expect(ROLE_DESCRIPTIONS.partner).toMatch(/their own organisation/);
    expect(roleLabel('co-ordinator')).toBe('Co-ordinator');
    expect(roleLabel('auditor')).toBe('auditor');
  });

  it('says who is signed in', () => {
    expect(signedInText({ user: 'analyst', role: 'analyst', organisation: null })).toBe('Signed in as analyst (analyst)');
    expect(signedInText({ user: 'Morgan Ellis', role: 'co-ordinator', organisation: null })).toBe(
      'Signed in as Morgan Ellis (co-ordinator)',
    );
    expect(signedInText({ user: 'Pat', role: 'partner', organisation: 'Northshire Police' })).toBe(
      'Signed in as Pat (partner, Northshire Police)',
    );
  });

  it('offers controls from the same policy the engine enforces', () => {
    const coordinator = { user: 'c', role: 'co-ordinator' as const, organisation: null };
    const partner = { user: 'p', role: 'partner' as const, organisation: 'Police' };
    const analyst = { user: 'a', role: 'analyst' as const, organisation: null };
    expect(mayUse(coordinator, 'records:page')).toBe(false);
    expect(mayUse(coordinator, 'import:start')).toBe(false);
    expect(mayUse(coordinator, 'sources:list')).toBe(true);
    expect(mayUse(coordinator, 'users:changePassphrase')).toBe(true);
    expect(mayUse(partner, 'import:start')).toBe(true);
    expect(mayUse(partner, 'records:page')).toBe(true);
    expect(mayUse(partner, 'demo:create')).toBe(false);
    expect(mayUse(partner, 'audit:page')).toBe(false);
    expect(mayUse(analyst, 'audit:verify')).toBe(true);
    // No session reported: offer it and let the engine decide.
    expect(mayUse(null, 'audit:page')).toBe(true);
  });
});

describe('error messages', () => {
  it('shows the engine message, or the screen’s own words when a role is refused', () => {
    const lastAnalyst = new WorkbenchError('forbidden', 'The last analyst cannot be removed: nobody could manage the store.');
    expect(plainErrorMessage(lastAnalyst)).toBe('The last analyst cannot be removed: nobody could manage the store.');
    expect(plainErrorMessage(new WorkbenchError('forbidden', 'Your role (partner) does not allow this.'), 'Only analysts can see the audit trail.')).toBe(
      'Only analysts can see the audit trail.',
    );
    expect(plainErrorMessage(new WorkbenchError('forbidden', ''))).toBe('Your role does not allow this.');
    expect(plainErrorMessage({ kind: 'conflict', message: 'There is already a user named "x".' }, 'ignored')).toBe(
      'There is already a user named "x".',
    );
  });
});

describe('change passphrase form', () => {
  const fields = (current: string, next: string, confirm: string) =>
    checkPassphraseChange({ current, next, confirm }).map((e) => e.fieldId);

  it.each([
    { current: '', next: '', confirm: '', fields: [CURRENT_FIELD, NEW_FIELD] },
    { current: 'old passphrase', next: 'short', confirm: 'short', fields: [NEW_FIELD] },
    { current: 'old passphrase', next: 'a new passphrase', confirm: '', fields: [NEW_CONFIRM_FIELD] },
    { current: 'old passphrase', next: 'a new passphrase', confirm: 'a new passphrasf', fields: [NEW_CONFIRM_FIELD] },
    { current: 'old passphrase', next: 'old passphrase', confirm: 'old passphrase', fields: [NEW_FIELD] },
    { current: 'old passphrase', next: 'a new passphrase', confirm: 'a new passphrase', fields: [] },
  ])('$current / $next / $confirm', ({ current, next, confirm, fields: expected }) => {
    expect(fields(current, next, confirm)).toEqual(expected);
  });

  it('agrees with the engine on the minimum length', () => {
    const schema = CHANNELS['users:changePassphrase'].request;
    expect(fields('old passphrase', '123456789', '123456789')).toEqual([NEW_FIELD]);
    expect(schema.safeParse({ oldPassphrase: 'x', newPassphrase: '123456789' }).success).toBe(false);
    expect(fields('old passphrase', '1234567890', '1234567890')).toEqual([]);
    expect(schema.safeParse({ oldPassphrase: 'x', newPassphrase: '1234567890' }).success).toBe(true);
  });
});

describe('add a user form', () => {
  const good = { user: 'Morgan Ellis', role: 'co-ordinator' as const, organisation: '', passphrase: 'a long passphrase', confirm: 'a long passphrase' };
  const fields = (patch: Record<string, string | undefined>) =>
    checkNewUser({ ...good, ...patch } as typeof good).map((e) => e.fieldId);

  it('asks for everything on an empty form', () => {
    expect(checkNewUser(EMPTY_NEW_USER).map((e) => e.fieldId)).toEqual([USER_NAME_FIELD, USER_ROLE_FIELD, USER_PASSPHRASE_FIELD]);
  });

  it.each([
    { patch: {}, fields: [] },
    { patch: { user: "O'Brien-Smith J." }, fields: [] },
    { patch: { user: ' spaced ' }, fields: [] },
    { patch: { user: '-leading' }, fields: [USER_NAME_FIELD] },
    { patch: { user: 'semi;colon' }, fields: [USER_NAME_FIELD] },
    { patch: { user: 'x'.repeat(64) }, fields: [USER_NAME_FIELD] },
    { patch: { role: 'partner' }, fields: [USER_ORGANISATION_FIELD] },
    { patch: { role: 'partner', organisation: '  ' }, fields: [USER_ORGANISATION_FIELD] },
    { patch: { role: 'partner', organisation: 'Northshire Police' }, fields: [] },
    { patch: { role: 'auditor' }, fields: [USER_ROLE_FIELD] },
    { patch: { passphrase: 'short', confirm: 'short' }, fields: [USER_PASSPHRASE_FIELD] },
    { patch: { confirm: 'different passphrase' }, fields: [USER_CONFIRM_FIELD] },
  ])('$patch', ({ patch, fields: expected }) => {
    expect(fields(patch)).toEqual(expected);
  });

  it('sends the organisation for partners only, trimmed, and passes the engine schema', () => {
    const schema = CHANNELS['users:add'].request;
    const coordinator = toAddUserRequest({ ...good, user: ' Morgan Ellis ', organisation: 'ignored' });
    expect(coordinator).toEqual({ user: 'Morgan Ellis', role: 'co-ordinator', organisation: null, passphrase: good.passphrase });
    expect(schema.safeParse(coordinator).success).toBe(true);
    const partner = toAddUserRequest({ ...good, role: 'partner', organisation: ' Northshire Police ' });
    expect(partner.organisation).toBe('Northshire Police');
    // A partner submits only, unless the analyst lets them read their own sources.
    expect(partner.submitOnly).toBe(true);
    expect(toAddUserRequest({ ...good, role: 'partner', organisation: 'Northshire Police', readsOwn: true }).submitOnly).toBe(false);
    expect(schema.safeParse(partner).success).toBe(true);
  });
});
