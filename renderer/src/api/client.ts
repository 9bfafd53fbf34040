import type { WorkbenchApi } from '../../../shared/ipc/api.js';
import { createClient, WorkbenchError } from './client-core.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload, or bound by the browser host (DESIGN §1). */
    readonly workbench: WorkbenchApi;
  }
}

/** False when the page was opened without a host, e.g. straight from the Vite dev server. */
export function hasWorkbench(): boolean {
  return typeof window !== 'undefined' && typeof window.workbench === 'object' && window.workbench !== null;
}

// Looked up on every call rather than captured at load, so a host that binds late still works.
export const workbench = createClient(() => {
  if (!hasWorkbench()) {
    throw new WorkbenchError(
      'unsupported',
      'This page was opened without the Baseline Workbench app, so there is no engine to talk to.',
    );
  }
  return window.workbench;
});

export { WorkbenchError, toWorkbenchError, type JobProgressUpdate } from './client-core.js';
