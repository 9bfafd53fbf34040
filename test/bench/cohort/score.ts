// Qualifying-family F1 of a `cohort export` against the demo's truth-cohort.csv, as checks outside
// the repo score it: each exported family is the true household most of its rows belong to
// (truth.csv), and a true qualifying family is found when an exported qualifying family maps to it.
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../helpers/cohort-demo.js';

export interface CohortScore {
  truthQualifying: number;
  predictedQualifying: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scoreCohort(exportPath: string, truthCohortPath: string, truthRowsPath: string): CohortScore {
  const householdOfRow = new Map<string, string>();
  const [, ...truthRows] = parseCsv(readFileSync(truthRowsPath, 'utf8'));
  for (const [file, sheet, row, , household] of truthRows) householdOfRow.set(`${file}|${sheet}|${row}`, household!);
  const [, ...truth] = parseCsv(readFileSync(truthCohortPath, 'utf8'));
  const want = new Set(truth.filter((r) => r[6] === '1').map((r) => r[0]!));
  const [, ...got] = parseCsv(readFileSync(exportPath, 'utf8'));
  const predicted = new Set<string>();
  let predictedQualifying = 0;
  for (const r of got) {
    if (r[6] !== '1') continue;
    predictedQualifying++;
    const votes = new Map<string, number>();
    for (const ref of (r[7] ?? '').split(';')) {
      const h = householdOfRow.get(ref);
      if (h) votes.set(h, (votes.get(h) ?? 0) + 1);
    }
    const best = [...votes].sort((a, b) => b[1] - a[1])[0];
    if (best) predicted.add(best[0]);
  }
  const truePositives = [...predicted].filter((h) => want.has(h)).length;
  // a family split in two and both halves qualifying counts once as right and once as wrong
  const precision = predictedQualifying === 0 ? 0 : truePositives / predictedQualifying;
  const recall = want.size === 0 ? 0 : truePositives / want.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truthQualifying: want.size, predictedQualifying, truePositives, precision, recall, f1 };
}
