// The demo borough with PERFECT linkage (its truth.csv as the Run): the cohort the engine evaluates
// is the generator's true cohort for every family, every qualifying family's evidence resolves to
// its spreadsheet rows, the export keeps its machine-readable contract, and a what-if moves counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CohortSummary, FamilyEvidence, OutcomesReport, ProgrammeDefinition, ProgrammeVersion } from '../../shared/ipc/channels/cohort.js';
import { cohortCounts } from '../../electron/engine/cohort/cohort.js';
import { getProgramme } from '../../electron/engine/cohort/programmes.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import type { Store } from '../../electron/engine/store/store.js';
import { demoWithTruthLinkage, parseCsv } from '../helpers/cohort-demo.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const AS_OF = '2025-03-31';
const PHASE_1 = 'troubled-families-phase-1';

let dir: string;
let outDir: string;
let store: Store;
let engine: Engine;

async function value<T>(p: Promise<unknown>): Promise<T> {
  const r = (await p) as { ok: boolean; value?: T; error?: unknown };
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

beforeAll(async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  dir = mkdtempSync(join(tmpdir(), 'bw-cohort-'));
  ({ store, outDir } = await demoWithTruthLinkage(dir, 900, 5));
  engine = createEngine({ storePath: join(dir, 'demo.db'), host: 'cli', version: 't', user: 't' });
  engine.adoptStore(store);
}, 120_000);

afterAll(async () => {
  engine?.close();
  const { rmSync } = await import('node:fs');
  rmSync(dir, { recursive: true, force: true });
});

describe('the phase 1 cohort of the demo borough with perfect linkage', () => {
  it('matches the generator’s true cohort for every family, flags and rows', async () => {
    const out = join(tempDir(), 'cohort.csv');
    const result = await value<{ families: number; qualifying: number }>(engine.invoke('cohort:export', { programme: PHASE_1, asOf: AS_OF, out }));
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith('family_id,as_of,crime_asb,education,work,local_filter,qualifies,rows\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [, ...got] = parseCsv(text);
    const [, ...truth] = parseCsv(readFileSync(join(outDir, 'truth-cohort.csv'), 'utf8'));
    expect(truth.filter((r) => r[6] === '1').length).toBeGreaterThanOrEqual(8);
    const key = (r: string[]): string => r.slice(0, 7).join(',');
    expect(got.map(key).sort()).toEqual(truth.map(key).sort());
    const rowsOf = (rows: string[][]): Map<string, string> => new Map(rows.map((r) => [r[0]!, r[7]!.split(';').sort().join(';')]));
    expect(rowsOf(got)).toEqual(rowsOf(truth));
    expect(result.qualifying).toBe(truth.filter((r) => r[6] === '1').length);
  });

  it('resolves every qualifying family’s evidence to spreadsheet rows the family holds', async () => {
    const summary = await value<CohortSummary>(engine.invoke('cohort:evaluate', { programme: PHASE_1, asOf: AS_OF, limit: 1000 }));
    const qualifying = summary.families.filter((f) => f.qualifies);
    expect(qualifying.length).toBe(summary.qualifying);
    for (const f of qualifying) {
      const detail = await value<FamilyEvidence>(engine.invoke('cohort:family', { programme: PHASE_1, asOf: AS_OF, familyId: f.familyId }));
      const held = new Set(detail.rows.map((r) => `${r.file}|${r.sheet}|${r.row}`));
      const met = detail.criteria.filter((c) => c.status === 'met');
      expect(met.length, f.familyId).toBeGreaterThanOrEqual(2);
      for (const c of met) {
        const events = c.evidence.flatMap((e) => e.events);
        expect(events.length, `${f.familyId} ${c.id}`).toBeGreaterThan(0);
        for (const e of events) expect(held.has(`${e.file}|${e.sheet}|${e.row}`), `${f.familyId} ${c.id}`).toBe(true);
      }
      // perfect linkage joins records only where the truth does: nothing rests on a weak link
      expect(detail.confidence.probability).toBe(1);
    }
  });

  it('says which programme version and as-of date made a cohort, and records it', async () => {
    const summary = await value<CohortSummary>(engine.invoke('cohort:evaluate', { programme: PHASE_1, asOf: AS_OF }));
    expect(summary.programme).toMatchObject({ name: PHASE_1, version: 1, preset: true, edited: false });
    expect(summary.asOf).toBe(AS_OF);
    const made = store.reader.prepare('SELECT programme, version, as_of FROM cohort_run ORDER BY id DESC LIMIT 1').get();
    expect(made).toEqual({ programme: PHASE_1, version: 1, as_of: AS_OF });
  });

  it('moves the counts when the local filter is edited, without saving anything', async () => {
    const preset = await value<ProgrammeVersion>(engine.invoke('programme:show', { programme: PHASE_1 }));
    const base = await value<CohortSummary>(engine.invoke('cohort:evaluate', { programme: PHASE_1, asOf: AS_OF }));
    const withFilter = (n: number): ProgrammeDefinition => ({
      ...preset.definition,
      localFilter: { ...preset.definition.localFilter!, tests: preset.definition.localFilter!.tests.map((t) => ({ ...t, threshold: n })) },
    });
    const looser = await value<CohortSummary>(engine.invoke('cohort:evaluate', { programme: PHASE_1, asOf: AS_OF, definition: withFilter(1) }));
    expect(looser.programme.edited).toBe(true);
    expect(looser.qualifying!).toBeGreaterThan(base.qualifying!);
    const stricter = await value<CohortSummary>(engine.invoke('cohort:evaluate', { programme: PHASE_1, asOf: AS_OF, definition: withFilter(50) }));
    expect(stricter.qualifying!).toBeLessThan(base.qualifying!);
    expect(stricter.combinations.every((c) => !c.key.includes('local_filter'))).toBe(true);
  });

  it('gives other features aggregates only: counts by criterion, combination and area, disclosure-controlled', () => {
    const p = getProgramme(store.reader, PHASE_1);
    const exact = cohortCounts(store.reader, { name: p.name, version: p.version, definition: p.definition, asOf: AS_OF, disclosure: 'exact' });
    const rounded = cohortCounts(store.reader, { name: p.name, version: p.version, definition: p.definition, asOf: AS_OF, disclosure: 'rounded' });
    expect(exact.programme).toEqual({ name: PHASE_1, version: 1 });
    expect(exact.byCriterion.map((c) => c.key)).toEqual(['crime_asb', 'education', 'work']);
    expect(exact.byArea.reduce((n, a) => n + (a.families ?? 0), 0)).toBeGreaterThanOrEqual(exact.qualifying!);
    for (const c of [...rounded.byCriterion, ...rounded.combinations, ...rounded.byArea, ...rounded.byDecile]) expect(c.families === null || c.families % 5 === 0, c.key).toBe(true);
    expect(JSON.stringify(rounded)).not.toMatch(/"H\d|P\d|\.csv|\.xlsx/);
    // Combinations and deciles add up to the qualifying families: a withheld one must not follow from the total and the rest.
    for (const list of ['combinations', 'byDecile'] as const) {
      const withheld = rounded[list].filter((c) => c.families === null).map((c) => c.key);
      expect(withheld.length === 0 || withheld.length >= 2 || rounded.qualifying === null, list).toBe(true);
      for (const c of rounded[list]) if ((exact[list].find((e) => e.key === c.key)?.families ?? 0) < 10) expect(c.families, `${list} ${c.key}`).toBeNull();
    }
  });

  it('keeps every version of an analyst’s copy; presets stay read-only', async () => {
    const copy = await value<ProgrammeVersion>(engine.invoke('programme:copy', { from: PHASE_1, name: 'wexthorpe-local' }));
    expect(copy).toMatchObject({ name: 'wexthorpe-local', version: 1, preset: false, basedOn: `${PHASE_1} v1` });
    const edited = { ...copy.definition, target: 12 };
    const v2 = await value<ProgrammeVersion>(engine.invoke('programme:save', { name: 'wexthorpe-local', definition: edited }));
    expect(v2.version).toBe(2);
    expect(await value<ProgrammeVersion>(engine.invoke('programme:show', { programme: 'wexthorpe-local', version: 1 }))).toMatchObject({ definition: { target: 730 } });
    expect(await engine.invoke('programme:save', { name: PHASE_1, definition: edited })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const list = await value<Array<{ name: string; latestVersion: number }>>(engine.invoke('programme:list', {}));
    expect(list.find((p) => p.name === 'wexthorpe-local')?.latestVersion).toBe(2);
  });

  it('reports phase 2 and Supporting Families headings no source can feed as "no data", never zero', async () => {
    for (const programme of ['troubled-families-phase-2', 'supporting-families']) {
      const s = await value<CohortSummary>(engine.invoke('cohort:evaluate', { programme, asOf: AS_OF }));
      const none = s.headings.filter((h) => h.data === 'no-data');
      expect(none.length, programme).toBeGreaterThan(0);
      for (const h of none) {
        expect(h.families).toBeNull();
        expect(s.messages.join(' ')).toContain(h.label);
      }
    }
  });

  it('gives every attached family the generator’s true outcome status for each result measure', async () => {
    const report = await value<OutcomesReport>(engine.invoke('outcomes:families', { programme: PHASE_1, asOf: AS_OF, attachedOn: '2024-09-30' }));
    const [, ...truth] = parseCsv(readFileSync(join(outDir, 'truth-outcomes.csv'), 'utf8'));
    expect(truth.length).toBeGreaterThan(0);
    const got = report.families.map((f) => [f.familyId, f.attachedOn, AS_OF, ...f.measures.map((m) => m.status)].join(',')).sort();
    expect(got).toEqual(truth.map((r) => r.join(',')).sort());
  });

  it('gives each attached family a status per result measure, saying what data is missing', async () => {
    const report = await value<OutcomesReport>(engine.invoke('outcomes:families', { programme: PHASE_1, asOf: AS_OF }));
    expect(report.families.length).toBeGreaterThan(0);
    expect(report.families.some((f) => f.timeline.length > 0)).toBe(true);
    for (const f of report.families) {
      expect(f.measures.map((m) => m.id)).toEqual(['education', 'asb', 'youth_offending', 'employment', 'progress_to_work']);
      for (const t of f.timeline) expect(t.date >= '2024-03-31' && t.date <= AS_OF, t.date).toBe(true);
      const progress = f.measures.find((m) => m.id === 'progress_to_work')!;
      expect(progress).toMatchObject({ status: 'insufficient-data' });
      expect(progress.detail).toMatch(/Work Programme/);
    }
  });
  it('measures each family from the day it first met the criteria when asked (per family), as if attached that day', async () => {
    const cohortDate = '2024-09-30';
    const report = await value<OutcomesReport>(engine.invoke('outcomes:families', { programme: PHASE_1, asOf: AS_OF, attachedOn: cohortDate, perFamily: true }));
    expect(report.attachedOn).toBe(cohortDate);
    expect(report.families.every((f) => f.attachedOn <= cohortDate && f.attachedOn >= '2023-09-30')).toBe(true);
    const earlier = report.families.filter((f) => f.attachedOn < cohortDate);
    expect(earlier.length).toBeGreaterThan(0);
    // The same family asked on its own with its own date as the attachment date gets the same measures.
    for (const f of earlier.slice(0, 3)) {
      const alone = await value<OutcomesReport>(engine.invoke('outcomes:families', { programme: PHASE_1, asOf: AS_OF, attachedOn: f.attachedOn, familyId: f.familyId }));
      expect(alone.families[0]?.measures).toEqual(f.measures);
    }
  });
});
