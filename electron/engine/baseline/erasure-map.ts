// What erasing one person does to each table of the store. Every table is listed, so a table added
// later must say here whether it holds anything about a person before it can ship: the erasure
// coverage test fails on a table this map does not name.
//   erased    — the person's rows are deleted (directly, by cascade, or by rebuilding from what is left)
//   aggregate — holds counts only (no row per person); kept, and said so in the erasure report
//   none      — holds nothing about any person (reference data, settings, definitions)
//   audit     — the hash-chained audit trail: IDs and counts only, kept to show the erasure was done
export type ErasureTreatment = 'erased' | 'aggregate' | 'none' | 'audit';

export const ERASURE_MAP: Readonly<Record<string, { treatment: ErasureTreatment; note?: string }>> = {
  meta: { treatment: 'none' },
  source: { treatment: 'aggregate', note: "each file's row and record counts are reduced by the person's rows" },
  source_sheet: { treatment: 'none', note: 'header rows and column roles' },
  raw_row: { treatment: 'erased' },
  record: { treatment: 'erased' },
  event: { treatment: 'erased' },
  audit_event: { treatment: 'audit' },
  link_run: { treatment: 'aggregate', note: 'each linkage run keeps its counts of records and people as they were' },
  person: { treatment: 'erased' },
  household: { treatment: 'none', note: 'household IDs only; the membership rows are erased' },
  run_record_person: { treatment: 'erased' },
  run_person_household: { treatment: 'erased' },
  link_pair: { treatment: 'erased' },
  link_decision: { treatment: 'erased' },
  link_id_event: { treatment: 'erased' },
  link_id_sequence: { treatment: 'none' },
  household_decision: { treatment: 'erased', note: 'by cascade from the records' },
  mapping_preset: { treatment: 'none' },
  partner: { treatment: 'none', note: 'partner organisations and the kinds of extract they send' },
  geo_import: { treatment: 'none' },
  iod_release: { treatment: 'none' },
  iod_lsoa: { treatment: 'none' },
  lsoa_name: { treatment: 'none' },
  lsoa_lad: { treatment: 'none' },
  lsoa_change: { treatment: 'none' },
  lsoa_ward: { treatment: 'none' },
  postcode_lsoa: { treatment: 'none' },
  lsoa_boundary: { treatment: 'none' },
  area: { treatment: 'none' },
  area_lsoa: { treatment: 'none' },
  programme_version: { treatment: 'none', note: 'programme definitions' },
  cohort_run: { treatment: 'aggregate', note: 'each cohort made keeps its counts of households, flagged and qualifying families as they were; cohorts are evaluated afresh from the records, so the person is in no later cohort' },
  outcome_indicator: { treatment: 'none', note: 'indicator definitions; outcome figures are computed afresh from the records' },
  pack_template: { treatment: 'none', note: 'board pack layouts; packs are built afresh from the records' },
  baseline_person: { treatment: 'erased' },
  baseline_person_doc: { treatment: 'erased' },
  baseline_person_fts: { treatment: 'erased', note: 'contentless, with secure-delete: no trigram of the person is left' },
  baseline_person_source: { treatment: 'erased' },
  baseline_person_key: { treatment: 'erased' },
  baseline_household: { treatment: 'erased', note: 'rebuilt from the records left on the next read' },
  baseline_household_source: { treatment: 'erased', note: 'rebuilt with the households' },
  baseline_bookmark: { treatment: 'erased', note: 'sort keys at regular depths of the grids: cleared with the baseline tables and written again when they are rebuilt' },
  baseline_view_count: { treatment: 'erased', note: 'how many rows each grid view has: cleared with the bookmarks and written again when the baseline is rebuilt' },
  outcome_frame: { treatment: 'erased', note: "the outcomes' compact copy of the baseline (households, dates of birth, address histories, events): cleared by triggers when a record or event is deleted, and written again from what is left" },
  sqlite_stat1: { treatment: 'none', note: "the query planner's row counts per index" },
};

/** What an erasure keeps, and why: the aggregate tables, from the map. */
export function keptAggregates(): Array<{ table: string; why: string }> {
  return Object.entries(ERASURE_MAP)
    .filter(([, v]) => v.treatment === 'aggregate' && v.note)
    .map(([table, v]) => ({ table, why: v.note as string }));
}

/** The FTS5 shadow tables belong to their virtual table. */
export function erasureEntry(table: string): { treatment: ErasureTreatment; note?: string } | undefined {
  const shadow = /^(.*)_(data|idx|docsize|config|content)$/.exec(table);
  return ERASURE_MAP[table] ?? (shadow ? ERASURE_MAP[shadow[1] as string] : undefined);
}
