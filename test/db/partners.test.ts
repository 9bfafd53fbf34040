// The partner list the analyst keeps: every import's partner is on it with its kinds of
// extract, sources, presets and users; renaming moves sources and presets (so next month's
// extract still finds its preset and diff); a partner user sees only their own entry.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const ANALYST = 'an analyst passphrase for partners';
const PARTNER = 'a partner passphrase for partners';

async function storeWithTwoPartners(dir: string): Promise<string> {
  const path = join(dir, 'baseline.db');
  const store = Store.create(path, ANALYST, 'ann');
  addUser(store, { user: 'pat', role: 'partner', organisation: 'S Yorks Police' }, PARTNER);
  writeFileSync(join(dir, 'police.csv'), 'Subject,DOB,Home Address\nLee Pol,01/02/1980,"1 High St, S60 1AB"\n');
  writeFileSync(join(dir, 'school.csv'), 'Forename,Surname,DOB,Postcode\nSam,Lee,03/04/2012,S60 1AB\n');
  await importFile(store, join(dir, 'police.csv'), { partner: 'S Yorks Police', kind: 'police', user: 'ann', savePresetAs: 'Police layout' }, silentJob());
  await importFile(store, join(dir, 'school.csv'), { partner: 'School census', kind: 'school', user: 'ann' }, silentJob());
  store.close();
  return path;
}

describe('the partner list', () => {
  it('lists every import\'s partner; an analyst adds, renames (merging) and removes; partners see only their own', async () => {
    const dir = tempDir();
    const db = await storeWithTwoPartners(dir);
    const analyst = { BASELINE_PASSPHRASE: ANALYST, BASELINE_HOME: dir };
    const partner = { BASELINE_PASSPHRASE: PARTNER, BASELINE_HOME: dir };

    const listed = runCli(['partner', 'list', '--db', db, '--json'], analyst);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.json?.partners).toEqual([
      { name: 'S Yorks Police', listed: true, kinds: ['police'], sources: 1, latestAsOf: expect.any(String), presets: ['Police layout'], users: [{ user: 'pat', role: 'partner' }] },
      { name: 'School census', listed: true, kinds: ['school'], sources: 1, latestAsOf: expect.any(String), presets: [], users: [] },
    ]);

    // A partner user sees their own organisation's entry only, and cannot change the list.
    const own = runCli(['partner', 'list', '--db', db, '--json'], partner);
    expect((own.json?.partners as Array<{ name: string }>).map((p) => p.name)).toEqual(['S Yorks Police']);
    const refused = runCli(['partner', 'add', 'Anyone', '--db', db, '--json'], partner);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    // Added before its first extract, with the kinds it will send.
    const added = runCli(['partner', 'add', 'South Yorkshire Police', '--kind', 'police', '--kind', 'youth-justice', '--db', db, '--json'], analyst);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json?.partner).toMatchObject({ name: 'South Yorkshire Police', listed: true, kinds: ['police', 'youth-justice'], sources: 0 });
    expect(runCli(['partner', 'add', 'X', '--kind', 'bananas', '--db', db], analyst).code).toBe(1);

    // The abbreviation merged into the full name: its source and preset move with it.
    const renamed = runCli(['partner', 'rename', 'S Yorks Police', 'South Yorkshire Police', '--db', db, '--json'], analyst);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.json).toMatchObject({ sources: 1, presets: 1, usersToReissue: ['pat'] });
    const after = runCli(['partner', 'list', '--db', db, '--json'], analyst).json?.partners as Array<{ name: string; sources: number; presets: string[]; kinds: string[] }>;
    expect(after.map((p) => p.name)).toEqual(['S Yorks Police', 'School census', 'South Yorkshire Police']);
    expect(after.find((p) => p.name === 'South Yorkshire Police')).toMatchObject({ sources: 1, presets: ['Police layout'], kinds: ['police', 'youth-justice'] });
    // The old name stays only because a user still names it (key slots are issued again by hand).
    expect(after.find((p) => p.name === 'S Yorks Police')).toMatchObject({ listed: false, sources: 0, presets: [] });
    const sources = runCli(['source', 'list', '--db', db, '--json'], analyst).json?.sources as Array<{ partner: string }>;
    expect(sources.map((s) => s.partner).sort()).toEqual(['School census', 'South Yorkshire Police']);

    // A partner still in use stays on the list; an unused one can go.
    const inUse = runCli(['partner', 'remove', 'School census', '--db', db, '--json'], analyst);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('still has 1 source(s)');
    runCli(['partner', 'add', 'Old partner', '--db', db], analyst);
    expect(runCli(['partner', 'remove', 'Old partner', '--db', db], analyst).code).toBe(0);

    const store = Store.unlock(db, ANALYST);
    try {
      const actions = (store.reader.prepare("SELECT action FROM audit_event WHERE action LIKE 'partner-%' ORDER BY id").all() as Array<{ action: string }>).map((a) => a.action);
      expect(actions).toEqual(['partner-saved', 'partner-renamed', 'partner-saved', 'partner-removed']);
    } finally {
      store.close();
    }
  }, 120_000);

  it('a source\'s corrected partner joins the list with the kind of extract it sent', async () => {
    const dir = tempDir();
    const db = await storeWithTwoPartners(dir);
    const analyst = { BASELINE_PASSPHRASE: ANALYST, BASELINE_HOME: dir };
    expect(runCli(['source', 'set-partner', '2', 'Rotherham schools', '--db', db], analyst).code).toBe(0);
    const partners = runCli(['partner', 'list', '--db', db, '--json'], analyst).json?.partners as Array<{ name: string; listed: boolean; kinds: string[]; sources: number }>;
    expect(partners.find((p) => p.name === 'Rotherham schools')).toMatchObject({ listed: true, kinds: ['school'], sources: 1 });
  }, 60_000);
});
