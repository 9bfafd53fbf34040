// The external CLI contract for neighbourhood outcomes: `indicator list` and `outcomes areas`
// with --json (rates, the borough's rate, the gap and its trend per area and period).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { buildOutcomesFixture, FIXTURE_PASS } from '../helpers/outcomes-fixture.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

describe('CLI: indicator list and outcomes areas', () => {
  // Six CLI processes: generous on a busy machine (each is a few seconds of tsx start-up).
  it('lists indicators, reports one area\'s series, and refuses bad options with exit 1', { timeout: 120_000 }, () => {
    const dir = tempDir();
    const db = buildOutcomesFixture(dir);
    const env = { BASELINE_PASSPHRASE: FIXTURE_PASS, BASELINE_HOME: dir };
    const list = runCli(['indicator', 'list', '--db', db, '--json'], env);
    expect(list.code, list.stderr).toBe(0);
    expect((list.json?.indicators as Array<{ name: string }>).map((i) => i.name)).toContain('asb-incidents');

    const r = runCli(['outcomes', 'areas', '--indicator', 'asb-incidents', '--period', 'quarter', '--area', 'Target', '--db', db, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const areas = r.json?.areas as Array<{ name: string; series: Array<{ period: string; rate: number; boroughRate: number; gap: { difference: number } }>; trend: { direction: string } }>;
    expect(areas.map((a) => a.name)).toEqual(['Target']);
    expect(areas[0]?.series.map((s) => [s.period, s.rate, s.boroughRate, s.gap.difference])).toEqual([
      ['2024-Q1', 700, 450, 250],
      ['2024-Q2', 600, 450, 150],
      ['2024-Q3', 600, 550, 50],
    ]);
    expect(areas[0]?.trend.direction).toBe('closing');
    expect(r.stderr).toMatch(/Target: gap closing/);

    // --published: disclosure control as in any export (Small's 3 incidents in Q1 withheld).
    const pub = runCli(['outcomes', 'areas', '--indicator', 'asb-incidents', '--area', 'Small', '--published', '--db', db, '--json'], env);
    expect(pub.code, pub.stderr).toBe(0);
    expect((pub.json?.areas as Array<{ series: Array<{ count: number | null; withheld: boolean }> }>)[0]?.series[0]).toMatchObject({ count: null, withheld: true });

    // An analyst's own indicator from a definition file.
    const spec = join(dir, 'crime.json');
    writeFileSync(spec, JSON.stringify({ name: 'crime-incidents', label: 'Crime incidents', count: 'events', eventKinds: ['asb-incident'], rule: 'in-period', denominator: 'total' }));
    expect(runCli(['indicator', 'add', '--spec', spec, '--db', db, '--json'], env).json).toMatchObject({ ok: true, indicator: { name: 'crime-incidents', version: 1 } });

    expect(runCli(['outcomes', 'areas', '--period', 'week', '--db', db], env).code).toBe(1);
    const unknown = runCli(['outcomes', 'areas', '--indicator', 'no-such', '--db', db, '--json'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.json).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
