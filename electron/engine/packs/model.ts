// What a pack section hands the builder before disclosure control: raw aggregates in tables and
// headline figures, prose, and charts. Only the disclosure module turns these into the shown
// document (shared/ipc/channels/packs.ts), so no section can put an uncontrolled count in a pack.
import type { Block, ColumnKind, SectionId } from '../../../shared/ipc/channels/packs.js';

export type RawValue = string | number | null;

export interface RawColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** A row total: the sum of these count columns in the same row (secondary suppression uses it). */
  sumOf?: readonly string[];
  /** A rate: numerator per denominator × `per`, worked out after suppression and rounding. */
  rate?: { numerator: string; denominator: string; per: number };
}

export interface RawRow {
  cells: Record<string, RawValue>;
  /** The column totals row: each count cell is the sum of the other rows'. */
  total?: boolean;
}

export interface RawTable {
  type: 'table';
  id: string;
  caption: string;
  columns: readonly RawColumn[];
  rows: readonly RawRow[];
  notes?: readonly string[];
}

export interface RawFigures {
  type: 'figures';
  items: ReadonlyArray<{ label: string; value: RawValue; kind: ColumnKind }>;
}

/** Blocks that carry no counts pass through unchanged. */
export type PassBlock = Exclude<Block, { type: 'table' } | { type: 'figures' }>;
export type RawBlock = PassBlock | RawTable | RawFigures;

export interface SectionDraft {
  id: SectionId;
  title: string;
  blocks: RawBlock[];
}
