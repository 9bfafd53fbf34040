// Board packs end to end on a real store: a co-ordinator builds through the engine's channels;
// no count from 1 to 9 reaches a pack cell, the workbook or the PDF's text; no name, date of
// birth, identifier, postcode or address from the store appears in either file; text cells are
// formula-neutralised; the same state gives the same bytes; builds are audited by counts; a
// partner is refused; the CLI contract holds. The PDF's pages are rendered to PNG with pdftoppm
// and kept in test/artifacts/packs/ for people to look at.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main.js';
import { SUPPRESSED_SYMBOL, type PackBuilt } from '../../shared/ipc/channels/packs.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import type { CohortSummary, OutcomesReport } from '../../shared/ipc/channels/cohort.js';
import { cohortFacts } from '../../electron/engine/cohort/cohort.js';
import { createArea } from '../../electron/engine/geo/areas.js';
import { placeHouseholds } from '../../electron/engine/geo/household-placement.js';
import { placementFromFacts } from '../../electron/engine/packs/placement.js';
import { familyOutcomesProvider } from '../../electron/engine/packs/cohort-providers.js';
import { controlTable, DEFAULT_DISCLOSURE, recoverableCells } from '../../electron/engine/packs/disclosure.js';
import { cohortSection } from '../../electron/engine/packs/sections/cohort.js';
import { familyOutcomesSection } from '../../electron/engine/packs/sections/family-outcomes.js';
import { storeProviders } from '../../electron/engine/packs/store-providers.js';
import { createEngine, type Engine } from '../../electron/engine/engine.js';
import { Store } from '../../electron/engine/store/store.js';
import { addUser } from '../../electron/engine/store/users.js';
import { runCli } from '../helpers/cli.js';
import { buildPackFixture, lsoasByDeprivation } from '../helpers/pack-fixture.js';

const PASS = 'analyst passphrase here';
const CORA = 'coordinator passphrase';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/packs/', import.meta.url));
let root = '';
let storePath = '';
/** Person-level values from the store that must never appear in a pack. */
let secrets: string[] = [];

async function call<T>(engine: Engine, channel: string, request: unknown): Promise<T> {
  const result = await engine.invoke(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
  return result.value as T;
}

async function build(engine: Engine, request: Record<string, unknown>): Promise<PackBuilt> {
  const { job } = await call<{ job: string }>(engine, 'packs:build', request);
  return new Promise((resolve, reject) => {
    const off = engine.onEvent((event: EngineEvent) => {
      if (event.type !== 'job:finished' || event.job !== job) return;
      off();
      if (event.result.ok) resolve(event.result.value as PackBuilt);
      else reject(new Error(event.result.error.message));
    });
  });
}

async function engineAs(passphrase: string): Promise<Engine> {
  const engine = createEngine({ storePath, host: 'browser', version: '9.9.9' });
  await call(engine, 'store:unlock', { passphrase });
  return engine;
}

async function xlsxCells(path: string): Promise<Array<{ sheet: string; address: string; value: ExcelJS.CellValue; numFmt: string | undefined }>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Array<{ sheet: string; address: string; value: ExcelJS.CellValue; numFmt: string | undefined }> = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push({ sheet: ws.name, address: cell.address, value: cell.value, numFmt: cell.numFmt }))));
  return out;
}

/** The CLI's main() in this process, its stdout captured; the passphrase from the environment as in a script. */
async function cliInProcess(args: string[], passphrase: string): Promise<{ code: number; json: Record<string, unknown> | null }> {
  const before = process.env.BASELINE_PASSPHRASE;
  process.env.BASELINE_PASSPHRASE = passphrase;
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(args);
    const last = out.join('').trim().split('\n').at(-1) ?? '';
    return { code, json: last ? (JSON.parse(last) as Record<string, unknown>) : null };
  } finally {
    write.mockRestore();
    quiet.mockRestore();
    if (before === undefined) delete process.env.BASELINE_PASSPHRASE;
    else process.env.BASELINE_PASSPHRASE = before;
  }
}

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const pdfText = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bw-packs-'));
  const fixture = await buildPackFixture(root, { households: 150, passphrase: PASS, nationalIod: 'rotherham' });
  storePath = fixture.path;
  const store = fixture.store;
  // A user-typed name that a spreadsheet would run as a formula.
  createArea(store.writer, { name: '=HYPERLINK("http://x.invalid","Park")', kind: 'custom', vintage: 2021, lsoas: lsoasByDeprivation().slice(6, 8), user: 'analyst' });
  addUser(store, { user: 'cora', role: 'co-ordinator', organisation: null }, CORA);
  addUser(store, { user: 'pat', role: 'partner', organisation: 'Schools' }, 'partner passphrase');
  const rows = store.reader
    .prepare("SELECT forename, surname, dob, address, postcode, nhs_number AS nhs, nino, upn FROM record WHERE forename IS NOT NULL AND surname IS NOT NULL")
    .all() as Array<Record<string, string | null>>;
  const set = new Set<string>();
  for (const r of rows) {
    set.add(`${r.forename} ${r.surname}`);
    for (const k of ['dob', 'address', 'postcode', 'nhs', 'nino', 'upn']) if (r[k] && (r[k] as string).length >= 6) set.add(r[k] as string);
  }
  secrets = [...set];
  store.close();
}, 180_000);

// One fixture for the whole file (building it imports and links a demo borough).
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a board pack built by a co-ordinator', () => {
  let built: PackBuilt;
  let text = '';
  let pdfPages: string[] = [];
  let cells: Awaited<ReturnType<typeof xlsxCells>> = [];

  beforeAll(async () => {
    const engine = await engineAs(CORA);
    built = await build(engine, { outDir: join(root, 'out') });
    engine.close();
    text = pdfText(built.pdf as string);
    pdfPages = text.split('\f');
    cells = await xlsxCells(built.xlsx as string);
  }, 120_000);

  it('writes an A4 PDF with a title page, contents and page numbers, and a workbook with a sheet per section and notes', async () => {
    expect(built.pages).toBeGreaterThan(5);
    const info = execFileSync('pdfinfo', [built.pdf as string], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(text).toContain('Contents');
    expect(text).toContain(`Page 1 of ${built.pages}`);
    expect(text).toContain('Synthetic demonstration data');
    for (const section of built.document.sections) expect(text).toContain(section.title);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(built.xlsx as string);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', ...built.document.sections.map((s, i) => `${i + 1} ${s.title}`.slice(0, 31).trim()), 'Notes']);
    const households = wb.getWorksheet('2 Households by area');
    expect(households?.views[0]).toMatchObject({ state: 'frozen' });
  });

  it('embeds its fonts (Noto Sans, subset) and uses no other, so it reads the same in any reader', () => {
    const rows = execFileSync('pdffonts', [built.pdf as string], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((r) => /NotoSans.*Bold/.test(r))).toBe(true);
    // name, type, encoding, then emb sub uni: every font embedded.
    for (const r of rows) expect(r, r).toMatch(/^[A-Z]{6}\+NotoSans\S*\s.*\syes\s+yes\s+yes\s+\d+\s+\d+$/);
  });

  it('the fixture has small counts, and no count from 1 to 9 reaches a pack cell', () => {
    const raw = built.document.sections.find((s) => s.id === 'households-by-area');
    const table = raw?.blocks.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows.some((r) => r.cells.some((c) => c.c))).toBe(true);
    for (const section of built.document.sections) {
      for (const block of section.blocks) {
        const counted =
          block.type === 'table'
            ? block.rows.flatMap((r) => r.cells.filter((_c, i) => block.columns[i]?.kind === 'count'))
            : block.type === 'figures'
              ? block.items.filter((i) => i.kind === 'count').map((i) => i.value)
              : [];
        for (const cell of counted) expect(cell.c === true || cell.v === null || cell.v === 0 || (typeof cell.v === 'number' && cell.v >= 10), `${section.id}: ${JSON.stringify(cell)}`).toBe(true);
      }
    }
  });

  it('no numeric workbook cell holds a whole number from 1 to 9', () => {
    // Rates (format 0.0) are not counts: a rate of 3.0 per 1,000 is a rate over a population of at least 10.
    const small = cells.filter((c) => typeof c.value === 'number' && c.numFmt !== '0.0' && Number.isInteger(c.value) && c.value >= 1 && c.value <= 9);
    expect(small).toEqual([]);
    expect(cells.some((c) => c.value === SUPPRESSED_SYMBOL)).toBe(true);
  });

  it('no count from 1 to 9 in the PDF text of the count tables', () => {
    // The indicators section's rows also start with area names but hold rates (decimals), not counts.
    const text = pdfPages.filter((p) => !p.includes('Trend in the gap')).join('\f');
    const areas = ['Ferham and Masbrough', 'Eastwood East', 'Canklow North', 'Town Centre', 'East Dene', 'Maltby South East', 'Whole baseline', 'All areas', 'All extracts'];
    const lines = text.split('\n').filter((l) => areas.some((a) => l.trim().startsWith(`${a}  `)) && /\d/.test(l));
    expect(lines.length).toBeGreaterThan(6);
    for (const line of lines) {
      const tokens = line.replace(/^\s*\S.*?\s{2,}/, '').trim().split(/\s+/);
      for (const t of tokens) expect(/^(\[c\]|0|–|\d{2,}|\d{1,3}(,\d{3})+)$/.test(t), `${line} → ${t}`).toBe(true);
    }
  });

  it("shows each target area's indicator rates against the borough, with the gap, its trend and a chart; rates only", () => {
    const section = built.document.sections.find((s) => s.id === 'neighbourhood-indicators');
    expect(section).toBeDefined();
    const tables = (section?.blocks ?? []).filter((b): b is Extract<typeof b, { type: 'table' }> => b.type === 'table');
    expect(tables.length).toBeGreaterThan(0);
    expect(section?.blocks.filter((b) => b.type === 'svg').length).toBe(tables.length);
    for (const t of tables) {
      expect(t.columns.map((c) => c.label)).toEqual(['Area', 'Rate per 1,000', 'Borough rate', 'Gap', 'Trend in the gap']);
      // No count or denominator column: nothing here can be a small count.
      expect(t.columns.some((c) => c.kind === 'count')).toBe(false);
      expect(t.rows.map((r) => r.cells[0]?.v)).toContain('Ferham and Masbrough');
    }
    // The demo has figures to show: some area rate, every borough rate, some gap.
    const shown = tables.flatMap((t) => t.rows.map((r) => r.cells.map((c) => c.v)));
    expect(shown.some((r) => typeof r[1] === 'number')).toBe(true);
    expect(shown.every((r) => typeof r[2] === 'number')).toBe(true);
    expect(shown.some((r) => typeof r[3] === 'number' && typeof r[1] === 'number' && Math.abs((r[1] as number) - (r[2] as number) - (r[3] as number)) < 0.11)).toBe(true);
    expect(text).toContain('Trend in the gap');
    const sheet = cells.filter((c) => c.sheet.endsWith('Neighbourhood indicators'));
    expect(sheet.some((c) => c.value === 'Borough rate')).toBe(true);
  });

  it("the cohort section's counts are `cohort evaluate`'s, withheld under 10 and rounded, with no withheld count recoverable from the totals", async () => {
    const store = Store.unlock(storePath, PASS);
    const asOf = (store.reader.prepare('SELECT max(as_of) AS d FROM source').get() as { d: string }).d;
    const draft = cohortSection.build({ providers: storeProviders(store), settings: DEFAULT_DISCLOSURE, synthetic: true });
    store.close();
    const evaluated = await cliInProcess(['--db', storePath, 'cohort', 'evaluate', '--preset', 'troubled-families-phase-1', '--as-of', asOf, '--json'], PASS);
    expect(evaluated.code).toBe(0);
    const summary = evaluated.json as unknown as CohortSummary;
    const raw = draft.blocks.find((b) => b.type === 'table');
    if (raw?.type !== 'table') throw new Error('no cohort table');
    const rawRow = (area: string) => raw.rows.find((r) => r.cells.area === area)?.cells ?? {};
    // Exact figures (before disclosure control) are the cohort engine's: per area, per criterion, overall.
    for (const area of ['Ferham and Masbrough', 'Eastwood East', 'Canklow North', 'Town Centre', 'East Dene', 'Maltby South East']) {
      expect(rawRow(area).qualifying, area).toBe(summary.byArea.find((a) => a.key === area)?.families ?? 0);
    }
    expect(rawRow('Whole baseline').qualifying).toBe(summary.qualifying);
    for (const h of summary.headings.filter((x) => x.data !== 'no-data')) expect(rawRow('Whole baseline')[`c:${h.id}`], h.id).toBe(h.families);
    expect(raw.rows.at(-1)?.total).toBe(true);
    // As shown: small counts withheld, the rest rounded to 5 or withheld to protect them; nothing recoverable.
    const shown = built.document.sections.find((s) => s.id === 'cohort')?.blocks.find((b) => b.type === 'table');
    if (shown?.type !== 'table') throw new Error('no cohort table in the pack');
    expect(shown.rows.length).toBe(raw.rows.length);
    const withheld = new Set<string>();
    let small = 0;
    let rounded = 0;
    raw.rows.forEach((row, r) =>
      raw.columns.forEach((col, c) => {
        if (col.kind !== 'count') return;
        const value = row.cells[col.key] as number;
        const cell = shown.rows[r]?.cells[c];
        if (cell?.c) withheld.add(`${r}:${c}`);
        if (value > 0 && value < 10) {
          small++;
          expect(cell, `${String(row.cells.area)} ${col.key}`).toEqual({ v: SUPPRESSED_SYMBOL, c: true });
        } else if (!cell?.c) {
          expect(cell?.v, `${String(row.cells.area)} ${col.key}`).toBe(Math.round(value / 5) * 5);
          if (value >= 10) rounded++;
        }
      }),
    );
    expect(small).toBeGreaterThan(0);
    expect(rounded).toBeGreaterThan(0);
    expect(recoverableCells(raw, withheld)).toEqual([]);
    expect(text).toContain('Cohort by criterion and area');
    expect(text).not.toContain('No data yet');
  });

  it('places households from the cohort facts exactly as the placement query does', () => {
    const store = Store.unlock(storePath, PASS);
    const fromFacts = placementFromFacts(store.reader, cohortFacts(store.reader), 2021);
    const byQuery = placeHouseholds(store.reader, 2021);
    store.close();
    expect(fromFacts.placedHouseholds).toBeGreaterThan(100);
    expect(fromFacts).toEqual(byQuery);
  });

  it("the family outcomes section counts `outcomes families`' attached families by measure and status, under disclosure control", async () => {
    const section = built.document.sections.find((s) => s.id === 'family-outcomes');
    expect(section?.blocks.some((b) => b.type === 'figures' && b.items[0]?.label === 'Families attached')).toBe(true);
    // The small fixture has few families: attached on the as-of date itself, there are some to count.
    const store = Store.unlock(storePath, PASS);
    const asOf = (store.reader.prepare('SELECT max(as_of) AS d FROM source').get() as { d: string }).d;
    const provider = familyOutcomesProvider(store, { attachedOn: asOf });
    const counted = provider.familyOutcomes();
    const draft = familyOutcomesSection.build({ providers: { ...storeProviders(store), familyOutcomes: provider }, settings: DEFAULT_DISCLOSURE, synthetic: true });
    store.close();
    const reported = await cliInProcess(['--db', storePath, 'outcomes', 'families', '--as-of', asOf, '--attached', asOf, '--json'], PASS);
    expect(reported.code).toBe(0);
    const report = reported.json as unknown as OutcomesReport;
    expect(counted?.families).toBe(report.families.length);
    expect(counted?.families).toBeGreaterThan(0);
    const keys = { achieved: 'achieved', onTrack: 'on-track', notYet: 'not-yet', insufficientData: 'insufficient-data', notApplicable: 'not-applicable' } as const;
    counted?.outcomes.forEach((o, i) => {
      const totals = Object.values(report.totals)[i] ?? {};
      for (const [k, status] of Object.entries(keys)) expect(o[k as keyof typeof keys], `${o.label} ${status}`).toBe(totals[status] ?? 0);
    });
    const raw = draft.blocks.find((b) => b.type === 'table');
    if (raw?.type !== 'table') throw new Error('no outcomes table');
    expect(raw.columns.map((c) => c.label)).toEqual(['Measure', 'Achieved', 'On track', 'Not yet', 'Insufficient data', 'Not applicable', 'Families']);
    expect(raw.rows.map((r) => r.cells.total)).toEqual(raw.rows.map(() => counted?.families));
    // Progress to work needs data no demo extract gives: said, not counted as "not yet".
    expect(draft.blocks.some((b) => b.type === 'bullets' && b.items.some((i) => /Progress to work.*no source gives Work Programme or ESF attachments/.test(i)))).toBe(true);
    const shown = controlTable(raw, DEFAULT_DISCLOSURE);
    const withheld = new Set<string>();
    shown.rows.forEach((row, r) => row.cells.forEach((cell, c) => (cell.c ? withheld.add(`${r}:${c}`) : undefined)));
    for (const row of shown.rows) for (const cell of row.cells.slice(1)) expect(cell.c === true || cell.v === 0 || (typeof cell.v === 'number' && cell.v >= 10), JSON.stringify(row)).toBe(true);
    expect(recoverableCells(raw, withheld)).toEqual([]);
  });

  it('no name, date of birth, identifier, postcode or address from the store appears in the PDF or the workbook', () => {
    expect(secrets.length).toBeGreaterThan(100);
    const cellText = cells.map((c) => String(c.value)).join('\n');
    for (const s of secrets) {
      expect(text.includes(s), s).toBe(false);
      expect(cellText.includes(s), s).toBe(false);
    }
  });

  it('text that looks like a formula is neutralised in the workbook', () => {
    const hostile = cells.filter((c) => typeof c.value === 'string' && c.value.includes('HYPERLINK'));
    expect(hostile.length).toBeGreaterThan(0);
    for (const c of hostile) expect((c.value as string).startsWith("'=")).toBe(true);
    expect(cells.some((c) => typeof c.value === 'object' && c.value !== null && 'formula' in c.value)).toBe(false);
  });

  it('records its definition, as-of dates, version and store fingerprint; the same state gives the same bytes', async () => {
    const r = built.document.record;
    expect(r).toMatchObject({ template: 'default', programmeVersion: expect.any(String), linkRun: 1, synthetic: true });
    expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(r.asOf.length).toBe(6);
    const engine = await engineAs(CORA);
    const again = await build(engine, { outDir: join(root, 'again') });
    engine.close();
    expect(again.document.record.fingerprint).toBe(r.fingerprint);
    expect(sha(again.pdf as string)).toBe(sha(built.pdf as string));
    expect(sha(again.xlsx as string)).toBe(sha(built.xlsx as string));
  });

  it('audits each build by counts only', () => {
    const store = Store.unlock(storePath, PASS);
    const events = store.reader.prepare("SELECT actor, payload_json FROM audit_event WHERE action = 'pack-built'").all() as Array<{ actor: string; payload_json: string }>;
    store.close();
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]?.actor).toBe('cora');
    for (const e of events) for (const v of Object.values(JSON.parse(e.payload_json) as Record<string, unknown>)) expect(['number', 'boolean'].includes(typeof v) || v === null).toBe(true);
  });

  it('renders every page to PNG (kept as artefacts)', () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', built.pdf as string, join(ARTIFACTS, 'page')]);
    const pngs = readdirSync(ARTIFACTS).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBe(built.pages);
    for (const p of pngs) expect(readFileSync(join(ARTIFACTS, p)).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('templates, roles and the CLI', () => {
  it('a saved template chooses and orders sections; the default cannot be overwritten', async () => {
    const engine = await engineAs(CORA);
    const saved = await call<{ sections: string[] }>(engine, 'packs:saveTemplate', { name: 'Cabinet', title: 'Cabinet overview', sections: ['area-profiles', 'summary'] });
    expect(saved.sections).toEqual(['area-profiles', 'summary']);
    expect(await engine.invoke('packs:saveTemplate', { name: 'default', title: 'x', sections: ['summary'] })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const pack = await build(engine, { template: 'Cabinet' });
    expect(pack.document.sections.map((s) => s.id)).toEqual(['area-profiles', 'summary']);
    expect(pack.pdf).toBeNull();
    const exported = await call<{ pdf: string; xlsx: string }>(engine, 'packs:export', { build: pack.build, outDir: join(root, 'exported') });
    expect(exported.pdf).toMatch(/board-pack-cabinet\.pdf$/);
    expect(readFileSync(exported.xlsx).subarray(0, 2).toString()).toBe('PK');
    engine.close();
  });

  it('a partner may not build or list packs', async () => {
    const engine = await engineAs('partner passphrase');
    expect(await engine.invoke('packs:build', { outDir: join(root, 'partner') })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await engine.invoke('packs:templates', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    engine.close();
  });

  it('refuses to overwrite a file of the pack\'s name that is not an earlier pack, naming it, unless told to replace it', async () => {
    const dir = join(root, 'in-the-way');
    mkdirSync(dir, { recursive: true });
    const pdf = join(dir, 'board-pack-default.pdf');
    const xlsx = join(dir, 'board-pack-default.xlsx');
    writeFileSync(xlsx, 'minutes of the last meeting');
    // The CLI: exit 1, the file named, nothing written; --force replaces it.
    const refused = await cliInProcess(['pack', 'build', '--out', dir, '--db', storePath, '--json'], CORA);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining(`${xlsx} already exists and is not an earlier board pack export`) } });
    expect(readFileSync(xlsx, 'utf8')).toBe('minutes of the last meeting');
    expect(readdirSync(dir)).toEqual(['board-pack-default.xlsx']);
    const forced = await cliInProcess(['pack', 'build', '--out', dir, '--db', storePath, '--json', '--force'], CORA);
    expect(forced.code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    // An earlier pack is the pack's own file: building again replaces it without being told.
    const again = await cliInProcess(['pack', 'build', '--out', dir, '--db', storePath, '--json'], CORA);
    expect(again.code).toBe(0);

    // The engine's channels, as the app uses them: the check first, then the export with `replace`.
    const engine = await engineAs(CORA);
    expect(await call(engine, 'exports:checkTarget', { path: pdf, kind: 'board-pack' })).toMatchObject({ state: 'earlier-export' });
    writeFileSync(pdf, '%PDF-1.4 someone else\'s report');
    const check = await call<{ state: string; message: string }>(engine, 'exports:checkTarget', { path: pdf, kind: 'board-pack' });
    expect(check).toMatchObject({ state: 'refused', message: expect.stringContaining(pdf) });
    const pack = await build(engine, {});
    expect(await engine.invoke('packs:export', { build: pack.build, outDir: dir })).toMatchObject({ ok: false, error: { kind: 'conflict', message: expect.stringContaining(pdf) } });
    expect(await engine.invoke('packs:build', { outDir: dir })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(readFileSync(pdf, 'utf8')).toBe("%PDF-1.4 someone else's report");
    await call(engine, 'packs:export', { build: pack.build, outDir: dir, replace: true });
    expect(readFileSync(pdf).length).toBeGreaterThan(10_000);
    engine.close();
  }, 120_000);

  it('pack build --out DIR --json prints the two paths; pack templates lists them; a partner gets exit 1', async () => {
    const out = join(root, 'cli');
    const run = runCli(['pack', 'build', '--out', out, '--db', storePath, '--json'], { BASELINE_PASSPHRASE: CORA });
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toEqual({ pdf: join(out, 'board-pack-default.pdf'), xlsx: join(out, 'board-pack-default.xlsx') });
    expect(readFileSync(run.json?.pdf as string).subarray(0, 5).toString()).toBe('%PDF-');
    // The rest in-process (a child process per case costs ~10 s here).
    const list = await cliInProcess(['--db', storePath, 'pack', 'templates', '--json'], CORA);
    expect((list.json?.templates as Array<{ name: string }>).map((t) => t.name)).toContain('default');
    const refused = await cliInProcess(['pack', 'build', '--out', join(root, 'p'), '--db', storePath, '--json'], 'partner passphrase');
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const unknown = await cliInProcess(['pack', 'build', '--template', 'Nope', '--out', out, '--db', storePath, '--json'], CORA);
    expect(unknown.code).toBe(1);
    expect(unknown.json).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringMatching(/no pack template "Nope"/) } });
    const noOut = await cliInProcess(['pack', 'build', '--db', storePath, '--json'], CORA);
    expect(noOut.code).toBe(1);
  }, 120_000);
});
