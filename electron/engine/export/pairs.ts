import { WorkbenchError } from '../../../shared/ipc/result.js';
import { weightOf } from '../link/model.js';
import type { MatchSpec } from '../link/spec.js';
import type { Db } from '../store/database.js';
import { writeCsvFile } from './csv-writer.js';

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

export interface ExportPairsOptions {
  /** a Run id; default the latest */
  run?: number;
  /** only pairs at or above this probability (default: all stored, i.e. the Run's floor) */
  minProbability?: number;
}

/**
 * Writes `export pairs`: every stored scored pair of a Run with its probability, match weight
 * (bits) and, per comparison, the level and its weight — the waterfall: match_weight =
 * prior_weight + Σ comparison weights. Numbers are never altered; text that could start a
 * formula (a partner's file or sheet name) is kept as text, as in every export for people.
 */
export function exportPairs(db: Db, outPath: string, options: ExportPairsOptions = {}): { rows: number; run: number } {
  const run = options.run ?? (db.prepare('SELECT max(id) AS id FROM link_run').get() as { id: number | null }).id;
  if (run === null || run === undefined) throw new WorkbenchError('not-found', 'There is no linkage run yet; run `link` first.');
  const meta = db.prepare('SELECT spec_json, prior FROM link_run WHERE id = ?').get(run) as { spec_json: string; prior: number } | undefined;
  if (!meta) throw new WorkbenchError('not-found', `There is no linkage run ${run}.`);
  const spec = JSON.parse(meta.spec_json) as MatchSpec;
  const header = [
    'a_file',
    'a_sheet',
    'a_row_number',
    'a_person_id',
    'b_file',
    'b_sheet',
    'b_row_number',
    'b_person_id',
    'probability',
    'match_weight',
    'prior_weight',
    ...spec.comparisons.flatMap((c) => [`${slug(c.name)}_level`, `${slug(c.name)}_weight`]),
  ];
  const priorWeight = Math.round(weightOf(meta.prior) * 1000) / 1000;
  const stmt = db.prepare(
      `SELECT sa.file_name AS aFile, sha.sheet AS aSheet, wa.row_number AS aRow, pa.person_id AS aPerson,
              sb.file_name AS bFile, shb.sheet AS bSheet, wb.row_number AS bRow, pb.person_id AS bPerson,
              p.probability AS probability, p.match_weight AS weight, p.levels AS levels, p.weights AS weights
       FROM link_pair p
       JOIN record ra ON ra.id = p.record_a JOIN raw_row wa ON wa.id = ra.raw_row_id JOIN source sa ON sa.id = ra.source_id
       JOIN source_sheet sha ON sha.source_id = wa.source_id AND sha.ordinal = wa.sheet_ordinal
       JOIN record rb ON rb.id = p.record_b JOIN raw_row wb ON wb.id = rb.raw_row_id JOIN source sb ON sb.id = rb.source_id
       JOIN source_sheet shb ON shb.source_id = wb.source_id AND shb.ordinal = wb.sheet_ordinal
       LEFT JOIN run_record_person pa ON pa.record_id = p.record_a AND pa.run_id = p.run_id
       LEFT JOIN run_record_person pb ON pb.record_id = p.record_b AND pb.run_id = p.run_id
       WHERE p.run_id = ? AND p.probability >= ?
       ORDER BY p.match_weight DESC, p.record_a, p.record_b`,
    );
  function* lines(): Generator<Array<string | number | null>> {
    yield header;
    for (const row of stmt.iterate(run, options.minProbability ?? 0) as IterableIterator<{
      aFile: string;
      aSheet: string;
      aRow: number;
      aPerson: string | null;
      bFile: string;
      bSheet: string;
      bRow: number;
      bPerson: string | null;
      probability: number;
      weight: number;
      levels: Buffer;
      weights: Buffer;
    }>) {
      const weights = new Float32Array(row.weights.buffer.slice(row.weights.byteOffset, row.weights.byteOffset + row.weights.byteLength));
      const fields: Array<string | number | null> = [
        row.aFile,
        row.aSheet,
        row.aRow,
        row.aPerson,
        row.bFile,
        row.bSheet,
        row.bRow,
        row.bPerson,
        Number(row.probability.toPrecision(6)),
        row.weight,
        priorWeight,
      ];
      spec.comparisons.forEach((c, k) => {
        fields.push(c.levels[row.levels[k] ?? 0]?.label ?? '', Math.round((weights[k] ?? 0) * 1000) / 1000);
      });
      yield fields;
    }
  }
  // Read by analysts in a spreadsheet, and file and sheet names come from partners: neutralised.
  return { rows: writeCsvFile(outPath, lines(), { forPeople: true }) - 1, run };
}
