import type { Channel, EngineEvent, RequestOf, ResponseOf } from './contract.js';
import type { Result } from './result.js';

/** What the preload (Electron) or the browser host exposes as `window.workbench`. */
export interface WorkbenchApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Subscribe to engine events (job progress and completion); returns the unsubscribe. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
}

/** Name of the single IPC channel used for requests and of the one used for pushed events. */
export const IPC_INVOKE = 'workbench:invoke';
export const IPC_EVENT = 'workbench:event';
