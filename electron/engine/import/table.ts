// Table detection, streaming: finds the header row(s) under any title rows, combines a two-row
// header ("Autumn 2023" over "Sessions / Unauthorised"), suggests column roles from the header
// and the first rows, then sorts every row as it arrives into header, structure (blank, title,
// notes, totals, repeated headers), data (records-to-be), or quarantine. One sheet is one
// table: a second table further down is warned about and its rows are quarantined, not
// misread with the first table's columns. Memory: the first few hundred rows, then one row.
import type { ColumnRole } from '../../../shared/domain/record-fields.js';
import { dateOrderOf, parseDate } from '../../../shared/domain/normalise/date.js';
import type { NameOrder } from '../../../shared/domain/normalise/name.js';
import { refineEventRoles } from './events.js';
import { settlePersonAttributes } from './person-attributes.js';
import { settlePersonNumber } from './person-number.js';
import { settleAddressGroups } from './address-groups.js';
import { settleAddressLines, settleHouseholdReference, settleMiddleNames, settleNamesByFamilies, settleReferences, settleUprn, settleUnheadedAge, settleUnheadedBirthDate } from './role-relations.js';
import { settleYearGroup } from './year-group.js';
import { nameOrdersOf } from './name-order.js';
import { cellType, findHeaderByShape, scoreHeaderCandidate } from './header-shape.js';
import { settleRelatives } from './relatives.js';
import { headerKey, PERSON_NAME_ROLES, resolveDuplicateRoles, roleFromCells, settleBirthDates, settleNameColumns, settleSecondPerson, settleSurnameBesideForename, roleFromHeader, suggestRole, type RoleSuggestion } from './roles.js';
import { filledCount, isBlankRow, type SheetData, type SheetRow } from './sheet.js';

/** Non-blank rows searched for the header. */
export const HEADER_SCAN_ROWS = 30;
/** Data rows whose cells inform the role suggestions. */
export const SAMPLE_ROWS = 500;

/** Per column, whether the sampled dates read day or month first (date-like roles only). */
export function dateOrdersOf(roles: readonly ColumnRole[], sample: ReadonlyArray<ReadonlyArray<string | null>>): Array<'dmy' | 'mdy' | null> {
  return roles.map((role, i) =>
    role === 'dob' || role === 'event_date' || role === 'event_end_date' || role === 'event' ? dateOrderOf(sample.map((cells) => cells[i] ?? '')) : null,
  );
}
/** Rows of a sheet without a header looked at before deciding it is a notes sheet. */
const NOTES_SCAN_ROWS = 1000;

export type RowStatus = 'header' | 'structure' | 'data' | 'quarantine';

export interface PlannedRow {
  row: SheetRow;
  status: RowStatus;
  reason: string | null;
}

export interface SheetPlan {
  /** First row of the header (the upper row of a two-row header). */
  headerRow: number;
  headerRows: number[];
  headers: string[];
  suggestions: RoleSuggestion[];
  /** Per column: how nn/nn dates are ordered when the sample shows it. */
  dateOrders: Array<'dmy' | 'mdy' | null>;
  /** Per column: which way round a whole-name column writes names, when the sample shows it. */
  nameOrders: Array<NameOrder | null>;
}

export interface SheetResult {
  name: string;
  plan: SheetPlan | null;
  notes: boolean;
  /** Widest row seen (headers are padded to it). */
  width: number;
  warnings: string[];
}

const PERSON_HEADER_ROLES: ReadonlySet<ColumnRole> = new Set([
  'forename', 'middle_names', 'surname', 'full_name', 'title', 'dob', 'age', 'sex', 'address', 'address_line', 'town', 'postcode', 'uprn', 'nhs_number', 'nino', 'upn',
]);

function headerScore(row: SheetRow): { score: number; hasName: boolean } {
  let score = 0;
  let hasName = false;
  for (const cell of row.cells) {
    if (!cell || cell.length > 60) continue;
    const s = roleFromHeader(cell);
    if (!s || s.role === 'event' || s.role === 'agency_ref' || s.role === 'ignore') continue;
    score += s.confidence;
    if (PERSON_NAME_ROLES.has(s.role)) hasName = true;
  }
  return { score, hasName };
}

const isHeaderLike = (row: SheetRow): boolean => {
  const { score, hasName } = headerScore(row);
  // A header holds no dates: a person's row ("James", "Flat 1", a birth date) is not one.
  return hasName && score >= 1.3 && !row.cells.some((c) => c !== null && cellType(c) === 'date');
};

/**
 * The header among the top rows: by shape first (labels over consistently typed columns, heading
 * words one signal), else the row that reads most like a header naming people's fields.
 */
export function findHeaderRow(rows: SheetRow[]): SheetRow | null {
  const byShape = findHeaderByShape(rows, HEADER_SCAN_ROWS);
  if (byShape) {
    const row = rows[byShape.index] ?? null;
    // Group labels over the header ("Person" spanning Surname, Forename, Date of Birth) read as
    // a header of their own: the header is the row they stand over (headerBlock joins the two).
    const next = rows[byShape.index + 1];
    if (row && next && next.rowNumber === row.rowNumber + 1 && isGroupRow(row, next) && scoreHeaderCandidate(rows, byShape.index + 1).score > 0) return next;
    return row;
  }
  // Words alone, but never a row typed like the rows under it (a data row of a headerless table).
  const byWords = findHeaderRowByWords(rows);
  return byWords && scoreHeaderCandidate(rows, rows.indexOf(byWords)).score > 0 ? byWords : null;
}

/** The first row among the top rows that reads most like a header naming people's fields. */
function findHeaderRowByWords(rows: SheetRow[]): SheetRow | null {
  let best: SheetRow | null = null;
  let bestScore = 0;
  let seen = 0;
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    if (++seen > HEADER_SCAN_ROWS) break;
    const { score, hasName } = headerScore(row);
    if (hasName && score >= 1.3 && score > bestScore + 0.01) {
      best = row;
      bestScore = score;
    }
  }
  return best;
}

const TOTALS = /^(grand |sub ?)?totals?\b|^(count|sum|average|mean)\b|^(number|no\.?) of (rows|records|people|persons|pupils|clients|patients|cases)\b|^records?\s*:|^end of (report|data|extract|file)\b/i;
const NOTE = /^(notes?|nb|source|caveats?|disclaimer|please note|report (run|produced|generated)|printed|run (on|date)|produced|extracted|page \d+)\b|^\*/i;
const REPORT_WORDS = /\b(run|printed|produced|generated|extracted|page|report|as at)\b/i;
const NUMERIC = /^[\d\s.,:/\-£$%()]+$/;

const text = (c: string | null | undefined): string => (c ?? '').trim();

function firstFilled(row: SheetRow): string {
  for (const c of row.cells) if (c !== null && c.trim() !== '') return c.trim();
  return '';
}

/**
 * A row of group labels over the header: "Autumn 2023" spanning "Sessions | Unauthorised". A label
 * that names a person ("Person", "Client") is a group's only when it spans columns the row under
 * it heads: over one column it is that column's heading.
 */
function isGroupRow(upper: SheetRow, header: SheetRow): boolean {
  const fu = filledCount(upper.cells);
  if (fu === 0 || fu >= filledCount(header.cells)) return false;
  let spans = false;
  let nameOverOne = false;
  for (let i = 0; i < upper.cells.length; i++) {
    const u = text(upper.cells[i]);
    if (!u) continue;
    if (u.length > 40 || REPORT_WORDS.test(u) || parseDate(u) !== null) return false;
    const next = text(upper.cells[i + 1]);
    const spansHere = Boolean(text(header.cells[i]) && ((!next && text(header.cells[i + 1])) || next === u));
    const role = roleFromHeader(u)?.role;
    if (role && PERSON_NAME_ROLES.has(role) && !spansHere) nameOverOne = true;
    if (i > 0 && spansHere) spans = true;
  }
  return spans && !nameOverOne;
}

/** A row of sub-labels under the header's group labels, blank under the person columns. */
function isSubHeaderRow(lower: SheetRow, header: SheetRow): boolean {
  if (filledCount(lower.cells) < 2) return false;
  let underGroup = false;
  for (let i = 0; i < lower.cells.length; i++) {
    const l = text(lower.cells[i]);
    if (!l) continue;
    if (l.length > 40 || NUMERIC.test(l) || parseDate(l) !== null) return false;
    const h = text(header.cells[i]);
    const role = roleFromHeader(h || null)?.role;
    if (role && PERSON_HEADER_ROLES.has(role)) return false;
    if (!h || h === text(header.cells[i - 1]) || h === text(header.cells[i + 1])) underGroup = true;
  }
  return underGroup;
}

/** Group labels carried across the blank cells of their merged span. */
function carryLabels(upper: SheetRow, lower: SheetRow, width: number): string[] {
  const out: string[] = [];
  let carried = '';
  for (let i = 0; i < width; i++) {
    const u = text(upper.cells[i]);
    if (u) carried = u;
    else if (!text(lower.cells[i])) carried = '';
    out.push(u || carried);
  }
  return out;
}

interface HeaderBlock {
  rows: SheetRow[];
  headers: string[];
  /** What each column's role is judged from: its own label, or the combined one. */
  roleHeaders: string[];
  keys: string[][];
}

function headerBlock(buffer: SheetRow[], header: SheetRow, width: number): HeaderBlock {
  const at = buffer.indexOf(header);
  const upper = buffer[at - 1];
  const lower = buffer[at + 1];
  const own = (row: SheetRow): string[] => Array.from({ length: width }, (_, i) => text(row.cells[i]));
  const keysOf = (row: SheetRow): string[] => own(row).map(headerKey);
  const combine = (groups: string[], labels: string[]): { headers: string[]; roleHeaders: string[] } => ({
    headers: labels.map((l, i) => [groups[i] ?? '', l].filter(Boolean).join(' ')),
    roleHeaders: labels.map((l, i) => {
      const joined = [groups[i] ?? '', l].filter(Boolean).join(' ');
      return l && roleFromHeader(l) ? l : joined;
    }),
  });
  if (upper && upper.rowNumber === header.rowNumber - 1 && !isBlankRow(upper) && isGroupRow(upper, header)) {
    const groups = carryLabels(upper, header, width);
    return { rows: [upper, header], ...combine(groups, own(header)), keys: [keysOf(header), keysOf(upper)] };
  }
  if (lower && lower.rowNumber === header.rowNumber + 1 && !isBlankRow(lower) && isSubHeaderRow(lower, header)) {
    const groups = carryLabels(header, lower, width);
    const labels = own(lower);
    const headers = own(header).map((h, i) => (labels[i] ? [groups[i], labels[i]].filter(Boolean).join(' ') : h));
    const roleHeaders = own(header).map((h, i) => (labels[i] ? (roleFromHeader(labels[i] ?? '') ? (labels[i] ?? '') : headers[i] ?? '') : h));
    return { rows: [header, lower], headers, roleHeaders, keys: [keysOf(header), keysOf(lower)] };
  }
  const own1 = own(header);
  return { rows: [header], headers: own1, roleHeaders: own1, keys: [keysOf(header)] };
}

/**
 * Sorts one sheet's rows as they stream in. `emit` receives every row to keep (blank rows hold
 * nothing and are not emitted), in order, once the plan is known; `planOf()` is then set.
 */
export class SheetPlanner {
  private state: 'scan' | 'sample' | 'stream' | 'headerless-scan' | 'headerless' = 'scan';
  /** While planning, classified rows wait here instead of going out. */
  private queue: PlannedRow[] | null = null;
  private buffer: SheetRow[] = [];
  private nonBlank = 0;
  private afterHeader = 0;
  private header: SheetRow | null = null;
  /** Column names made up for a table with no header row. */
  private generated: string[] | null = null;
  private plan: SheetPlan | null = null;
  private block: HeaderBlock | null = null;
  private width = 0;
  private readonly warnings: string[] = [];
  private notes = false;
  // Stream classification state
  private lastWasBlank = false;
  private lastRow = 0;
  private pending: SheetRow[] = [];
  private secondTable: { rowNumber: number; keys: string[] } | null = null;

  constructor(
    private readonly name: string,
    /** How messages name this sheet: `sheet "Data"` or the CSV's file name. */
    private readonly where: string,
    private readonly given: ReadonlyArray<ColumnRole> | undefined,
    private readonly pivotYear: number,
    private readonly emit: (row: PlannedRow) => void,
    /** The header row the analyst chose (0: none, name the columns), over what detection finds. */
    private readonly chosenHeaderRow?: number,
  ) {}

  /** No header in the first rows: every row will be quarantined (or notes). */
  get headerless(): boolean {
    return this.state === 'headerless-scan' || this.state === 'headerless';
  }

  planOf(): SheetPlan | null {
    return this.plan;
  }

  push(row: SheetRow): void {
    if (row.cells.length > this.width) this.width = row.cells.length;
    if (this.state === 'stream') return this.classify(row);
    // Blank rows hold nothing to keep, and row-number gaps stand for them: never buffered, so a
    // file of a million blank lines cannot fill memory before its header.
    if (!row.formulas && isBlankRow(row)) return;
    switch (this.state) {
      case 'scan':
        this.buffer.push(row);
        if (++this.nonBlank >= HEADER_SCAN_ROWS) this.decide();
        return;
      case 'sample':
        this.buffer.push(row);
        if (++this.afterHeader >= SAMPLE_ROWS) this.startStreaming();
        return;
      case 'headerless-scan':
        this.buffer.push(row);
        if (this.buffer.length >= NOTES_SCAN_ROWS) this.flushHeaderless();
        return;
      case 'headerless':
        this.emitHeaderless(row);
        return;
    }
  }

  end(): SheetResult {
    if (this.state === 'scan') this.decide();
    if (this.state === 'sample') this.startStreaming();
    if (this.state === 'headerless-scan') this.flushHeaderless();
    if (this.state === 'stream') this.flushPending(false);
    if (this.plan && this.width > this.plan.headers.length) {
      for (let i = this.plan.headers.length; i < this.width; i++) {
        this.plan.headers.push('');
        this.plan.suggestions.push({ role: this.given?.[i] ?? 'ignore', confidence: this.given?.[i] ? 1 : 0 });
        this.plan.dateOrders.push(null);
        this.plan.nameOrders.push(null);
      }
    }
    return { name: this.name, plan: this.plan, notes: this.notes, width: this.width, warnings: this.warnings };
  }

  private decide(): void {
    if (this.chosenHeaderRow !== undefined) {
      if (this.chosenHeaderRow === 0) {
        this.generated = columnNames(Math.max(this.width, this.given?.length ?? 0));
        this.state = 'sample';
        this.afterHeader = this.buffer.length;
        if (this.afterHeader >= SAMPLE_ROWS) this.startStreaming();
        return;
      }
      const chosen = this.buffer.find((r) => r.rowNumber === this.chosenHeaderRow);
      if (chosen) {
        this.header = chosen;
        this.state = 'sample';
        this.afterHeader = this.buffer.length - this.buffer.indexOf(chosen) - 1;
        if (this.afterHeader >= SAMPLE_ROWS) this.startStreaming();
        return;
      }
      this.warnings.push(`${this.where}: row ${this.chosenHeaderRow} is blank or not among the first ${HEADER_SCAN_ROWS} rows with values, so the header was found automatically.`);
    }
    const header = findHeaderRow(this.buffer);
    if (!header) {
      // No header at all: a table of people can still be read from its cells alone (with roles
      // given, the analyst has already confirmed the columns so named).
      const generated = generatedHeaders(this.buffer, this.width, this.pivotYear) ?? (this.given ? columnNames(Math.max(this.width, this.given.length)) : null);
      if (generated) {
        this.generated = generated;
        this.warnings.push(`${this.where}: no header row; the columns were named ${generated[0] ?? ''}, ${generated[1] ?? ''}, … and their roles read from the cells.`);
        this.state = 'sample';
        this.afterHeader = this.buffer.length;
        if (this.afterHeader >= SAMPLE_ROWS) this.startStreaming();
        return;
      }
    }
    if (!header) {
      this.state = 'headerless-scan';
      if (this.buffer.length >= NOTES_SCAN_ROWS) this.flushHeaderless();
      return;
    }
    this.header = header;
    this.state = 'sample';
    this.afterHeader = this.buffer.length - this.buffer.indexOf(header) - 1;
    if (this.afterHeader >= SAMPLE_ROWS) this.startStreaming();
  }

  private flushHeaderless(): void {
    const rows = this.buffer.filter((r) => !isBlankRow(r));
    this.notes = rows.length === 0 || rows.filter((r) => filledCount(r.cells) <= 1).length >= rows.length * 0.8;
    const buffered = this.buffer;
    this.buffer = [];
    this.state = 'headerless';
    for (const row of buffered) this.emitHeaderless(row);
  }

  private emitHeaderless(row: SheetRow): void {
    if (isBlankRow(row) && !row.formulas) return;
    if (this.notes) this.out({ row, status: 'structure', reason: 'notes sheet' });
    else this.out({ row, status: 'quarantine', reason: `no header row found on ${this.where}` });
  }

  private startStreaming(): void {
    const header = this.header;
    const generated = this.generated;
    if (!header && !generated) return;
    const buffered = this.buffer;
    this.buffer = [];
    const width = Math.max(this.width, header?.cells.length ?? 0, this.given?.length ?? 0);
    const block: HeaderBlock = header
      ? headerBlock(buffered, header, width)
      : { rows: [], headers: generated ?? [], roleHeaders: (generated ?? []).map(() => ''), keys: [(generated ?? []).map(() => '')] };
    this.block = block;
    const first = block.rows[0] ?? header;
    const last = block.rows[block.rows.length - 1] ?? header;
    // Classify the buffered rows below the header without emitting, to sample the data rows.
    const queue: PlannedRow[] = [];
    this.queue = queue;
    this.lastRow = last?.rowNumber ?? 0;
    this.state = 'stream';
    for (const row of buffered) if (!last || row.rowNumber > last.rowNumber) this.classify(row);
    this.queue = null;

    const sample = queue.filter((r) => r.status === 'data').slice(0, SAMPLE_ROWS);
    const raw = block.roleHeaders.map((h, i) => {
      const given = this.given?.[i];
      if (given) return { role: given, confidence: 1 };
      const values: string[] = [];
      for (const r of sample) {
        const v = r.row.cells[i];
        if (v) values.push(v);
      }
      return suggestRole(h || null, values, this.pivotYear);
    });
    const columnSamples = block.roleHeaders.map((_, i) => sample.flatMap((r) => (r.row.cells[i] ? [r.row.cells[i]] : [])));
    const sampleRows = sample.map((r) => r.row.cells);
    const related = settleRelatives(block.roleHeaders, raw, columnSamples, this.given ?? []);
    const families = settleNamesByFamilies(block.roleHeaders, related, columnSamples, sampleRows, this.given ?? []);
    const named = settleSurnameBesideForename(block.roleHeaders, settleNameColumns(resolveDuplicateRoles(block.headers, settleSecondPerson(block.headers, families, this.given ?? []), this.given ?? []), this.given ?? []), columnSamples, this.given ?? []);
    const middle = settleMiddleNames(block.roleHeaders, named, columnSamples, sampleRows, this.given ?? []);
    const placed = settleAddressLines(block.roleHeaders, settleUprn(middle, columnSamples, this.given ?? []), columnSamples, sampleRows, this.given ?? []);
    const settled = settleHouseholdReference(settleReferences(block.roleHeaders, placed, sampleRows, this.given ?? []), sampleRows, this.given ?? []);
    const born = settleUnheadedBirthDate(block.roleHeaders, settleBirthDates(settled, sampleRows, this.given ?? [], this.pivotYear), sampleRows, this.given ?? [], this.pivotYear);
    const aged = settleUnheadedAge(block.roleHeaders, born, sampleRows, this.given ?? [], this.pivotYear);
    const dated = settlePersonNumber(block.roleHeaders, placed, aged, sampleRows, this.given ?? [], this.pivotYear);
    const grouped = settleYearGroup(block.roleHeaders, dated, columnSamples, sampleRows, this.given ?? [], this.pivotYear);
    const events = refineEventRoles(block.roleHeaders, grouped, columnSamples, this.given ?? [], this.pivotYear, sampleRows);
    const suggestions = settleAddressGroups(block.headers, settlePersonAttributes(block.roleHeaders, events, columnSamples, this.given ?? [], this.pivotYear));
    const dateOrders = dateOrdersOf(suggestions.map((s) => s.role), sample.map((r) => r.row.cells));
    const nameOrders = nameOrdersOf(suggestions.map((s) => s.role), sample.map((r) => r.row.cells));
    // A table without a header says so by header row 0: no row of the file names its columns.
    this.plan = { headerRow: first?.rowNumber ?? 0, headerRows: block.rows.map((r) => r.rowNumber), headers: block.headers, suggestions, dateOrders, nameOrders };

    for (const row of buffered) {
      if (!first || row.rowNumber >= first.rowNumber) break;
      if (!isBlankRow(row) || row.formulas) this.out({ row, status: 'structure', reason: 'title row above the header' });
    }
    block.rows.forEach((row, i) =>
      this.out({ row, status: 'header', reason: block.rows.length > 1 ? (i === 0 ? `header, upper row (combined with row ${last?.rowNumber ?? 0})` : `header, lower row (combined with row ${first?.rowNumber ?? 0})`) : null }),
    );
    for (const r of queue) this.out(r);
  }

  private out(row: PlannedRow): void {
    if (this.queue) this.queue.push(row);
    else this.emit(row);
  }

  private isRepeatOf(row: SheetRow, keys: string[]): boolean {
    let raw = 0;
    let filled = 0;
    for (let i = 0; i < row.cells.length; i++) {
      const c = row.cells[i];
      if (c === null || c === undefined || c.trim() === '') continue;
      filled++;
      if (keys[i] && headerKey(c) === keys[i]) raw++;
    }
    return filled > 0 && raw >= Math.max(2, filled * 0.8);
  }

  private isRepeatedHeader(row: SheetRow): boolean {
    const block = this.block;
    if (!block) return false;
    // Cheap test first: repeated headers repeat the header's own text in at least one place.
    let any = false;
    for (const r of block.rows) {
      for (let i = 0; i < row.cells.length && !any; i++) {
        const c = row.cells[i];
        if (c && c === r.cells[i]) any = true;
      }
    }
    if (!any) return false;
    return block.keys.some((keys) => this.isRepeatOf(row, keys));
  }

  private flushPending(asTitles: boolean, reason = 'title row above a second table'): void {
    const pending = this.pending;
    this.pending = [];
    for (const row of pending) {
      if (asTitles) this.out({ row, status: 'structure', reason });
      else this.classifyPlain(row);
    }
  }

  private classifyPlain(row: SheetRow): void {
    const first = firstFilled(row);
    if (TOTALS.test(first)) return this.out({ row, status: 'structure', reason: 'totals row' });
    const filled = filledCount(row.cells);
    const named = this.block?.keys[0]?.filter(Boolean).length ?? 0;
    if (filled === 1 && (NOTE.test(first) || (first.length > 40 && named > 2))) return this.out({ row, status: 'structure', reason: 'note' });
    if (filled <= 2 && NOTE.test(first) && first.length > 12) return this.out({ row, status: 'structure', reason: 'note' });
    this.out({ row, status: 'data', reason: null });
  }

  private classify(row: SheetRow): void {
    if (isBlankRow(row)) {
      this.lastRow = row.rowNumber;
      this.flushPending(false);
      if (row.formulas) this.out({ row, status: 'structure', reason: 'blank row' });
      this.lastWasBlank = true;
      return;
    }
    // xlsx leaves blank rows out altogether: a gap in the row numbers is a blank row too.
    const gap = this.lastRow > 0 && row.rowNumber > this.lastRow + 1;
    this.lastRow = row.rowNumber;
    const afterBreak = this.lastWasBlank || gap || this.pending.length > 0;
    this.lastWasBlank = false;
    if (this.secondTable) {
      const st = this.secondTable;
      if (this.isRepeatOf(row, st.keys)) return this.out({ row, status: 'structure', reason: 'repeated header row (second table)' });
      if (TOTALS.test(firstFilled(row))) return this.out({ row, status: 'structure', reason: 'totals row' });
      return this.out({
        row,
        status: 'quarantine',
        reason: `below a second table's header (row ${st.rowNumber}) on ${this.where}: one table per sheet — move that table to its own sheet to import it`,
      });
    }
    if (this.isRepeatedHeader(row)) {
      this.flushPending(true, 'title row above a repeated header');
      return this.out({ row, status: 'structure', reason: 'repeated header row' });
    }
    if (afterBreak && !this.generated && isHeaderLike(row)) {
      this.flushPending(true);
      this.secondTable = { rowNumber: row.rowNumber, keys: row.cells.map((c) => (c ? headerKey(c) : '')) };
      this.warnings.push(
        `${this.where}: a second table starts at row ${row.rowNumber}; only the first table (header at row ${this.plan?.headerRow ?? this.header?.rowNumber ?? '?'}) was read as records, and the second table's rows are quarantined.`,
      );
      return this.out({ row, status: 'structure', reason: 'header of a second table' });
    }
    if (afterBreak && filledCount(row.cells) === 1 && this.pending.length < 3 && !TOTALS.test(firstFilled(row))) {
      this.pending.push(row);
      return;
    }
    this.flushPending(false);
    this.classifyPlain(row);
  }
}

/** "Column A", "Column B", …: names for the columns of a table that has none. */
export function columnNames(width: number): string[] {
  const letter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
  return Array.from({ length: width }, (_, i) => `Column ${letter(i)}`);
}

const IDENTITY_KIND: Partial<Record<ColumnRole, string>> = {
  forename: 'name', surname: 'name', full_name: 'name', dob: 'dob', nhs_number: 'id', nino: 'id', upn: 'id', postcode: 'place', address: 'place',
};

/**
 * Generated column names when the top rows are a table of people without a header: rows of one
 * width whose columns' cells show at least two kinds of identity (a name and a birth date, an
 * NHS number and a postcode…). Null when they do not (notes, figures, a stray sheet).
 */
function generatedHeaders(buffer: readonly SheetRow[], width: number, pivotYear: number): string[] | null {
  const rows = buffer.filter((r) => !isBlankRow(r)).slice(0, 200);
  if (rows.length === 0 || width < 2) return null;
  const widths = rows.map((r) => filledCount(r.cells)).sort((a, b) => a - b);
  const typical = widths[Math.floor(widths.length / 2)] ?? 0;
  if (typical < 2 || widths.filter((w) => Math.abs(w - typical) <= 2).length < rows.length * 0.7) return null;
  const kinds = new Set<string>();
  for (let i = 0; i < width; i++) {
    const values = rows.flatMap((r) => (r.cells[i] ? [r.cells[i] ?? ''] : []));
    const role = roleFromCells(values, pivotYear)?.role;
    const kind = role ? IDENTITY_KIND[role] : undefined;
    if (kind) kinds.add(kind);
  }
  return kinds.size >= 2 ? columnNames(width) : null;
}

/** Plans a whole in-memory sheet (previews of small files and tests). */
export function planSheet(sheet: SheetData, where: string, given?: ColumnRole[], pivotYear = new Date().getUTCFullYear()): { rows: PlannedRow[]; result: SheetResult } {
  const rows: PlannedRow[] = [];
  const planner = new SheetPlanner(sheet.name, where, given, pivotYear, (r) => rows.push(r));
  for (const row of sheet.rows) planner.push(row);
  return { rows, result: planner.end() };
}
