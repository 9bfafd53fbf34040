// What the importer made of a benchmark case's files, to trace a variant's drop to its column:
// per source, rows / records / quarantined (with reasons), each column's heading and role, and
// the share of records missing each field.
//   node --import tsx test/bench/unseen/inspect.ts /tmp/variants-cache/unseen-5000-v2
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../../electron/engine/store/store.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: inspect.ts CASE_DIR');
const made = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { key: string };
const store = Store.openWithKey(join(dir, 'bench.db'), Buffer.from(made.key, 'hex'), false);
const FIELDS = ['forename', 'surname', 'middle_names', 'dob', 'sex', 'address', 'postcode', 'nhs_number', 'nino', 'upn', 'email', 'phone', 'event_date'];
try {
  const sources = store.reader.prepare('SELECT id, file_name, rows, records, structure, quarantined FROM source ORDER BY id').all() as Array<Record<string, number | string>>;
  for (const s of sources) {
    process.stdout.write(`\n== ${s.file_name}: rows ${s.rows}, records ${s.records}, structure ${s.structure}, quarantined ${s.quarantined}\n`);
    for (const sh of store.reader.prepare('SELECT sheet, header_row, headers_json, roles_json FROM source_sheet WHERE source_id = ?').all(s.id) as Array<Record<string, string>>) {
      const headers = JSON.parse(sh.headers_json as string) as string[];
      const roles = JSON.parse(sh.roles_json as string) as string[];
      process.stdout.write(`  sheet "${sh.sheet}" header row ${sh.header_row}: ${headers.map((h, i) => `${h}→${roles[i]}`).join(' | ')}\n`);
    }
    for (const q of store.reader.prepare("SELECT reason, COUNT(*) n FROM raw_row WHERE source_id = ? AND status = 'quarantine' GROUP BY reason ORDER BY n DESC LIMIT 5").all(s.id) as Array<Record<string, string>>)
      process.stdout.write(`  quarantined ${q.n}: ${q.reason}\n`);
    const n = Number(s.records) || 1;
    const missing = FIELDS.map((f) => {
      const k = (store.reader.prepare(`SELECT COUNT(*) n FROM record WHERE source_id = ? AND ${f} IS NOT NULL AND ${f} != ''`).get(s.id) as { n: number }).n;
      return `${f} ${((100 * k) / n).toFixed(0)}%`;
    });
    process.stdout.write(`  filled: ${missing.join(', ')}\n`);
    const problems = store.reader.prepare("SELECT problems_json p, COUNT(*) n FROM record WHERE source_id = ? AND problems_json != '[]' GROUP BY p ORDER BY n DESC LIMIT 4").all(s.id) as Array<Record<string, string>>;
    for (const p of problems) process.stdout.write(`  problems ${p.n}: ${String(p.p).slice(0, 200)}\n`);
  }
} finally {
  store.close();
}

// With --against PLAIN_CASE_DIR: the same person rows side by side (the truth files list them in
// the same order), counting per file the fields that came out differently in this layout.
const againstAt = process.argv.indexOf('--against');
if (againstAt > 0) {
  const plainDir = process.argv[againstAt + 1] as string;
  const load = (caseDir: string): { rows: string[][]; values: Map<string, Record<string, unknown>> } => {
    const c = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as { key: string; truth: { path: string } };
    const rows = readFileSync(c.truth.path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const s = Store.openWithKey(join(caseDir, 'bench.db'), Buffer.from(c.key, 'hex'), false);
    const values = new Map<string, Record<string, unknown>>();
    try {
      const all = s.reader
        .prepare(`SELECT s.file_name f, ss.sheet sh, rr.row_number n, ${FIELDS.map((f) => `r.${f}`).join(', ')} FROM record r JOIN raw_row rr ON rr.id = r.raw_row_id JOIN source s ON s.id = r.source_id JOIN source_sheet ss ON ss.source_id = s.id AND ss.ordinal = rr.sheet_ordinal`)
        .all() as Array<Record<string, unknown>>;
      for (const r of all) values.set(`${String(r.f)}\u0000${String(r.sh)}\u0000${String(r.n)}`, r);
    } finally {
      s.close();
    }
    return { rows, values };
  };
  const plain = load(plainDir);
  const variant = load(dir);
  const diffs = new Map<string, Map<string, { n: number; example: string }>>();
  plain.rows.forEach((p, i) => {
    const v = variant.rows[i] as string[];
    const a = plain.values.get(`${p[0]}\u0000${p[1]}\u0000${p[2]}`);
    const b = variant.values.get(`${v[0]}\u0000${v[1]}\u0000${v[2]}`);
    const file = String(p[0]);
    const byField = diffs.get(file) ?? new Map<string, { n: number; example: string }>();
    diffs.set(file, byField);
    for (const f of b ? FIELDS : ['(no record)']) {
      const x = a?.[f] ?? null;
      const y = b?.[f] ?? null;
      const norm = (z: unknown): string => String(z ?? '').toLowerCase().trim();
      if (f !== '(no record)' && norm(x) === norm(y)) continue;
      const d = byField.get(f) ?? { n: 0, example: `${String(x)} → ${String(y)}` };
      d.n++;
      byField.set(f, d);
    }
  });
  for (const [file, byField] of diffs) {
    if (byField.size === 0) continue;
    process.stdout.write(`\n${file} (plain → this layout):\n`);
    for (const [f, d] of byField) process.stdout.write(`  ${f}: ${d.n} differ, e.g. ${d.example}\n`);
  }
}
