// Records prepared on a worker thread while they load (front-thread.ts) give the same columns,
// bit for bit, as preparing them afterwards on one thread — also when records without a UK
// postcode get their raw postcode cell only after every record has loaded, as the loader fills it.
// Blocking shared with that worker (blocking-parallel.ts) gives the same pairs, in the same order,
// and the same analysis as blocking on one thread; a failure on the worker is a clear error.
import { describe, expect, it } from 'vitest';
import { partsOf } from '../../electron/engine/link/load-records.js';
import { prepare, type Prepared } from '../../electron/engine/link/prepare.js';
import { FrontThread } from '../../electron/engine/link/front-thread.js';
import type { LinkRecord } from '../../electron/engine/link/types.js';
import { rng } from '../../electron/engine/link/train.js';
import { blankLinkRecord } from '../helpers/link-record.js';
import { findCandidatePairs } from '../../electron/engine/link/blocking-parallel.js';
import type { BlockingColumns, BlockingOptions } from '../../electron/engine/link/blocking.js';
import { defaultMatchSpec, type BlockingRule } from '../../electron/engine/link/spec.js';

const FORENAMES = ['Ann', 'Mary Ann', 'Wm', 'William', 'Mohammed', 'Muhammad', 'Jo', 'UNKNOWN', 'Zoë', 'Li', 'Jean-Paul', null];
const SURNAMES = ['Smith', 'Smith-Jones', 'Khan', 'Ann', 'Szczepański', 'O Neil', null];
const STREETS = ['ACACIA ROAD', 'HIGH STREET', 'MILL LANE'];

/** Varied records: stored address parts and address text only, UK postcodes and raw codes given late. */
function records(n: number): { records: LinkRecord[]; parts: Array<string | null>; lateRaw: Map<number, string | null> } {
  const random = rng(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const out: LinkRecord[] = [];
  const parts: Array<string | null> = [];
  const lateRaw = new Map<number, string | null>();
  // one parts object per stored address, shared by its records, as the loader shares them (the
  // worker then gets a home's text once and its index after)
  const shared = new Map<string, LinkRecord['addressParts']>();
  for (let i = 0; i < n; i++) {
    const r: LinkRecord = {
      ...blankLinkRecord(i + 1),
      sourceId: 1 + (i % 3),
      forename: pick(FORENAMES),
      middleNames: random() < 0.2 ? 'Rose May' : null,
      surname: pick(SURNAMES),
      previousSurname: random() < 0.1 ? 'Brown' : null,
      dob: random() < 0.1 ? null : random() < 0.05 ? '1900-01-01' : `19${50 + Math.floor(random() * 50)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      sex: pick(['M', 'F', 'U', null] as const),
      uprn: random() < 0.5 ? String(100000 + Math.floor(random() * 300)) : null,
      nhsNumber: random() < 0.3 ? String(9000000000 + Math.floor(random() * 500)) : null,
      nino: random() < 0.2 ? `AB${100000 + Math.floor(random() * 200)}C` : null,
      otherId: random() < 0.1 ? pick(['12345', '0000', 'N/A', '998877']) : null,
      email: random() < 0.2 ? `p${Math.floor(random() * 100)}@example.org` : null,
      phone: random() < 0.2 ? `0114${Math.floor(random() * 1000)}` : null,
      // a title gives the sex where no column does, on either thread
      title: random() < 0.3 ? pick(['Mr', 'Mrs', 'Miss', 'Master']) : null,
    };
    const kind = random();
    if (kind < 0.6) {
      r.postcode = `S${60 + Math.floor(random() * 4)} ${Math.floor(random() * 9)}AB`;
      r.postcodeRaw = r.postcode;
    } else if (kind < 0.8) {
      // no UK postcode: the loader reads the raw cell only after every record (fillRawPostcodes)
      lateRaw.set(i, pick(['4223', 'S61 2ZZ', 'abc 12', null]));
    }
    let joined: string | null = null;
    if (random() < 0.7) {
      joined = [random() < 0.2 ? 'FLAT 2' : '', String(1 + Math.floor(random() * 40)), '', pick(STREETS), '', 'WEXTHORPE'].join('\u001f');
      r.addressParts = shared.get(joined) ?? partsOf(joined);
      shared.set(joined, r.addressParts);
      r.address = 'as stored';
    } else if (random() < 0.5) r.address = `${1 + Math.floor(random() * 40)} ${pick(STREETS)}, Wexthorpe S60 1AB`;
    out.push(r);
    parts.push(joined);
  }
  return { records: out, parts, lateRaw };
}

/** The loader's way: each record as built (raw postcode not yet read), then the raw cells filled, then `end`. */
async function streamed(
  rs: readonly LinkRecord[],
  parts: ReadonlyArray<string | null>,
  lateRaw: ReadonlyMap<number, string | null>,
  start: number,
  then?: (p: Prepared, front: FrontThread) => Promise<void>,
): Promise<Prepared | null> {
  const stream = new FrontThread(start);
  try {
    const loaded = rs.map((r, i) => ({ ...r, postcodeRaw: lateRaw.has(i) ? null : r.postcodeRaw }));
    loaded.forEach((r, i) => stream.add(r, parts[i] ?? null));
    for (const [i, raw] of lateRaw) (loaded[i] as LinkRecord).postcodeRaw = raw;
    const p = await stream.end(loaded);
    if (p && then) await then(p, stream);
    return p;
  } finally {
    await stream.close();
  }
}

describe('preparing records on a worker while they load', () => {
  it('gives the columns and dictionaries one pass gives, postcodes read late included', async () => {
    const { records: rs, parts, lateRaw } = records(3000);
    const expected = prepare(rs.map((r, i) => ({ ...r, postcodeRaw: lateRaw.has(i) ? (lateRaw.get(i) ?? null) : r.postcodeRaw })));
    let blocked = false;
    const got = await streamed(rs, parts, lateRaw, 100, async (p, front) => {
      // blocking shared with the worker: broad rules narrowed, a rule only for records missing a field
      const spec = defaultMatchSpec();
      spec.blockingRules = spec.blockingRules.map((r) => (r.narrowTo ? { ...r, narrowAbove: 1 } : r));
      const options: BlockingOptions = { linkType: spec.linkType, maxBlockSize: spec.maxBlockSize, noDuplicatesWithin: new Set([2]) };
      const one = await findCandidatePairs(p, spec, options, undefined);
      expect(front.running).toBe(true);
      const two = await findCandidatePairs(p, spec, options, front);
      expect(one.analysis.narrowed.length).toBeGreaterThan(0);
      expect(one.analysis.rules.some((r) => r.keys.length > 1 && r.newComparisons > 0)).toBe(true);
      expect(one.pairs.count).toBeGreaterThan(1000);
      expect(two.analysis).toEqual(one.analysis);
      expect([...two.pairs.a]).toEqual([...one.pairs.a]);
      expect([...two.pairs.b]).toEqual([...one.pairs.b]);
      expect([...two.pairs.rule]).toEqual([...one.pairs.rule]);
      // the worker's failure is the Run's error, named
      await expect(front.request({ kind: 'group', columns: { n: p.n } as unknown as BlockingColumns, rules: [spec.blockingRules[0] as BlockingRule], maxBlockSize: 10 })).rejects.toThrow(
        /the linker's worker thread failed/,
      );
      blocked = true;
    });
    expect(got).not.toBeNull();
    expect(blocked).toBe(true);
    // a raw code read late was interned after later records' UK postcodes, and renumbered
    expect(expected.postcodes.indexOf('4223')).toBeGreaterThan(-1);
    expect({ ...got, details: undefined }).toEqual({ ...expected, details: undefined });
    expect(got?.details).toEqual(expected.details);
  });

  it('leaves fewer records than its threshold to the calling thread', async () => {
    const { records: rs, parts, lateRaw } = records(50);
    expect(await streamed(rs, parts, lateRaw, 100)).toBeNull();
  });

  it('refuses a load that differs from the records it was given, with a clear error', () => {
    const { records: rs, parts } = records(200);
    const stream = new FrontThread(10);
    rs.forEach((r, i) => stream.add(r, parts[i] ?? null));
    expect(() => stream.end(rs.slice(1))).toThrow(/200 records added, 199 loaded/);
    return stream.close();
  });
});
