// `model export --format splink`: the trained model as Splink 4 settings. Checked against a
// schema of what Splink 4 accepts (its settings keys, no others: Splink builds its settings object
// from these keys and refuses unknown ones), level by level against the MatchSpec, and end to end
// through the real CLI on a demo borough.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { blockingRuleSql, toSplinkSettings } from '../../electron/engine/link/splink-export.js';
import { defaultMatchSpec } from '../../electron/engine/link/spec.js';
import { runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const probability = z.number().min(0).max(1);
const SplinkLevel = z
  .object({
    sql_condition: z.string().min(1),
    label_for_charts: z.string().optional(),
    m_probability: probability.optional(),
    u_probability: probability.optional(),
    is_null_level: z.boolean().optional(),
    tf_adjustment_column: z.string().optional(),
    tf_adjustment_weight: z.number().min(0).max(1).optional(),
    tf_minimum_u_value: z.number().min(0).max(1).optional(),
    disable_tf_exact_match_detection: z.boolean().optional(),
  })
  .strict();
const Splink4Settings = z
  .object({
    link_type: z.enum(['dedupe_only', 'link_only', 'link_and_dedupe']),
    probability_two_random_records_match: probability.optional(),
    em_convergence: z.number().min(1e-12).max(0.05).optional(),
    max_iterations: z.number().min(0).max(500).optional(),
    unique_id_column_name: z.string().optional(),
    source_dataset_column_name: z.string().optional(),
    retain_matching_columns: z.boolean().optional(),
    retain_intermediate_calculation_columns: z.boolean().optional(),
    additional_columns_to_retain: z.array(z.string()).optional(),
    bayes_factor_column_prefix: z.string().optional(),
    term_frequency_adjustment_column_prefix: z.string().optional(),
    comparison_vector_value_column_prefix: z.string().optional(),
    sql_dialect: z.enum(['spark', 'duckdb', 'sqlite', 'postgres']).optional(),
    linker_uid: z.string().optional(),
    blocking_rules_to_generate_predictions: z.array(z.union([z.string(), z.object({ blocking_rule: z.string().min(1), sql_dialect: z.string().optional() }).strict()])).optional(),
    comparisons: z
      .array(
        z
          .object({
            output_column_name: z.string().min(1),
            comparison_description: z.string().optional(),
            comparison_levels: z.array(SplinkLevel).min(2),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const tempDir = useTempDirs();

describe('the model as Splink 4 settings', () => {
  const spec = defaultMatchSpec();
  spec.probabilityTwoRandomRecordsMatch = 0.00012;
  spec.trainedAt = '2026-01-01T00:00:00.000Z';

  it('is valid Splink 4 settings, with every comparison, level, m and u of the spec', () => {
    const { settings, thresholdMatchProbability } = toSplinkSettings(spec);
    const parsed = Splink4Settings.parse(settings);
    expect(parsed.link_type).toBe('link_and_dedupe');
    expect(parsed.probability_two_random_records_match).toBe(0.00012);
    expect(thresholdMatchProbability).toBe(spec.threshold);
    expect(parsed.comparisons).toHaveLength(spec.comparisons.length);
    spec.comparisons.forEach((c, k) => {
      const levels = parsed.comparisons![k]!.comparison_levels;
      expect(levels).toHaveLength(c.levels.length);
      expect(levels[0]).toMatchObject({ is_null_level: true });
      expect(levels.at(-1)?.sql_condition).toBe('ELSE');
      c.levels.slice(1).forEach((l, i) => {
        expect(levels[i + 1]).toMatchObject({ label_for_charts: l.label, m_probability: l.m, u_probability: l.u });
      });
    });
  });

  it('says each level in SQL over the documented input columns', () => {
    const { settings } = toSplinkSettings(spec);
    const comparisons = Splink4Settings.parse(settings).comparisons!;
    const dob = comparisons.find((c) => c.output_column_name === 'dob')!.comparison_levels;
    expect(dob[1]!.sql_condition).toBe(`"dob_l" = "dob_r" AND substr("dob_l", 6, 5) <> '01-01'`);
    expect(dob.find((l) => l.label_for_charts === 'within a month')!.sql_condition).toBe(`abs(date_diff('day', CAST("dob_l" AS DATE), CAST("dob_r" AS DATE))) <= 31`);
    // a year alone: missing only where a year is (or the years are one apart), agreeing where the years are equal
    expect(dob[0]!.sql_condition).toBe('"birth_year_l" IS NULL OR "birth_year_r" IS NULL OR (("dob_l" IS NULL OR "dob_r" IS NULL) AND abs("birth_year_l" - "birth_year_r") = 1)');
    expect(dob[dob.length - 2]!.sql_condition).toBe('("dob_l" IS NULL OR "dob_r" IS NULL) AND "birth_year_l" = "birth_year_r"');
    expect(blockingRuleSql({ keys: ['surnamePhonetic', 'birthYear'] })).toBe('l."surname_soundex" = r."surname_soundex" AND l."birth_year" = r."birth_year"');
    const forename = comparisons.find((c) => c.output_column_name === 'first_name')!.comparison_levels;
    expect(forename[1]).toMatchObject({ sql_condition: '"first_name_l" = "first_name_r"', tf_adjustment_column: 'first_name', tf_adjustment_weight: 1 });
    const nino = comparisons.find((c) => c.output_column_name === 'nino')!.comparison_levels;
    expect(nino[2]!.sql_condition).toBe('hamming("nino_l", "nino_r") <= 2');
  });

  it('writes the blocking rules a run used, narrowed where the run narrowed them', () => {
    const { settings } = toSplinkSettings(spec, { rules: [{ rule: 'NHS number' }, { rule: 'name sounds, a date of birth missing' }] } as never);
    const rules = Splink4Settings.parse(settings).blocking_rules_to_generate_predictions as Array<{ blocking_rule: string }>;
    expect(rules.map((r) => r.blocking_rule)).toEqual([
      'l."nhs_number" = r."nhs_number"',
      'least(l."first_name_soundex", l."surname_soundex") = least(r."first_name_soundex", r."surname_soundex") AND greatest(l."first_name_soundex", l."surname_soundex") = greatest(r."first_name_soundex", r."surname_soundex") AND (l."dob" IS NULL OR r."dob" IS NULL)',
    ]);
    expect(blockingRuleSql({ keys: ['postcode', 'forenameInitial'] })).toBe('l."postcode" = r."postcode" AND substr(l."first_name", 1, 1) = substr(r."first_name", 1, 1)');
  });
});

describe('model export through the CLI', () => {
  it('writes the trained model of the latest run, and refuses a format it does not know', () => {
    const dir = tempDir();
    const db = join(dir, 'demo.db');
    const env = { BASELINE_PASSPHRASE: 'a passphrase for tests', BASELINE_HOME: dir };
    const demo = runCli(['--db', db, 'demo', '--households', '30', '--seed', '4', '--out', join(dir, 'demo'), '--json'], env);
    expect(demo.code, demo.stderr).toBe(0);
    const out = join(dir, 'splink.json');
    const exported = runCli(['--db', db, 'model', 'export', '--format', 'splink', '--out', out, '--json'], env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json).toMatchObject({ ok: true, command: 'model export', format: 'splink', run: 1, thresholdMatchProbability: 0.9 });
    const settings = Splink4Settings.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(settings.comparisons!.length).toBeGreaterThan(5);
    expect(settings.probability_two_random_records_match).toBeGreaterThan(0);
    expect(settings.blocking_rules_to_generate_predictions!.length).toBeGreaterThan(3);

    const bad = runCli(['--db', db, 'model', 'export', '--format', 'spss', '--json'], env);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ ok: false, error: { kind: 'usage' } });
    expect(bad.stderr).toMatch(/--format must be one of: splink/);
  }, 180_000);
});
