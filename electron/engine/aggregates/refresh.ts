// Fills the aggregates store from the main store, in an analyst's session (the only one holding
// both keys). Each answer is what the channel's own handler gives a co-ordinator — the same code,
// run with a co-ordinator's view of the store — so the figures and their disclosure control are
// exactly those co-ordinators got when they read the main store. Nothing the handlers write while
// answering is kept (a savepoint is rolled back); the audit events they would write are kept with
// the answer and written to the journal, as the co-ordinator, when it is served.
import type { Channel } from '../../../shared/ipc/contract.js';
import type { PackTemplate } from '../../../shared/ipc/channels/packs.js';
import { fail, ok, WorkbenchError, type Result } from '../../../shared/ipc/result.js';
import { parseRequest } from '../../../shared/ipc/validate.js';
import type { EngineContext } from '../handlers/context.js';
import { moduleHandlers } from '../handlers/index.js';
import { JobRunner } from '../jobs/job-runner.js';
import { buildPackDocument } from '../packs/build-pack.js';
import { stateFingerprint } from '../packs/fingerprint.js';
import { storeProviders } from '../packs/store-providers.js';
import { findTemplate } from '../packs/templates.js';
import type { Db } from '../store/database.js';
import type { AuditPayload } from '../store/audit.js';
import { readKeyFile } from '../store/keyslots.js';
import type { Store } from '../store/store.js';
import { backupStatus } from '../store/backup-status.js';
import { relinkNeeded } from '../store/relink-mark.js';
import { overdueSourceNames } from '../store/overdue.js';
import { countOverdueSources } from '../queries/records.js';
import { appVersion } from '../version.js';
import { ensureBaselineIndex } from '../baseline/index-build.js';
import { keepOutcomeBaseline } from '../outcomes/series.js';
import { aggMeta, openAggregates, requestKey, setAggMeta } from './db.js';
import { foldTemplates } from './setup.js';

export interface Ask {
  channel: Channel;
  request: unknown;
}

/** How many flagged families a cohort answer lists (the Families page's own page size). */
export const LISTED_FAMILIES = 2000;

/**
 * The key an answer is filed under. A cohort's list of families is kept at one length, so a
 * request with any limit finds the answer (counts only, or the list cut to the limit).
 */
export function answerKey(channel: Channel, request: unknown): string {
  if (channel === 'matching:counts') {
    // The Matching page asks at slider positions a tenth of a bit apart: file by that position.
    const { threshold, reviewFrom } = request as { threshold: number; reviewFrom: number };
    return requestKey({ link: tenthOfABit(threshold), review: tenthOfABit(reviewFrom) });
  }
  if (channel === 'cohort:evaluate') {
    const { limit, ...rest } = request as { limit?: number };
    return requestKey({ ...rest, limit: (limit ?? 0) > 0 ? 'list' : 0 });
  }
  return requestKey(request);
}

const weightOf = (p: number): number => Math.log2(p / (1 - p));
const tenthOfABit = (p: number): number => Math.round(weightOf(p) * 10) / 10;
/** The probability at a slider position, as the Matching page asks for it. */
const atPosition = (p: number): number => Math.min(1 - 1e-12, Math.max(1e-12, Number((1 / (1 + 2 ** -tenthOfABit(p))).toPrecision(12))));

/** What the analyst's session holds that co-ordinators' figures depend on. */
export function aggregatesFingerprint(db: Db): string {
  const extra = {
    records: db.prepare('SELECT count(*) AS n, max(id) AS m FROM record').get(),
    events: db.prepare('SELECT count(*) AS n, max(id) AS m FROM event').get(),
    programmes: db.prepare('SELECT count(*) AS n, max(created_at) AS m FROM programme_version').get(),
    indicators: db.prepare('SELECT count(*) AS n, max(saved_at) AS m FROM outcome_indicator').get(),
    templates: db.prepare('SELECT name, sections_json, disclosure_json FROM pack_template ORDER BY name').all(),
    version: appVersion(),
  };
  return stateFingerprint(db, extra).fingerprint;
}

/** Whether anyone holds a co-ordinator's slot: without one, nobody reads the aggregates. */
export function hasCoordinators(store: Pick<Store, 'keyPath'>): boolean {
  try {
    return readKeyFile(store.keyPath).slots.some((s) => s.role === 'co-ordinator');
  } catch {
    return false;
  }
}

type Answer = { ok: true; value: unknown } | { ok: false; kind: string; message: string };

/** Answers requests as a co-ordinator would have been answered by the main store. */
class CoordinatorView {
  private readonly handlers: Record<string, (request: unknown) => unknown>;
  private view: Store;
  private captured: Array<{ action: string; payload: AuditPayload }> = [];

  constructor(private readonly store: Store) {
    this.view = this.makeView();
    const context: EngineContext = {
      options: () => ({ storePath: store.path, host: 'cli', version: appVersion() }),
      jobs: new JobRunner(() => undefined, async (work): Promise<Result<unknown>> => {
        try {
          return ok(await work());
        } catch {
          return fail('internal', 'not run');
        }
      }),
      requireStore: () => this.view,
      user: () => store.session.user,
      partnerScope: () => null,
      auditRecordsView: () => undefined,
      pathOf: () => {
        throw new WorkbenchError('forbidden', 'Co-ordinators cannot use files here.');
      },
      registerFile: () => {
        throw new WorkbenchError('forbidden', 'Co-ordinators cannot use files here.');
      },
      currentStore: () => this.view,
      switchStore: () => {
        throw new WorkbenchError('forbidden', 'Not while preparing aggregates.');
      },
      homeDir: () => store.path,
    };
    this.handlers = moduleHandlers(context) as unknown as Record<string, (request: unknown) => unknown>;
  }

  /** The store as a co-ordinator's session saw it: same connections, their role, audit held back. */
  private makeView(): Store {
    const captured = this.captured;
    return Object.create(this.store, {
      session: { value: { user: this.store.session.user, role: 'co-ordinator', organisation: null } },
      audit: { value: (_actor: string, action: string, payload: AuditPayload) => captured.push({ action, payload }) },
    }) as Store;
  }

  get asStore(): Store {
    return this.view;
  }

  /** An answer given, or null (not answered here, or a fault). */
  answered(channel: Channel, request: unknown): { answer: Answer; audits: Array<{ action: string; payload: AuditPayload }> } | null {
    const got = this.answer(channel, request);
    return got === 'failed' ? null : got;
  }

  /** The answer; null for a channel not answered here (jobs, dialogs); 'failed' for a fault inside the engine. */
  answer(channel: Channel, request: unknown): { answer: Answer; audits: Array<{ action: string; payload: AuditPayload }> } | null | 'failed' {
    this.captured.length = 0;
    const writer = this.store.writer;
    writer.exec('SAVEPOINT aggregates_answer');
    try {
      const value = this.handlers[channel]?.(request);
      if (value instanceof Promise) {
        void value.catch(() => undefined);
        return null; // jobs and dialogs are not answered here
      }
      return { answer: { ok: true, value: JSON.parse(JSON.stringify(value ?? null)) as unknown }, audits: [...this.captured] };
    } catch (error) {
      // A refusal or a plain "no such area" is an answer too: co-ordinators get the same words.
      if (error instanceof WorkbenchError) return { answer: { ok: false, kind: error.kind, message: error.message }, audits: [...this.captured] };
      return 'failed';
    } finally {
      writer.exec('ROLLBACK TO aggregates_answer');
      writer.exec('RELEASE aggregates_answer');
    }
  }
}

/** Month-ends of the `months` months up to (and including) the month of `iso`. */
function monthEnds(iso: string, months: number): string[] {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = 0; i < months; i++) out.push(new Date(Date.UTC(y, m - i + 1, 0)).toISOString().slice(0, 10));
  return out;
}

/** The requests every refresh prepares, besides those analysts made and co-ordinators asked for. */
function standardAsks(store: Store, view: CoordinatorView): Ask[] {
  const asks: Ask[] = [];
  const add = (channel: Channel, request: unknown): void => {
    asks.push({ channel, request });
  };
  for (const c of ['sources:list', 'matching:summary', 'matching:model', 'matching:histogram', 'geo:status', 'areas:list', 'areas:wards', 'programme:list', 'outcomes:indicators', 'packs:templates', 'baseline:streets', 'baseline:wards', 'model:exportSplink'] as const) add(c, {});
  const listed = (channel: Channel): unknown[] => {
    const got = view.answered(channel, {});
    return got?.answer.ok && Array.isArray(got.answer.value) ? got.answer.value : [];
  };
  const one = (channel: Channel): Record<string, unknown> | null => {
    const got = view.answered(channel, {});
    return got?.answer.ok && got.answer.value && typeof got.answer.value === 'object' ? (got.answer.value as Record<string, unknown>) : null;
  };
  const settings = one('matching:summary')?.settings as { threshold: number; reviewFrom: number } | undefined;
  if (settings) add('matching:counts', { threshold: atPosition(settings.threshold), reviewFrom: atPosition(settings.reviewFrom) });
  // The map's layers: each release drawn on boundaries, and the baseline's counts per LSOA.
  const geo = one('geo:status') as { releases: Array<{ release: string; vintage: number }>; boundaries: Array<{ vintage: number }> } | null;
  for (const b of geo?.boundaries ?? []) {
    for (const kind of ['households', 'persons']) add('areas:map', { measure: { kind, vintage: b.vintage } });
    for (const r of geo?.releases.filter((x) => x.vintage === b.vintage) ?? []) {
      add('areas:map', { measure: { kind: 'decile', release: r.release, indicator: 'imd' } });
      add('areas:map', { measure: { kind: 'population', release: r.release } });
    }
  }
  for (const a of listed('areas:list') as Array<{ name: string }>) {
    add('areas:show', { name: a.name });
    add('areas:profile', { name: a.name });
    add('areas:profile', { name: a.name, detail: true });
  }
  const programmes = (listed('programme:list') as Array<{ name: string }>).map((p) => p.name);
  for (const programme of programmes) add('programme:show', { programme });
  // The extracts' as-of dates, and the month-ends before them: where cohorts are usually taken.
  const asOfs = (store.reader.prepare('SELECT DISTINCT as_of FROM source WHERE as_of IS NOT NULL ORDER BY as_of DESC LIMIT 3').all() as Array<{ as_of: string }>).map((r) => r.as_of.slice(0, 10));
  const latest = asOfs[0];
  if (latest) {
    const cohortDates = [...new Set([...asOfs, ...monthEnds(latest, 12), ...asOfs.flatMap((d) => monthEnds(d, 6))])];
    const outcomeDates = [...new Set([...asOfs, ...asOfs.flatMap((d) => monthEnds(d, 12).filter((_d, i) => i % 3 === 0))])];
    for (const programme of programmes) {
      add('cohort:evaluate', { programme, asOf: latest, limit: LISTED_FAMILIES });
      for (const asOf of cohortDates) add('cohort:evaluate', { programme, asOf, limit: 0 });
      for (const asOf of outcomeDates) add('outcomes:families', { programme, asOf });
    }
  }
  for (const period of ['quarter', 'month', 'term', 'year']) add('outcomes:areas', { period });
  add('outcomes:areas', { period: 'quarter', published: true });
  // One indicator or area of outcomes:areas is cut from the whole answer (serve.ts).
  for (const i of listed('outcomes:indicators') as Array<{ name: string }>) add('outcomes:map', { indicator: i.name });
  return asks;
}

/** The main store's state as a co-ordinator's session shows it (no person-level field). */
function statusSnapshot(store: Store): Record<string, unknown> {
  return {
    ...backupStatus(store),
    relinkNeeded: relinkNeeded(store.reader),
    overdueNames: overdueSourceNames(store.reader, null),
    overdueSources: countOverdueSources(store.reader, null),
    synthetic: store.synthetic,
    schemaVersion: store.schemaVersion,
  };
}

export interface RefreshReport {
  full: boolean;
  answers: number;
  packs: number;
  /** Answers (or packs) that failed inside the engine: co-ordinators are told those are not prepared. */
  failed: number;
  millis: number;
}

/** Where a refresh is: `done` of `total` answers and packs prepared. */
export interface RefreshStep {
  done: number;
  total: number;
}

/**
 * Brings the aggregates store up to date: everything when the main store changed since the last
 * full refresh (or `force`), else only `asks` and what co-ordinators asked for in vain. Does
 * nothing in sessions without the aggregates key, or while nobody holds a co-ordinator's slot.
 * Runs in one go (as a session ends); `refreshAggregatesInSteps` is the same work as a job.
 */
export function refreshAggregates(store: Store, options: { asks?: Ask[]; force?: boolean } = {}): RefreshReport | null {
  const steps = refreshSteps(store, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The same refresh, yielding after each answer so a job can report progress and be cancelled. */
export function refreshAggregatesInSteps(store: Store, options: { asks?: Ask[]; force?: boolean } = {}): Generator<RefreshStep, RefreshReport | null> {
  return refreshSteps(store, options);
}

function* refreshSteps(store: Store, options: { asks?: Ask[]; force?: boolean }): Generator<RefreshStep, RefreshReport | null> {
  const started = performance.now();
  const key = store.aggregatesKey;
  if (!key || store.readOnly || store.aggregatesOnly || !store.writer.open) return null;
  if (store.writer.inTransaction) return null; // a job holds the writer: its end refreshes
  // Nobody reads the aggregates: the file is not opened (what a co-ordinator added later sees is
  // prepared in full as they are added, and their journal is folded at each analyst sign-in).
  if (!hasCoordinators(store)) return null;
  const db = openAggregates(store.path, key, { create: true });
  try {
    const recordAsks = db.prepare('INSERT INTO agg_request(channel, request_key, request_json) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    const parsedAsks: Ask[] = [];
    for (const ask of options.asks ?? []) {
      const parsed = parseRequest(ask.channel, ask.request);
      if (!parsed.ok) continue;
      parsedAsks.push({ channel: ask.channel, request: parsed.value.request });
      recordAsks.run(ask.channel, answerKey(ask.channel, parsed.value.request), JSON.stringify(parsed.value.request));
    }
    foldTemplates(store, db);
    const fingerprint = aggregatesFingerprint(store.reader);
    const full = options.force === true || aggMeta(db, 'fingerprint') !== fingerprint;
    const wanted = db.prepare(full ? 'SELECT channel, request_json FROM agg_request' : 'SELECT channel, request_json FROM agg_request WHERE wanted = 1').all() as Array<{ channel: Channel; request_json: string }>;
    const view = new CoordinatorView(store);
    const asks: Ask[] = [...(full ? standardAsks(store, view) : []), ...wanted.map((w) => ({ channel: w.channel, request: JSON.parse(w.request_json) as unknown })), ...parsedAsks];
    const millis = (): number => Math.round(performance.now() - started);
    if (!full && asks.length === 0) return { full, answers: 0, packs: 0, failed: 0, millis: millis() };
    const templates = full ? ((view.answered('packs:templates', {})?.answer ?? { ok: false }) as Answer) : ({ ok: false } as Answer);
    const names = templates.ok ? (templates.value as PackTemplate[]).map((t) => t.name) : [];
    // A full refresh first brings the derived tables answers read (the baseline's index, the
    // outcomes' compact copy) up to date, once, and keeps them: inside an answer's savepoint a
    // rebuild is rolled back, so the streets and then the wards answer each rebuilt the whole
    // index (a minute each at borough size).
    const preparing = full ? [() => ensureBaselineIndex(store), () => keepOutcomeBaseline(store.reader, store.writer)] : [];
    const total = preparing.length + asks.length + names.length;
    const rows: Array<[string, string, string, string]> = [];
    const seen = new Set<string>();
    let failed = 0;
    let done = 0;
    for (const prepare of preparing) {
      yield { done: done++, total };
      prepare();
    }
    for (const ask of asks) {
      yield { done: done++, total };
      const parsed = parseRequest(ask.channel, ask.request);
      if (!parsed.ok) continue;
      const request = ask.channel === 'cohort:evaluate' && ((parsed.value.request as { limit?: number }).limit ?? 0) > 0 ? { ...(parsed.value.request as object), limit: LISTED_FAMILIES } : parsed.value.request;
      const k = answerKey(ask.channel, request);
      if (seen.has(`${ask.channel}\u0000${k}`)) continue;
      seen.add(`${ask.channel}\u0000${k}`);
      const got = view.answer(ask.channel, request);
      if (got === 'failed') failed++;
      else if (got) rows.push([ask.channel, k, JSON.stringify(got.answer), JSON.stringify(got.audits)]);
    }
    const packs: Array<[string, string]> = [];
    for (const name of names) {
      yield { done: done++, total };
      try {
        const document = buildPackDocument(store.reader, storeProviders(view.asStore), findTemplate(store.reader, name), { synthetic: store.synthetic, version: appVersion() });
        packs.push([name.toLowerCase(), JSON.stringify(document)]);
      } catch (error) {
        // A template whose figures cannot be read is left out (building it says so); a fault is counted.
        if (!(error instanceof WorkbenchError)) failed++;
      }
    }
    yield { done: total, total };
    db.transaction(() => {
      if (full) {
        db.prepare('DELETE FROM agg_answer').run();
        db.prepare('DELETE FROM agg_pack').run();
      }
      const put = db.prepare('INSERT INTO agg_answer(channel, request_key, response_json, audit_json) VALUES (?, ?, ?, ?) ON CONFLICT(channel, request_key) DO UPDATE SET response_json = excluded.response_json, audit_json = excluded.audit_json');
      for (const row of rows) put.run(...row);
      const putPack = db.prepare('INSERT INTO agg_pack(template, document_json) VALUES (?, ?) ON CONFLICT(template) DO UPDATE SET document_json = excluded.document_json');
      for (const row of packs) putPack.run(...row);
      db.prepare('UPDATE agg_request SET wanted = 0 WHERE wanted = 1').run();
      // The most recent requests are kept, so the refresh stays bounded however much is asked.
      db.prepare('DELETE FROM agg_request WHERE rowid NOT IN (SELECT rowid FROM agg_request ORDER BY rowid DESC LIMIT 400)').run();
      if (full) {
        setAggMeta(db, 'fingerprint', fingerprint);
        setAggMeta(db, 'status', JSON.stringify(statusSnapshot(store)));
      }
      setAggMeta(db, 'refreshed_at', new Date().toISOString());
    })();
    return { full, answers: rows.length, packs: packs.length, failed, millis: millis() };
  } finally {
    db.close();
  }
}
