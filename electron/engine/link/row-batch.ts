// Many rows to one INSERT: a Run writes a row per record and per person, and a statement's fixed
// cost (step, reset, a call into SQLite) per row was most of what that cost.
import type { Db } from '../store/database.js';

type Value = number | string | bigint | Buffer | null;

export class RowBatch {
  private readonly full;
  private readonly args: Value[];
  private readonly perRow: number;
  private used = 0;
  written = 0;

  /**
   * `head` is the INSERT up to VALUES, `row` one row's tuple with `?` for each value added and
   * named parameters (from `named`) for the values every row shares.
   */
  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly row: string,
    private readonly named: Record<string, Value> = {},
    private readonly rowsPerInsert = 128,
  ) {
    this.perRow = (row.match(/\?/g) ?? []).length;
    this.full = this.statement(rowsPerInsert);
    this.args = new Array<Value>(rowsPerInsert * this.perRow);
  }

  private statement(rows: number) {
    return this.db.prepare(`${this.head} VALUES ${Array.from({ length: rows }, () => this.row).join(', ')}`);
  }

  add(...values: Value[]): void {
    for (let v = 0; v < this.perRow; v++) this.args[this.used * this.perRow + v] = values[v] as Value;
    if (++this.used === this.rowsPerInsert) {
      this.full.run(this.args, this.named);
      this.written += this.used;
      this.used = 0;
    }
  }

  /** Writes the rows still held; call once after the last add. */
  finish(): number {
    if (this.used > 0) {
      this.statement(this.used).run(this.args.slice(0, this.used * this.perRow), this.named);
      this.written += this.used;
      this.used = 0;
    }
    return this.written;
  }
}
