// Neighbourhood outcomes on a hand-built baseline (test/helpers/outcomes-fixture.ts): rates,
// the borough's rate, gaps and their trend worked out by hand; the displacement split when a
// family moves out; a suppressed cell with its secondary suppression; a period with no data.
import { describe, expect, it } from 'vitest';
import type { IndicatorResult } from '../../shared/ipc/channels/outcomes.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { NO_LOOKUP } from '../../electron/engine/outcomes/frame.js';
import { publishedIndicatorSeries } from '../../electron/engine/outcomes/index.js';
import { areaIndicatorSeries } from '../../electron/engine/outcomes/series.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { buildOutcomesFixture, FIXTURE_PASS, L1, L2, L3 } from '../helpers/outcomes-fixture.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

function series(path: string, disclosure: 'exact' | 'controlled', indicator = 'asb-incidents'): IndicatorResult {
  const store = Store.unlock(path, FIXTURE_PASS);
  try {
    return areaIndicatorSeries(store.reader, { indicator, period: 'quarter', disclosure }) [0] as IndicatorResult;
  } finally {
    store.close();
  }
}

const area = (r: IndicatorResult, name: string) => {
  const a = r.areas.find((x) => x.name === name);
  if (!a) throw new Error(`no area ${name}`);
  return a;
};

describe('outcomes per area and period', () => {
  it('computes rates, the borough rate, the gap and a closing trend by hand', () => {
    const r = series(buildOutcomesFixture(tempDir()), 'exact');
    expect(r.periods.map((p) => [p.key, p.status])).toEqual([['2024-Q1', 'complete'], ['2024-Q2', 'complete'], ['2024-Q3', 'complete']]);
    expect(r.denominator.basis).toBe('baseline');
    const t = area(r, 'Target');
    // Q1: H1+H2 live in L1 (30 people, 21 incidents); the borough has 80 people and 36 incidents.
    // Q2: H2 has moved to L3: 20 people, 12 incidents; borough 36/80.
    // Q3: H3 has moved in: 25 people, 15 incidents; borough 15 + 9 + 17 + 3 = 44/80.
    expect(t.series.map((s) => [s.count, s.denominator, s.rate, s.boroughCount, s.boroughDenominator, s.boroughRate])).toEqual([
      [21, 30, 700, 36, 80, 450],
      [12, 20, 600, 36, 80, 450],
      [15, 25, 600, 44, 80, 550],
    ]);
    expect(t.series.map((s) => s.gap)).toEqual([
      { difference: 250, ratio: 1.556 },
      { difference: 150, ratio: 1.333 },
      { difference: 50, ratio: 1.091 },
    ]);
    // Gaps 250, 150, 50 lie on a line: slope −100 per quarter with no spread, towards zero.
    expect(t.trend).toMatchObject({ direction: 'closing', slope: -100, lower: -100, upper: -100, periods: 3, baselinePeriod: '2024-Q1', latestPeriod: '2024-Q3' });
    // Byar's interval for 21 events: 13.00–32.10 events (the exact Poisson limits to 0.05), over 30 people.
    expect(t.series[0]?.ci?.lower).toBeCloseTo((13.0 / 30) * 1000, -1);
    expect(t.series[0]?.ci?.upper).toBeCloseTo((32.1 / 30) * 1000, -1);
    // Other (L2): 12/35, 12/35, 17/30 → gaps −107.14, −107.14, 16.67: no clear direction.
    const o = area(r, 'Other');
    expect(o.series.map((s) => s.rate)).toEqual([342.86, 342.86, 566.67]);
    expect(o.trend.direction).toBe('stable');
  });

  it('splits the target area\'s fall into the same people\'s change and the change from moves', () => {
    const d = area(series(buildOutcomesFixture(tempDir()), 'exact'), 'Target').displacement;
    expect(d).not.toBeNull();
    // Baseline Q1: H1 + H2 (30 people) at 700 per 1,000; latest Q3: H1 + H3 (25) at 600.
    expect(d).toMatchObject({
      baselinePeriod: '2024-Q1',
      latestPeriod: '2024-Q3',
      areaBefore: { people: 30, rateBefore: 700 },
      areaAfter: { people: 25, rateAfter: 600 },
      stayed: { people: 20, rateBefore: 600, rateAfter: 600 },
      movedOut: { people: 10, rateBefore: 900, rateAfter: 900 },
      movedIn: { people: 5, rateBefore: 0, rateAfter: 600 },
      samePeople: { people: 30, rateBefore: 700, rateAfter: 700 },
    });
    expect(d?.changeInArea).toBeCloseTo(-100, 6);
    expect(d?.changeSamePeople).toBeCloseTo(0, 6);
    // All of the fall comes from the family that moved out (and the one that moved in).
    expect(d?.changeFromMoves).toBeCloseTo(-100, 6);
  });

  it('withholds a count under 10 and a second cell so the borough total cannot give it back', () => {
    const path = buildOutcomesFixture(tempDir());
    const r = series(path, 'controlled');
    const q1 = (name: string) => area(r, name).series[0];
    // Small (L3) has 3 incidents in Q1: withheld. The three areas make up the borough, so the
    // smallest other count (Other, 12) is withheld too; Target (21) and the borough (36) stay.
    expect(q1('Small')).toMatchObject({ count: null, rate: null, gap: null, withheld: true, note: 'Fewer than 10: withheld.' });
    expect(q1('Other')).toMatchObject({ count: null, rate: null, withheld: true });
    expect(q1('Other')?.note).toMatch(/cannot be worked out/);
    expect(q1('Target')).toMatchObject({ count: 21, rate: 700, withheld: false, boroughCount: 36 });
    // The entry point for packs gives the same controlled figures.
    const store = Store.unlock(path, FIXTURE_PASS);
    const published = publishedIndicatorSeries(store, { indicator: 'asb-incidents', area: 'Small' });
    store.close();
    expect(published[0]?.disclosure).toBe('controlled');
    expect(published[0]?.areas[0]?.series[0]).toMatchObject({ count: null, withheld: true });
    // The trend is worked out from the gaps shown only.
    expect(area(r, 'Small').trend.periods).toBeLessThan(3);
    // Analysts see every figure.
    expect(series(path, 'exact').areas.find((a) => a.name === 'Small')?.series[0]).toMatchObject({ count: 3, withheld: false });
  });

  it('counts people on an out-of-work benefit on the last day of each quarter, each once', () => {
    const r = series(buildOutcomesFixture(tempDir()), 'exact', 'out-of-work-benefits');
    // The extract speaks from 15 January (its earliest closed spell) to 30 September.
    expect(r.periods.map((p) => [p.key, p.status])).toEqual([['2024-Q1', 'complete'], ['2024-Q2', 'complete'], ['2024-Q3', 'complete']]);
    // L2: 3 on JSA (one with two claims) + 2 on ESA at 31 March; ESA ended 10 May; Housing
    // Benefit is not an out-of-work benefit. Everyone is 44, so all are of working age:
    // 35 people (H3 + H4), then 30 once H3 has moved.
    const o = area(r, 'Other');
    expect(o.series.map((s) => [s.count, s.denominator, s.rate])).toEqual([
      [5, 35, 142.86],
      [3, 35, 85.71],
      [3, 30, 100],
    ]);
    expect(r.ciMethod).toMatch(/Wilson/);
  });

  it('counts pupils missing at least 10% of a term in the period the term ends, over children', () => {
    const r = series(buildOutcomesFixture(tempDir(), { pupils: true }), 'exact', 'persistent-absence');
    // Spring ends 14 April (Q2), summer 31 July (Q3); no term ends in Q1, so it has no period.
    expect(r.periods.map((p) => [p.key, p.status])).toEqual([['2024-Q2', 'complete'], ['2024-Q3', 'complete']]);
    // Spring: A (11%) and C (exactly 10%); B (9%) is under; D has no sessions possible.
    // Summer: A 8%, B 9%, C 5%: nobody. Four children aged 10 live in L1; nobody else is 0–15.
    const t = area(r, 'Target');
    expect(t.series.map((s) => [s.count, s.denominator, s.rate])).toEqual([
      [2, 4, 500],
      [0, 4, 0],
    ]);
    expect(t.series[0]?.boroughRate).toBe(500);
    expect(area(r, 'Other').series[0]).toMatchObject({ count: 0, denominator: 0, rate: null });
  });

  it('says which source is missing for a period instead of a zero', () => {
    const r = series(buildOutcomesFixture(tempDir()), 'exact', 'ae-attendances');
    expect(r.periods.map((p) => [p.key, p.status])).toEqual([['2024-Q1', 'complete'], ['2024-Q2', 'missing'], ['2024-Q3', 'complete']]);
    expect(r.periods[1]?.missingSources).toEqual(['Health (health)']);
    const q2 = area(r, 'Target').series[1];
    expect(q2).toMatchObject({ count: null, rate: null, status: 'missing' });
    expect(q2?.note).toMatch(/No data from Health/);
    // An indicator whose events nobody sent has no periods at all, and says so.
    const none = series(buildOutcomesFixture(tempDir()), 'exact', 'persistent-absence');
    expect(none.periods).toEqual([]);
    expect(none.warnings.join(' ')).toMatch(/No imported extract holds attendance events/);
  });

  it('answers through the engine: a co-ordinator gets controlled figures, an analyst saves an indicator', async () => {
    const path = buildOutcomesFixture(tempDir());
    const store = Store.unlock(path, FIXTURE_PASS);
    addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, 'coordinator passphrase');
    store.close();
    const analyst: Engine = createEngine({ storePath: path, host: 'browser', version: 't' });
    await analyst.invoke('store:unlock', { passphrase: FIXTURE_PASS });
    const saved = await analyst.invoke('outcomes:saveIndicator', { name: 'crime-incidents', label: 'Crime incidents', count: 'events', eventKinds: ['asb-incident'], categories: ['burglary'], rule: 'in-period', denominator: 'total' });
    expect(saved).toMatchObject({ ok: true, value: { name: 'crime-incidents', version: 1, preset: false } });
    const again = await analyst.invoke('outcomes:saveIndicator', { name: 'crime-incidents', label: 'Crime incidents (v2)', count: 'events', eventKinds: ['asb-incident'], rule: 'in-period', denominator: 'total' });
    expect(again).toMatchObject({ ok: true, value: { version: 2 } });
    expect(await analyst.invoke('outcomes:saveIndicator', { name: 'asb-incidents', label: 'Mine', count: 'events', eventKinds: ['asb-incident'], rule: 'in-period', denominator: 'total' })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const list = (await analyst.invoke('outcomes:indicators', {})) as { ok: true; value: Array<{ name: string; label: string }> };
    expect(list.value.map((i) => i.name)).toEqual(['persistent-absence', 'out-of-work-benefits', 'asb-incidents', 'youth-offences', 'ae-attendances', 'crime-incidents']);
    expect(list.value.at(-1)?.label).toBe('Crime incidents (v2)');
    analyst.close();

    const coordinator = createEngine({ storePath: path, host: 'browser', version: 't' });
    await coordinator.invoke('store:unlock', { passphrase: 'coordinator passphrase' });
    const res = (await coordinator.invoke('outcomes:areas', { indicator: 'asb-incidents', period: 'quarter', area: 'Small' })) as { ok: true; value: { results: IndicatorResult[] } };
    expect(res.ok).toBe(true);
    expect(res.value.results[0]?.disclosure).toBe('controlled');
    expect(res.value.results[0]?.areas.map((a) => a.name)).toEqual(['Small']);
    expect(res.value.results[0]?.areas[0]?.series[0]).toMatchObject({ count: null, withheld: true });
    expect(await coordinator.invoke('outcomes:saveIndicator', { name: 'x-y', label: 'Nope', count: 'events', eventKinds: ['asb-incident'], rule: 'in-period', denominator: 'total' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const map = (await coordinator.invoke('outcomes:map', { indicator: 'asb-incidents', measure: 'rate' })) as { ok: true; value: { values: Array<{ lsoa: string; value: number | null }> } };
    // Q3 per LSOA: L1 15, L2 17, L3 12 — none under 10, so every LSOA is shown.
    expect(map.value.values).toEqual([
      { lsoa: 'E01000001', value: 600 },
      { lsoa: 'E01000002', value: 566.67 },
      { lsoa: 'E01000003', value: 480 },
    ]);
    coordinator.close();
  });

  it('uses IoD denominators only when every borough LSOA has one, and flags an area whose LSOA split', () => {
    const path = buildOutcomesFixture(tempDir());
    const store = Store.unlock(path, FIXTURE_PASS);
    const db = store.writer;
    const geo = db.prepare("INSERT INTO geo_import(kind, file_name, sha256, size, layout, rows, lsoas, imported_at, imported_by) VALUES ('imd', 'f7.csv', 'y', 1, 'File 7', 2, 2, 'now', 'analyst')").run().lastInsertRowid;
    db.prepare("INSERT INTO iod_release(release, vintage, national_lsoas) VALUES ('IoD2025', 2021, 33755)").run();
    const pop = db.prepare("INSERT INTO iod_lsoa(release, lsoa, pop_total, pop_label, import_id) VALUES ('IoD2025', ?, ?, 'mid-2022', ?)");
    pop.run(L1, 1000, geo);
    pop.run(L2, 2000, geo);
    // An area drawn on LSOA 2011 codes: one 2011 LSOA split into L1 and L2 in 2021.
    db.prepare("INSERT INTO lsoa_change(fit, from_vintage, from_lsoa, to_vintage, to_lsoa, change, import_id) VALUES ('exact', 2011, 'E01099999', 2021, ?, 'S', ?)").run(L1, geo);
    db.prepare("INSERT INTO lsoa_change(fit, from_vintage, from_lsoa, to_vintage, to_lsoa, change, import_id) VALUES ('exact', 2011, 'E01099999', 2021, ?, 'S', ?)").run(L2, geo);
    const old = db.prepare("INSERT INTO area(name, kind, vintage, created_at, created_by) VALUES ('Old', 'custom', 2011, 'now', 'analyst')").run().lastInsertRowid;
    db.prepare("INSERT INTO area_lsoa(area_id, lsoa) VALUES (?, 'E01099999')").run(old);
    store.close();

    // L3 has no IoD population: the baseline's own counts are used, and the page says why.
    const partial = series(path, 'exact');
    expect(partial.denominator.basis).toBe('baseline');
    expect(partial.warnings.join(' ')).toMatch(/IoD2025 has no population of residents \(all ages\) for 1 of the borough's LSOAs \(E01000003\)/);
    const oldArea = area(partial, 'Old');
    expect(oldArea.flags.join(' ')).toMatch(/LSOA E01099999 split between the 2011 and 2021 vintages \(counted as E01000001, E01000002\)/);
    // Q1: L1 21 + L2 12 incidents over 30 + 35 people.
    expect(oldArea.series[0]).toMatchObject({ count: 33, denominator: 65 });

    const again = Store.unlock(path, FIXTURE_PASS);
    again.writer.prepare("INSERT INTO iod_lsoa(release, lsoa, pop_total, pop_label, import_id) VALUES ('IoD2025', ?, 500, 'mid-2022', ?)").run(L3, geo);
    again.close();
    const full = series(path, 'exact');
    expect(full.denominator).toMatchObject({ basis: 'iod' });
    expect(full.denominator.label).toMatch(/IoD2025 population denominators/);
    // Q1: 21 incidents over 1,000 residents; the borough 36 over 3,500.
    expect(area(full, 'Target').series[0]).toMatchObject({ count: 21, denominator: 1000, rate: 21, boroughRate: 10.29, boroughDenominator: 3500 });
  });
});

describe('outcomes without a postcode lookup', () => {
  it('says what to import (the lookup, by name and columns) instead of counting nobody', async () => {
    const path = buildOutcomesFixture(tempDir());
    const store = Store.unlock(path, FIXTURE_PASS);
    store.writer.exec('DELETE FROM postcode_lsoa');
    store.close();
    const engine = createEngine({ storePath: path, host: 'browser', version: '9.9.9' });
    await engine.invoke('store:unlock', { passphrase: FIXTURE_PASS });
    const r = await engine.invoke('outcomes:areas', { indicator: 'asb-incidents', period: 'quarter' });
    engine.close();
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-input', message: NO_LOOKUP } });
    expect(NO_LOOKUP).toMatch(/ONSPD or NSPL.*pcds.*lsoa21cd.*lookup import FILE/);
  });
});
