// E-mail, phone and previous surname, end to end: header synonyms, normalisation, the record
// columns (migration 0080) filled by a real import into a real store, and the linker weighing
// them — equal e-mail joins what names and a date of birth alone leave apart, a common one
// (a service's shared inbox) weighs less, a maiden name joins a married one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../../shared/domain/normalise/contact.js';
import { importFile } from '../../electron/engine/import/import-file.js';
import { suggestRole } from '../../electron/engine/import/roles.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { compareInto, compilePlan } from '../../electron/engine/link/compare.js';
import { linkPersons } from '../../electron/engine/link/link-persons.js';
import { loadRecords } from '../../electron/engine/link/load-records.js';
import { buildModel, explainInto } from '../../electron/engine/link/model.js';
import { prepare } from '../../electron/engine/link/prepare.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { Store } from '../../electron/engine/store/store.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describe('contact details and previous surnames on import', () => {
  it.each([
    ['Email', 'email'],
    ['E-mail address', 'email'],
    ['email_address', 'email'],
    ['Mobile', 'phone'],
    ['Telephone number', 'phone'],
    ['Contact Number', 'phone'],
    ['Maiden name', 'previous_surname'],
    ['Previous surname', 'previous_surname'],
    ['Birth surname', 'previous_surname'],
    ['Previous forename', 'ignore'],
  ])('%s → %s', (header, role) => {
    expect(suggestRole(header, []).role).toBe(role);
  });

  it.each([
    [' Jo.Bloggs@Mail.COM ', 'jo.bloggs@mail.com'],
    ['mailto:a@b.org', 'a@b.org'],
    ['not an address', null],
    ['none@none.com', null],
    ['', null],
  ])('e-mail %j → %j', (raw, want) => {
    expect(normaliseEmail(raw)).toBe(want);
  });

  it.each([
    ['+44 7700 900123', '07700900123'],
    ['0044 (0)7700 900123', '07700900123'],
    ['07700-900-123', '07700900123'],
    ['01709 123456 ext 12', '01709123456'],
    ['01709 123456 / 07700 900123', '01709123456'],
    ['+1 212 555 0100', '0012125550100'],
    ['00000000000', null],
    ['123', null],
  ])('phone %j → %j', (raw, want) => {
    expect(normalisePhone(raw)).toBe(want);
  });

  it('stores them in the record, and the linker loads them', async () => {
    const dir = tempDir();
    const csv = join(dir, 'contacts.csv');
    writeFileSync(csv, 'Forename,Surname,Maiden name,DOB,Email,Mobile\nAnna,Kowalski,Nowak,1985-02-03,Anna.K@Example.com,+44 7700 900123\nPiotr,Kowalski,,1983-07-09,,\n');
    const store = Store.create(join(dir, 's.db'), 'a passphrase for tests', 'analyst');
    try {
      await importFile(store, csv, { user: 'analyst' }, silentJob());
      const rows = store.reader.prepare('SELECT previous_surname, email, phone FROM record ORDER BY id').all();
      expect(rows).toEqual([
        { previous_surname: 'Nowak', email: 'anna.k@example.com', phone: '07700900123' },
        { previous_surname: null, email: null, phone: null },
      ]);
      const records = loadRecords(store.reader);
      expect(records.map((r) => [r.previousSurname, r.email, r.phone])).toEqual([
        ['Nowak', 'anna.k@example.com', '07700900123'],
        [null, null, null],
      ]);
    } finally {
      store.close();
    }
  });
});

let nextId = 1;
const person = (f: Partial<LinkRecord>): LinkRecord => ({ ...blankLinkRecord(nextId++), forename: 'Anna', surname: 'Kowalski', dob: '1985-02-03', ...f });
const strangers = (n: number): LinkRecord[] =>
  Array.from({ length: n }, (_, k) => person({ forename: `Zed${k}`, surname: `Other${k % 7}`, dob: `19${40 + (k % 50)}-0${1 + (k % 9)}-1${k % 10}`, email: `z${k}@mail.test` }));

describe('the linker weighs contact details', () => {
  const spec = fixedSpec();
  const plan = compilePlan(spec);
  const levelOf = (a: Partial<LinkRecord>, b: Partial<LinkRecord>, name: string): string => {
    const p = prepare([person(a), person(b)]);
    const g = new Uint8Array(plan.comparisons.length);
    compareInto(p, plan, 0, 1, g, 0);
    const c = spec.comparisons.findIndex((x) => x.name === name);
    return spec.comparisons[c]!.levels[g[c] as number]!.label;
  };

  it.each([
    [{ email: 'anna.k@example.com' }, { email: 'anna.k@example.com' }, 'e-mail', 'equal'],
    [{ email: 'anna.k@example.com' }, { email: 'anna.k@exmaple.com' }, 'e-mail', 'one character different or two swapped'],
    [{ email: 'anna.k@example.com' }, { email: 'annak1985@mail.test' }, 'e-mail', 'different'],
    [{ email: 'anna.k@example.com' }, {}, 'e-mail', 'missing'],
    [{ phone: '07700900123' }, { phone: '07700900123' }, 'phone', 'equal'],
    [{ phone: '07700900123' }, { phone: '07700900132' }, 'phone', 'one digit different or two swapped'],
    [{ phone: '07700900123' }, { phone: '01709123456' }, 'phone', 'different'],
    [{ surname: 'Kowalski', previousSurname: 'Nowak' }, { surname: 'Nowak' }, 'surname', 'previous surname'],
  ])('%o / %o: %s %s', (a, b, name, label) => {
    expect(levelOf(a, b, name)).toBe(label);
    expect(levelOf(b, a, name)).toBe(label);
  });

  it('a shared inbox many records give weighs less than a personal address (term frequency)', () => {
    const records = [person({ email: 'anna.k@example.com' }), person({ email: 'anna.k@example.com' }), ...Array.from({ length: 40 }, () => person({ email: 'reception@school.test' }))];
    const p = prepare(records);
    const model = buildModel(spec, plan, p, 0.0001);
    const c = spec.comparisons.findIndex((x) => x.field === 'email');
    const weightOf = (i: number, j: number): number => {
      const g = new Uint8Array(plan.comparisons.length);
      compareInto(p, plan, i, j, g, 0);
      const out = new Float32Array(plan.comparisons.length);
      explainInto(model, g, 0, i, out);
      return out[c] as number;
    };
    expect(weightOf(0, 1)).toBeGreaterThan(weightOf(2, 3) + 3);
  });

  it('equal e-mail joins records that names alone leave apart (only names, a date of birth, a town and an e-mail)', async () => {
    const pair = [person({ forename: 'Anna', dob: '1985-02-03', email: 'anna.k@example.com' }), person({ forename: 'Ana', dob: null, email: 'anna.k@example.com' })];
    const without = [person({ forename: 'Anna', dob: '1985-02-03' }), person({ forename: 'Ana', dob: null })];
    const run = async (rs: LinkRecord[]): Promise<Int32Array> => (await linkPersons([...rs, ...strangers(300)], { spec: fixedSpec(), threads: 1 }, silentJob())).clusters.personOf;
    const a = await run(without);
    expect(a[0]).not.toBe(a[1]);
    const b = await run(pair);
    expect(b[0]).toBe(b[1]);
  });
});
