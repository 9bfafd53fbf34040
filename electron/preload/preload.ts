// The only contextBridge file: exposes `window.workbench` (shared/ipc/api.ts WorkbenchApi) to
// the sandboxed renderer.
//
// Why CommonJS: a sandboxed preload is not loaded by Node. Electron reads the file and runs it
// as a plain script wrapped in a function that supplies a small `require` (electron's renderer
// modules and a few Node built-ins only), `process`, `exports` and `module`. ES module syntax is
// a syntax error there (Electron's ESM guide: "Renderer (Sandboxed) — ESM in preload:
// Unsupported") and no other file can be required. The package.json beside this file says
// `"type": "commonjs"`, so TypeScript (NodeNext) emits build/electron/electron/preload/preload.js
// as CommonJS although the repository is ESM. (A `.cts` file would say so by its name, but the
// electron project's `include` lists `**/*.ts` only.) Its only runtime import is `electron`;
// everything from shared/ is `import type` and erased. The two channel names are repeated as
// literals, typed against shared/ipc/api.ts so they cannot drift; a unit test runs the compiled
// file with a require that knows nothing but `electron`.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { IPC_EVENT as SharedEvent, IPC_INVOKE as SharedInvoke, WorkbenchApi } from '../../shared/ipc/api.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';

const IPC_INVOKE: typeof SharedInvoke = 'workbench:invoke';
const IPC_EVENT: typeof SharedEvent = 'workbench:event';

const api = {
  invoke: (channel, request) => ipcRenderer.invoke(IPC_INVOKE, channel, request),
  onEvent: (listener) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    // The renderer gets the event only, never Electron's IpcRendererEvent (it holds `sender`).
    const relay = (_event: IpcRendererEvent, event: EngineEvent): void => listener(event);
    ipcRenderer.on(IPC_EVENT, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, relay);
    };
  },
} satisfies WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', api);
