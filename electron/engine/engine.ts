// The engine: owns the store, answers every contract channel, and runs jobs. The same code runs
// in Electron's utility process, in the browser host, in the CLI and in tests.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { JOB_RESULTS, type Channel, type ChosenFile, type EngineEvent, type RequestOf, type ResponseOf, type StoreStatus } from '../../shared/ipc/contract.js';
import { fail, ok, WorkbenchError, type Result } from '../../shared/ipc/result.js';
import { CHANNEL_POLICY, mayCall, refusal } from '../../shared/ipc/policy.js';
import { parseRequest } from '../../shared/ipc/validate.js';
import type { EngineHandle, EngineOptions } from './engine-types.js';
import { JobRunner } from './jobs/job-runner.js';
import { countOverdueSources } from './queries/records.js';
import { Store } from './store/store.js';
import { signIn } from './store/sign-in.js';
import { LATEST_VERSION } from './store/migrations/index.js';
import { keyFilePath, networkShareWarning } from './store/paths.js';
import type { EngineContext } from './handlers/context.js';
import { moduleHandlers } from './handlers/index.js';
import { fileFault } from './store/files.js';
import { backupStatus } from './store/backup-status.js';
import { relinkNeeded } from './store/relink-mark.js';
import { overdueSourceNames } from './store/overdue.js';
import { refreshAndRecord, refreshJob } from './aggregates/upkeep.js';
import { hasCoordinators } from './aggregates/refresh.js';
import { aggregatesServer, COORDINATOR_OWN_CHANNELS, PREPARED_CHANNELS } from './aggregates/serve.js';
import { aggMeta } from './aggregates/db.js';

// An analyst's session that ends leaves the aggregates store up to date for co-ordinators.
Store.prepareAggregates = (store) => {
  refreshAndRecord(store);
};

/** Analysts' changes after which co-ordinators' figures are prepared again at once (others at the session's end). */
const REFRESH_AFTER: ReadonlySet<string> = new Set([
  'matching:run', 'governance:purge', 'geo:import', 'demo:create', 'areas:create', 'areas:addLsoas', 'areas:removeLsoas', 'areas:delete',
  'programme:save', 'programme:copy', 'packs:saveTemplate', 'packs:deleteTemplate', 'outcomes:saveIndicator', 'baseline:erase',
]);

/** A records view is audited at most once per user and source in this time. */
export const RECORDS_VIEW_AUDIT_MS = 10 * 60_000;

type Handlers = { [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

/** Turns anything thrown into the Result envelope; only WorkbenchErrors keep their message. */
export async function toResult<T>(work: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (thrown) {
    // A full disk or a store that cannot be written is the user's to fix, and says so.
    const error = fileFault(thrown, 'The work was not saved');
    if (error instanceof WorkbenchError) return fail(error.kind, error.message);
    // Internal errors keep their detail out of the UI: it could quote personal data. A developer
    // may ask for the stack (it names code only) on stderr.
    if (process.env.BASELINE_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? error.name}\n`);
    return fail('internal', 'Something went wrong inside the engine. Nothing was changed; please report it.');
  }
}

export class Engine implements EngineHandle {
  private store: Store | null = null;
  private readonly files = new Map<string, string>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly jobs = new JobRunner((event) => this.emit(event), toResult);
  private lastActivity = Date.now();
  private readonly idleTimer: NodeJS.Timeout | null;

  /** The app's folder, fixed at start: the store path changes when the user switches stores. */
  private readonly home: string;

  constructor(private options: EngineOptions) {
    this.home = dirname(resolve(options.storePath));
    const idleMs = (options.idleLockMinutes ?? 0) * 60_000;
    this.idleTimer = idleMs > 0 ? setInterval(() => this.lockIfIdle(idleMs), Math.min(30_000, idleMs / 2)) : null;
    this.idleTimer?.unref();
  }

  /** Locks an open store nobody has used for `idleMs`; a running job counts as use. */
  lockIfIdle(idleMs: number, now = Date.now()): boolean {
    if (!this.store || this.jobs.busy || now - this.lastActivity < idleMs) return false;
    this.store.audit(this.user, 'locked-idle', {});
    this.store.close();
    this.store = null;
    this.emit({ type: 'store:locked', reason: 'idle' });
    return true;
  }

  /** Who acts, for the audit log: the user whose key slot opened the store. */
  private get user(): string {
    return this.store?.session.user ?? this.options.user ?? 'analyst';
  }

  async invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    // Roles are enforced here, before the request is even read, for every host: a role that may
    // not call a channel learns nothing from it, not even how its requests are shaped.
    if (Object.hasOwn(CHANNEL_POLICY, channel) && CHANNEL_POLICY[channel as Channel] !== 'open') {
      const refused = await toResult(async () => {
        const { role } = this.requireStore().session;
        if (!mayCall(role, channel as Channel)) throw new WorkbenchError('forbidden', refusal(role, channel as Channel));
      });
      if (!refused.ok) return refused;
    }
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return parsed;
    const name = parsed.value.channel;
    // Polling who-is-signed-in is not use; everything else keeps the store open.
    if (name !== 'app:info') this.lastActivity = Date.now();
    const store = this.store;
    // A co-ordinator's session holds the aggregates store only: every channel is answered from it.
    if (store?.aggregatesOnly && CHANNEL_POLICY[name] !== 'open' && !COORDINATOR_OWN_CHANNELS.has(name)) {
      return toResult(async () => this.serveAggregates(store, name, parsed.value.request));
    }
    const handler = this.handlers[name] as (request: unknown) => unknown;
    const result = await toResult(async () => handler(parsed.value.request));
    if (result.ok && store && store === this.store && store.aggregatesKey) this.prepareForCoordinators(store, name, parsed.value.request);
    return result;
  }

  private readonly serveAggregates = aggregatesServer({
    options: () => this.options,
    jobs: this.jobs,
    requireStore: () => this.requireStore(),
    user: () => this.user,
    partnerScope: () => null,
    auditRecordsView: () => undefined,
    pathOf: (token) => this.pathOf(token),
    registerFile: (path) => this.registerFile(path),
    currentStore: () => this.store,
    switchStore: () => undefined,
    homeDir: () => this.home,
  });

  /**
   * In an analyst's session: what an analyst looks at that co-ordinators may see is prepared for
   * them too (a cohort evaluated, an area profiled), and a change to what their figures rest on
   * prepares them all again. Failures never reach the analyst: co-ordinators are told what is missing.
   */
  private prepareForCoordinators(store: Store, channel: Channel, request: unknown): void {
    try {
      // Slider positions on the Matching page are not worth keeping for every later refresh.
      const kept = channel !== 'packs:export' && channel !== 'matching:counts' && !(request as { definition?: unknown }).definition;
      if (PREPARED_CHANNELS.has(channel) && !Object.hasOwn(JOB_RESULTS, channel) && kept) {
        refreshAndRecord(store, { asks: [{ channel, request }] });
      } else if (REFRESH_AFTER.has(channel) && !Object.hasOwn(JOB_RESULTS, channel)) this.startRefresh(store);
    } catch {
      // see above
    }
  }

  /** A full preparation of co-ordinators' figures, as a job (with progress; a failure is recorded and audited). */
  private startRefresh(store: Store): void {
    if (!store.aggregatesKey || !hasCoordinators(store)) return;
    this.jobs.start('aggregates:refresh', (job) => refreshJob(store, job));
  }

  /** The partner organisation the session is limited to, or null for unrestricted roles. */
  private partnerScope(): string | null {
    const session = this.requireStore().session;
    return session.role === 'partner' ? session.organisation : null;
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.jobs.cancelAll();
    this.store?.close();
    this.store = null;
  }

  /** Resolves when queued jobs are done (the CLI and tests wait on it). */
  idle(): Promise<void> {
    return this.jobs.idle();
  }

  /** Opened store, or `store-locked`. */
  requireStore(): Store {
    if (!this.store) {
      throw new WorkbenchError(
        existsSync(this.options.storePath) ? 'store-locked' : 'store-missing',
        existsSync(this.options.storePath) ? 'The store is locked. Unlock it with your passphrase first.' : `There is no store at ${this.options.storePath} yet.`,
      );
    }
    return this.store;
  }

  /** Lets a host that already holds the store open hand it over (CLI). */
  adoptStore(store: Store): void {
    this.store?.close();
    this.store = store;
  }

  registerFile(path: string): ChosenFile {
    const absolute = resolve(path);
    let size: number;
    try {
      const stat = statSync(absolute);
      if (!stat.isFile()) throw new WorkbenchError('bad-input', `${absolute} is not a file.`);
      size = stat.size;
    } catch (error) {
      if (error instanceof WorkbenchError) throw error;
      throw new WorkbenchError('bad-input', `${absolute}: no such file, or it cannot be read.`);
    }
    const token = `f_${randomBytes(12).toString('base64url')}`;
    this.files.set(token, absolute);
    return { token, name: basename(absolute), size };
  }

  private pathOf(token: string): string {
    const path = this.files.get(token);
    if (!path) throw new WorkbenchError('not-found', 'That file is no longer available; choose it again.');
    return path;
  }

  private emit(event: EngineEvent): void {
    if (event.type === 'job:finished' && event.result.ok && REFRESH_AFTER.has(event.channel) && this.store?.aggregatesKey) this.startRefresh(this.store);
    for (const listener of this.listeners) listener(event);
  }

  private status(): StoreStatus {
    const store = this.store;
    if (store?.aggregatesOnly) return this.aggregatesStatus(store);
    const scope = store?.session.role === 'partner' ? store.session.organisation : null;
    return {
      ...(store ? backupStatus(store) : { lastBackupAt: null, backupDue: false }),
      relinkNeeded: store ? relinkNeeded(store.reader) : false,
      readOnly: store?.readOnly ?? false,
      overdueNames: store ? overdueSourceNames(store.reader, scope) : [],
      path: this.options.storePath,
      keyPath: keyFilePath(this.options.storePath),
      exists: existsSync(this.options.storePath),
      unlocked: store !== null,
      synthetic: store?.synthetic ?? false,
      schemaVersion: store?.schemaVersion ?? LATEST_VERSION,
      networkShareWarning: networkShareWarning(this.options.storePath),
      overdueSources: store ? countOverdueSources(store.reader, store.session.role === 'partner' ? store.session.organisation : null) : 0,
      session: store ? { ...store.session } : null,
    };
  }

  /** A co-ordinator's view of the store's state: what the last analyst session prepared. */
  private aggregatesStatus(store: Store): StoreStatus {
    let snapshot: Partial<StoreStatus> = {};
    try {
      snapshot = JSON.parse(aggMeta(store.reader, 'status') ?? '{}') as Partial<StoreStatus>;
    } catch {
      snapshot = {};
    }
    return {
      lastBackupAt: snapshot.lastBackupAt ?? null,
      backupDue: snapshot.backupDue ?? false,
      relinkNeeded: snapshot.relinkNeeded ?? false,
      readOnly: false,
      overdueNames: snapshot.overdueNames ?? [],
      path: this.options.storePath,
      keyPath: keyFilePath(this.options.storePath),
      exists: true,
      unlocked: true,
      synthetic: snapshot.synthetic ?? false,
      schemaVersion: snapshot.schemaVersion ?? LATEST_VERSION,
      networkShareWarning: networkShareWarning(this.options.storePath),
      overdueSources: snapshot.overdueSources ?? 0,
      session: { ...store.session },
    };
  }

  /** When each user last had a records view audited, per source (null = all records). */
  private readonly recordsViewAudited = new Map<string, number>();

  /**
   * Looking at person-level records is audited (DESIGN: "view of a person"), once per user and
   * source in RECORDS_VIEW_AUDIT_MS: the grid asks for a page on every scroll, sort and keystroke
   * of a filter, and one event per page would bury the trail.
   */
  private auditRecordsView(store: Store, sourceId: number | null, now = Date.now()): void {
    const key = `${store.session.user}\u0000${sourceId ?? ''}`;
    const last = this.recordsViewAudited.get(key);
    if (last !== undefined && now - last < RECORDS_VIEW_AUDIT_MS) return;
    this.recordsViewAudited.set(key, now);
    store.audit(this.user, 'records-viewed', { sourceId });
  }

  /** What feature handlers may use of the engine. */
  private readonly context: EngineContext = {
    options: () => this.options,
    jobs: this.jobs,
    requireStore: () => this.requireStore(),
    user: () => this.user,
    partnerScope: () => this.partnerScope(),
    pathOf: (token) => this.pathOf(token),
    auditRecordsView: (sourceId) => this.auditRecordsView(this.requireStore(), sourceId),
    registerFile: (path) => this.registerFile(path),
    currentStore: () => this.store,
    switchStore: (path, store) => {
      if (this.store !== store) this.store?.close();
      this.store = store;
      this.options = { ...this.options, storePath: path };
      this.recordsViewAudited.clear();
    },
    homeDir: () => this.home,
  };

  private readonly handlers: Handlers = {
    ...moduleHandlers(this.context),
    'app:info': () => ({
      version: this.options.version,
      host: this.options.host === 'electron' ? 'electron' : 'browser',
      fileChooser: this.options.chooseFiles ? 'dialog' : 'path',
      store: this.status(),
    }),
    'store:create': ({ passphrase }) => {
      this.store?.close();
      this.store = Store.create(this.options.storePath, passphrase, this.options.user);
      this.store.audit(this.user, 'store-created', {});
      return this.status();
    },
    'store:unlock': ({ passphrase }) => {
      // The same door as the command line's: failures counted in the key file, a growing wait
      // after a few, and the sign-in audited with the failures before it.
      const store = signIn(this.options.storePath, passphrase, undefined, 'app');
      this.store?.close();
      this.store = store;
      this.recordsViewAudited.clear();
      return this.status();
    },
    'store:lock': () => {
      this.jobs.cancelAll();
      this.store?.close();
      this.store = null;
      return this.status();
    },
  };
}

export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}
