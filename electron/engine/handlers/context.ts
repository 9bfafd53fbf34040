// What a feature's channel handlers may use of the engine: kept narrow so each feature's
// handlers live in their own module (./<feature>.ts) and never reach into Engine internals.
import type { Channel, ChosenFile, RequestOf, ResponseOf } from '../../../shared/ipc/contract.js';
import type { EngineOptions } from '../engine-types.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { Store } from '../store/store.js';

export interface EngineContext {
  /** A function, not a field: the engine's own options are set after its fields. */
  options(): EngineOptions;
  readonly jobs: JobRunner;
  /** The open store, or throws `store-locked` / `store-missing`. */
  requireStore(): Store;
  /** Who acts, for the audit log. */
  user(): string;
  /** The partner organisation the session is limited to, or null for unrestricted roles. */
  partnerScope(): string | null;
  /** Audits a look at person-level rows of a source (null: all sources), at most once per user, source and while. */
  auditRecordsView(sourceId: number | null): void;
  /** The absolute path behind a file token from files:choose / files:fromPath. */
  pathOf(token: string): string;
  /** A file on disk as a token the renderer may hold (it never sees the path again). */
  registerFile(path: string): ChosenFile;
  /** The open store, or null while locked (for channels that work either way). */
  currentStore(): Store | null;
  /** Points the engine at another store file, open (`store`) or locked (null); closes the old one. */
  switchStore(path: string, store: Store | null): void;
  /** The app's own folder (recent stores, the demo store): where the engine's first store lives. */
  homeDir(): string;
}

/** Handlers for a subset of the contract's channels. */
export type HandlersFor<K extends Channel> = {
  [C in K]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};
