// The person linker on small in-memory record sets: clustering constraints (human decisions,
// conflicting identifiers, sources without duplicates), bad input, and the MatchSpec parser.
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../shared/ipc/result.js';
import { silentJob } from '../../electron/engine/jobs/job-context.js';
import { checkRecords, linkPersons, type LinkPersonsOptions } from '../../electron/engine/link/link-persons.js';
import { defaultMatchSpec, parseMatchSpec } from '../../electron/engine/link/spec.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { blankLinkRecord, fixedSpec } from '../helpers/link-record.js';

let nextId = 1;
const record = (f: Partial<LinkRecord>): LinkRecord => ({
  ...blankLinkRecord(nextId++),
  forename: 'Jane',
  surname: 'Doe',
  dob: '1980-05-12',
  sex: 'F',
  postcode: 'S60 1AB',
  postcodeRaw: 'S60 1AB',
  address: '14 Acacia Road, Wexthorpe',
  ...f,
});

/** Background people so there is something to compare with: all different. */
function strangers(n: number): LinkRecord[] {
  const first = ['Amir', 'Beth', 'Carl', 'Dina', 'Evan', 'Faye', 'Gus', 'Hana', 'Ivan', 'Jodi', 'Kemal', 'Lola', 'Mick', 'Nia', 'Otto', 'Pia', 'Quentin', 'Rosa', 'Sven', 'Tara'];
  const last = ['Ames', 'Boyd', 'Cole', 'Dunn', 'Eyre', 'Ford', 'Gray', 'Hart', 'Irwin', 'Judd', 'Kaur', 'Lowe', 'Moss', 'Nash', 'Owen', 'Pike', 'Quinn', 'Reid', 'Sykes', 'Todd', 'Udall', 'Vance', 'Wood', 'Xu', 'Yates', 'Zane', 'Abbot', 'Bligh', 'Croft', 'Drury'];
  return Array.from({ length: n }, (_, k) => {
    const day = new Date(Date.UTC(1940, 0, 2) + k * 37 * 86_400_000).toISOString().slice(0, 10);
    return record({
      forename: first[k % 20] as string,
      surname: last[Math.floor(k / 20) % 30] as string,
      dob: day,
      sex: k % 2 ? 'M' : 'F',
      postcode: `S${60 + (k % 7)} ${k % 9}${'ABDEFGHJ'[k % 8]}${'LNPQRSTU'[Math.floor(k / 8) % 8]}`,
      postcodeRaw: null,
      address: `${k + 1} Other Street`,
    });
  });
}

async function link(records: LinkRecord[], options: LinkPersonsOptions = {}): Promise<Int32Array> {
  const result = await linkPersons(records, { spec: fixedSpec(), threads: 1, ...options }, silentJob());
  return result.clusters.personOf;
}

describe('clustering constraints', () => {
  it('joins near-identical records into one person', async () => {
    const a = record({});
    const b = record({ forename: 'JANE', address: '14 Acacia Rd' });
    const personOf = await link([a, b, ...strangers(40)]);
    expect(personOf[0]).toBe(personOf[1]);
  });

  it('a human non-match decision splits a cluster, even through a third record', async () => {
    const a = record({});
    const b = record({ address: '14 Acacia Road' });
    const c = record({ sex: null });
    const all = [a, b, c, ...strangers(40)];
    const before = await link(all);
    expect(new Set([before[0], before[1], before[2]]).size).toBe(1);
    const after = await link(all, { decisions: [{ a: a.id, b: c.id, decision: 'non-match' }] });
    expect(after[0]).not.toBe(after[2]);
  });

  it('a human match decision joins records the model would keep apart', async () => {
    const a = record({});
    const b = record({ forename: 'Maria', surname: 'Santos', dob: '1966-02-03', postcode: 'DN1 2AA', postcodeRaw: null, address: '1 Far Lane' });
    const all = [a, b, ...strangers(40)];
    const before = await link(all);
    expect(before[0]).not.toBe(before[1]);
    const after = await link(all, { decisions: [{ a: a.id, b: b.id, decision: 'match' }] });
    expect(after[0]).toBe(after[1]);
  });

  it('two different valid NHS numbers never end up in one person', async () => {
    // identical details; a bridge record without an NHS number agrees with both
    const x = record({ nhsNumber: '9434765919' });
    const bridge = record({});
    const y = record({ nhsNumber: '9434765870' });
    const z = record({ nhsNumber: '9434765919' });
    const personOf = await link([x, bridge, y, z, ...strangers(40)]);
    expect(personOf[0]).not.toBe(personOf[2]);
    expect(personOf[3]).not.toBe(personOf[2]);
    expect(personOf[0]).toBe(personOf[3]);
  });

  it('conflicting UPNs keep people apart too', async () => {
    const personOf = await link([record({ upn: 'A123456789012' }), record({ upn: 'B123456789012' }), ...strangers(40)]);
    expect(personOf[0]).not.toBe(personOf[1]);
  });

  it('a NINO one digit off is a likely typo, not a veto: name, date of birth and home still join the records', async () => {
    const personOf = await link([record({ nino: 'AB123456C' }), record({ nino: 'AB123457C' }), ...strangers(40)]);
    expect(personOf[0]).toBe(personOf[1]);
  });

  it('a wholly different NINO counts against a pair without forbidding it', async () => {
    const personOf = await link([record({ nino: 'AB123456C' }), record({ nino: 'JK987654A' }), ...strangers(40)]);
    expect(personOf[0]).toBe(personOf[1]);
  });

  it('"no duplicates within this source" keeps two records of that source apart', async () => {
    const a = record({ sourceId: 7 });
    const b = record({ sourceId: 7 });
    const c = record({ sourceId: 8 });
    const all = [a, b, c, ...strangers(40)];
    expect((await link(all))[0]).toBe((await link(all))[1]);
    const spec = fixedSpec((s) => {
      s.noDuplicatesWithinSources = [7];
    });
    const personOf = await link(all, { spec });
    expect(personOf[0]).not.toBe(personOf[1]);
    expect(personOf[2] === personOf[0] || personOf[2] === personOf[1]).toBe(true);
  });
});

describe('training without labels', () => {
  it('estimates m, u and the prior and saves them in the spec', async () => {
    const people = strangers(300);
    const dups = people.slice(0, 100).map((r, k) => ({ ...r, id: nextId++, forename: k % 5 === 0 ? (r.forename as string).toUpperCase() : r.forename, address: k % 3 ? r.address : null }));
    const result = await linkPersons([...people, ...dups], { threads: 1 }, silentJob());
    expect(result.spec.trainedAt).not.toBeNull();
    expect(result.prior).toBeGreaterThan(0);
    expect(result.prior).toBeLessThan(0.01);
    const dob = result.spec.comparisons.find((c) => c.field === 'dob');
    const exact = dob?.levels.find((l) => l.kind === 'exact');
    expect(exact?.m).toBeGreaterThan(0.5);
    expect(exact?.u).toBeLessThan(0.05);
    // the trained spec parses back and reproduces the result
    const again = await linkPersons([...people, ...dups], { spec: parseMatchSpec(JSON.stringify(result.spec)), threads: 1 }, silentJob());
    expect(Array.from(again.clusters.personOf)).toEqual(Array.from(result.clusters.personOf));
    expect(result.clusters.personCount).toBe(300);
  });
});

describe('bad input', () => {
  const kindOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'none';
    } catch (error) {
      return error instanceof WorkbenchError ? `${error.kind}: ${error.message}` : 'not a WorkbenchError';
    }
  };

  it('no records', async () => {
    expect(await kindOf(linkPersons([], {}, silentJob()))).toMatch(/^bad-input: There are no records/);
  });

  it('a source with no usable name fields', async () => {
    const rs = [...strangers(20), record({ sourceId: 9, forename: 'UNKNOWN', surname: null }), record({ sourceId: 9, forename: null, surname: 'N/A' })];
    expect(await kindOf(linkPersons(rs, {}, silentJob(), (id) => `extract-${id}.csv`))).toMatch(/^bad-input: extract-9\.csv: no record has a usable forename or surname/);
  });

  it('all dates of birth missing', async () => {
    const rs = strangers(20).map((r) => ({ ...r, dob: null }));
    expect(await kindOf(linkPersons(rs, {}, silentJob()))).toMatch(/^bad-input: No record has a date of birth/);
    // a year of birth alone (a burial register's ages) tells namesakes apart: no refusal, no warning
    expect(checkRecords(rs.map((r) => ({ ...r, dobYear: 1843 })), String)).toEqual([]);
  });

  it('one giant block', async () => {
    const rs = strangers(1200).map((r) => ({ ...r, dob: '1990-05-05' }));
    const spec = defaultMatchSpec();
    spec.maxBlockSize = 500;
    expect(await kindOf(linkPersons(rs, { spec, threads: 1 }, silentJob()))).toMatch(/^bad-input: Blocking rule "date of birth" puts 1,200 of 1,200 records into one block/);
  });

  it('too many comparisons', async () => {
    const spec = defaultMatchSpec();
    spec.maxComparisons = 10;
    expect(await kindOf(linkPersons(strangers(200), { spec, threads: 1 }, silentJob()))).toMatch(/^bad-input: Blocking would compare up to/);
  });

  it.each([
    { description: 'not JSON', input: '{ "kind": ', message: /is not valid JSON/ },
    { description: 'wrong shape', input: JSON.stringify({ hello: 'world' }), message: /kind: / },
    {
      description: 'a level kind the field does not have',
      input: JSON.stringify({ ...defaultMatchSpec(), comparisons: [{ name: 'sex', field: 'sex', levels: [{ label: 'n', kind: 'null', m: null, u: null }, { label: 'x', kind: 'nickname', m: 0.5, u: 0.5 }, { label: 'e', kind: 'else', m: 0.5, u: 0.5 }] }] }),
      message: /comparisons\.0 \(sex\)\.levels\.1 \(x\): a sex comparison has no "nickname" level/,
    },
    {
      description: 'else not last',
      input: JSON.stringify({ ...defaultMatchSpec(), comparisons: [{ name: 'sex', field: 'sex', levels: [{ label: 'n', kind: 'null', m: null, u: null }, { label: 'e', kind: 'else', m: 0.5, u: 0.5 }, { label: 'x', kind: 'exact', m: 0.5, u: 0.5 }] }] }),
      message: /the "else" level must come last/,
    },
    { description: 'a probability out of range', input: JSON.stringify({ ...defaultMatchSpec(), threshold: 1.5 }), message: /threshold: / },
    { description: "a training rule with no keys", input: JSON.stringify({ ...defaultMatchSpec(), trainingRules: [{ name: "nope", keys: [] }] }), message: /trainingRules\.0\.keys/ },
  ])('a hand-edited spec: $description', ({ input, message }) => {
    let error: unknown;
    try {
      parseMatchSpec(input, 'spec.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).kind).toBe('bad-input');
    expect((error as WorkbenchError).message).toMatch(/^spec\.json is not (valid JSON|a valid MatchSpec)/);
    expect((error as WorkbenchError).message).toMatch(message);
  });
});
