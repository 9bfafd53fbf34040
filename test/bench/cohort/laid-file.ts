// One demo extract written in one layout as the xlsx a partner would send, for the cohort benches
// that import every layout of the same borough.
import { join } from 'node:path';
import type { Extract } from '../../../electron/engine/demo/extracts.js';
import { layoutExtract, type Layout } from '../../../electron/engine/demo/layouts.js';
import { writeExtractFile } from '../../../electron/engine/demo/write.js';

/** The extract in `layout`, written into `dir`; null when the layout leaves it with no rows. */
export function writeLaidExtract(extract: Extract, layout: Layout | 'original', seed: number, dir: string): { laid: Extract; fileName: string; file: string } | null {
  const asLaid = layout === 'original' ? extract : layoutExtract(extract, layout, seed);
  // A CSV's one table has no name; as an xlsx sheet it is called what the workbook calls it
  // (SheetJS: "Sheet1"), and the truth written for it must name the sheet the importer reads.
  const laid = { ...asLaid, sheets: asLaid.sheets.map((s, i) => (s.name ? s : { ...s, name: `Sheet${i + 1}` })) };
  if (laid.sheets.every((s) => s.rows.length === 0)) return null;
  const fileName = `${laid.fileName.replace(/\.(csv|xlsx)$/, '')}.xlsx`;
  const file = join(dir, fileName);
  writeExtractFile({ ...laid, format: 'xlsx', fileName }, file);
  return { laid, fileName, file };
}
