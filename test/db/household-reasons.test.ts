// Why each person is in their household, on a real encrypted store through the real importer and
// the engine's channels: a family at one address, a joint claim with only a postcode, someone on
// their own, and an analyst's split and merge, each member's reason read back from the household
// and person pages (and the CLI's `household show`, and the subject access workbook) after a
// matching run; a Run made before reasons were kept says so; and only
// an analyst may read them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HouseholdPage, PersonPage } from '../../shared/ipc/channels/baseline.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { runLink } from '../../electron/engine/link/run-link.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { runCli } from '../helpers/cli.js';

const PASS = 'household reasons test passphrase';
const AS_OF = '2025-03-31';
let dir: string;
let path: string;
let engine: Engine;

const FILES: Record<string, string> = {
  // three children at one address
  'school-census.csv': [
    'UPN,Surname,Forename,Date of Birth,Sex,Address,Postcode',
    'A123456789012,Okafor,Chidi,2012-05-01,M,"14 Kilnfield Road, Wexthorpe",S65 2RB',
    'A123456789013,Okafor,Ada,2014-09-12,F,"14 Kilnfield Road, Wexthorpe",S65 2RB',
    'A123456789014,Okafor,Emeka,2016-02-20,M,"14 Kilnfield Road, Wexthorpe",S65 2RB',
  ].join('\n'),
  // a joint claim: two people of different surnames, seen only with a postcode
  'benefits.csv': [
    'Claim Ref,NI Number,Surname,First Name,Date of Birth,Sex,Postcode,Benefit Type,Claim Start Date',
    'UC400123,,Hopkins,Jane,1988-03-04,F,S66 4TT,Universal Credit,2024-01-01',
    'UC400123,,Reyes,Tomas,1986-07-19,M,S66 4TT,Universal Credit,2024-01-01',
    'UC400987,,Lindqvist,Marta,1950-11-30,F,S61 9ZZ,Pension Credit,2023-06-01',
  ].join('\n'),
};

async function value<T>(channel: string, request: unknown, e: Engine = engine): Promise<T> {
  const result = await e.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind} ${result.error.message}`);
  return result.value as T;
}

const store = (): Store => (engine as unknown as { requireStore(): Store }).requireStore();
const relink = async (): Promise<void> => void (await runLink(store(), { user: 'analyst' }, silentJob()));
const personOf = (surname: string, forename: string): string =>
  store().reader.prepare('SELECT person_id FROM baseline_person WHERE surname = ? AND forename = ?').pluck().get(surname, forename) as string;
const householdOf = (personId: string): string => store().reader.prepare('SELECT household_id FROM baseline_person WHERE person_id = ?').pluck().get(personId) as string;

/** Each current member's name and reason, read through the household page. */
async function reasons(householdId: string): Promise<Record<string, string>> {
  const page = await value<HouseholdPage>('baseline:household', { householdId });
  return Object.fromEntries(page.members.filter((m) => m.current).map((m) => [`${m.forename} ${m.surname}`, m.reason.text]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-household-reasons-'));
  path = join(dir, 'store.db');
  const s = Store.create(path, PASS);
  for (const [name, text] of Object.entries(FILES)) {
    writeFileSync(join(dir, name), `${text}\n`);
    await importFile(s, join(dir, name), { user: 'analyst', today: AS_OF }, silentJob());
  }
  engine = createEngine({ storePath: path, host: 'browser', version: 't' });
  engine.adoptStore(s);
  await relink();
  // the baseline the pages read is built from the latest run
  await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} });
}, 120_000);

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('why each person is in their household', () => {
  it('says which rule placed each member: an address, a joint claim, no one', async () => {
    expect(await reasons(householdOf(personOf('Okafor', 'Chidi')))).toEqual({
      'Chidi Okafor': 'Lives at the same address',
      'Ada Okafor': 'Lives at the same address',
      'Emeka Okafor': 'Lives at the same address',
    });
    expect(await reasons(householdOf(personOf('Hopkins', 'Jane')))).toEqual({
      'Jane Hopkins': 'Named on the same tenancy or claim',
      'Tomas Reyes': 'Named on the same tenancy or claim',
    });
    expect(await reasons(householdOf(personOf('Lindqvist', 'Marta')))).toEqual({ 'Marta Lindqvist': 'No evidence of living with anyone' });
    // the person page gives the same reason beside the household
    const ada = await value<PersonPage>('baseline:person', { personId: personOf('Okafor', 'Ada') });
    expect(ada.householdReason).toEqual({ rule: 'address', text: 'Lives at the same address' });
    // and the command line, through the same channel
    const cli = runCli(['household', 'show', householdOf(personOf('Hopkins', 'Jane')), '--db', path, '--json'], { BASELINE_PASSPHRASE: PASS, BASELINE_HOME: dir });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('Named on the same tenancy or claim');
    expect((cli.json?.members as Array<{ reason: { rule: string } }>).map((m) => m.reason.rule)).toEqual(['shared-reference', 'shared-reference']);
  });

  it("gives an analyst's split and merge as the reason of the people they moved, with the decision's date", async () => {
    const emeka = personOf('Okafor', 'Emeka');
    const marta = personOf('Lindqvist', 'Marta');
    await value('baseline:householdDecide', { kind: 'split', householdId: householdOf(emeka), personId: emeka });
    await value('baseline:householdDecide', { kind: 'merge', householdId: householdOf(marta), intoHouseholdId: householdOf(personOf('Hopkins', 'Jane')) });
    const on = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    await relink();
    await value('baseline:people', { startRow: 0, endRow: 1, sort: [], filters: {} });
    expect(await reasons(householdOf(emeka))).toEqual({ 'Emeka Okafor': `Put here by an analyst on ${on}` });
    // his page gives each household he lived in with why; so does his subject access workbook
    const page = await value<PersonPage>('baseline:person', { personId: emeka });
    expect(page.households.map((h) => h.reason.text)).toEqual(['Lives at the same address', `Put here by an analyst on ${on}`]);
    const sar = join(dir, 'sar.xlsx');
    await value('baseline:subjectAccess', { personId: emeka, path: sar });
    const sheet = XLSX.utils.sheet_to_json<string[]>(XLSX.read(readFileSync(sar)).Sheets['Households']!, { header: 1 });
    expect(sheet.map((row) => row[5])).toEqual(['Why they were placed there', 'Lives at the same address', `Put here by an analyst on ${on}`]);
    expect(await reasons(householdOf(personOf('Okafor', 'Chidi')))).toEqual({ 'Chidi Okafor': 'Lives at the same address', 'Ada Okafor': 'Lives at the same address' });
    expect(await reasons(householdOf(marta))).toEqual({
      'Jane Hopkins': 'Named on the same tenancy or claim',
      'Tomas Reyes': 'Named on the same tenancy or claim',
      'Marta Lindqvist': `Put here by an analyst on ${on}`,
    });
    // the Run keeps the code itself; a decision whose row is gone still reads as an analyst's
    store().writer.prepare('DELETE FROM household_decision').run();
    expect((await reasons(householdOf(marta)))['Marta Lindqvist']).toBe('Put here by an analyst');
  });

  it('says so when the matching run was made before reasons were kept', async () => {
    const chidi = personOf('Okafor', 'Chidi');
    store().writer.prepare('UPDATE run_person_household SET placed_by = NULL WHERE person_id = ?').run(chidi);
    expect((await reasons(householdOf(chidi)))['Chidi Okafor']).toBe('Not recorded for this matching run');
  });

  it('shows households and their reasons to analysts only', async () => {
    const householdId = householdOf(personOf('Okafor', 'Chidi'));
    const personId = personOf('Okafor', 'Chidi');
    addUser(store(), { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    addUser(store(), { user: 'pat', role: 'partner', organisation: 'Wexthorpe Housing' }, 'partner passphrase');
    for (const passphrase of ['coordinator passphrase', 'partner passphrase']) {
      const other = createEngine({ storePath: path, host: 'browser', version: 't' });
      try {
        await value('store:unlock', { passphrase }, other);
        expect(await other.invoke('baseline:household', { householdId }), passphrase).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
        expect(await other.invoke('baseline:person', { personId }), passphrase).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      } finally {
        other.close();
      }
    }
  });
});
