// Runs the preload the way Electron runs a sandboxed preload: as a plain script (not a module)
// wrapped in a function that receives a `require` which, here, knows nothing but `electron`.
// That proves the compiled file is CommonJS, has no other runtime import, and exposes exactly
// WorkbenchApi. The source is compiled with the TypeScript API; when `tsc -b` has run, the
// emitted build/electron/electron/preload/preload.js is checked the same way.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/api.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const sourcePath = path.join(repo, 'electron', 'preload', 'preload.ts');
const emittedPath = path.join(repo, 'build', 'electron', 'electron', 'preload', 'preload.js');

function compileSource(): string {
  const output = ts.transpileModule(readFileSync(sourcePath, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: 'preload.ts',
  });
  return output.outputText;
}

const builds: Array<[string, () => string]> = [['source compiled to CommonJS', compileSource]];
if (existsSync(emittedPath)) builds.push(['emitted by tsc -b', () => readFileSync(emittedPath, 'utf8')]);

/** Loads a preload into a fresh context, as Electron's sandboxed renderer does. */
function loadPreload(code: string) {
  const exposed = new Map<string, unknown>();
  const renderer = new EventEmitter();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'from main' })),
    on: (channel: string, listener: (...args: unknown[]) => void) => renderer.on(channel, listener),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => renderer.removeListener(channel, listener),
  };
  const requested: string[] = [];
  const sandboxRequire = (name: string) => {
    requested.push(name);
    if (name === 'electron') {
      return { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer };
    }
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  const wrapper = `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${code}\n})`;
  const run = vm.runInNewContext(wrapper, {}, { filename: 'preload.js' }) as (...args: unknown[]) => void;
  run(sandboxRequire, {}, undefined, {}, setImmediate, clearImmediate, module.exports, module);
  return { exposed, ipcRenderer, renderer, requested };
}

describe.each(builds)('preload (%s)', (_name, build) => {
  it('is a classic script whose only runtime import is electron', () => {
    const code = build();
    expect(() => new vm.Script(`(function (require, exports, module) {${code}\n})`)).not.toThrow();
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(loadPreload(code).requested).toEqual(['electron']);
  });

  it('exposes exactly { invoke, onEvent } as window.workbench', () => {
    const { exposed } = loadPreload(build());
    expect([...exposed.keys()]).toEqual(['workbench']);
    const api = exposed.get('workbench') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent']);
  });

  it('invoke sends (channel, payload) on the one invoke channel and returns main’s answer', async () => {
    const { exposed, ipcRenderer } = loadPreload(build());
    const api = exposed.get('workbench') as { invoke: (channel: string, payload: unknown) => Promise<unknown> };
    expect(await api.invoke('app:info', {})).toEqual({ ok: true, value: 'from main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE, 'app:info', {});
  });

  it('onEvent hands the listener the engine event only, and its return value unsubscribes', () => {
    const { exposed, renderer } = loadPreload(build());
    const api = exposed.get('workbench') as { onEvent: (listener: (...args: unknown[]) => void) => () => void };
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    const event = { type: 'job:progress', job: 'j1', phase: 'linking', done: 1, total: 2 };
    renderer.emit(IPC_EVENT, { sender: 'the IpcRendererEvent must not leak' }, event);
    expect(listener).toHaveBeenCalledExactlyOnceWith(event);
    unsubscribe();
    renderer.emit(IPC_EVENT, {}, event);
    expect(listener).toHaveBeenCalledOnce();
    expect(renderer.listenerCount(IPC_EVENT)).toBe(0);
    // (a TypeError of the preload's own realm)
    expect(() => api.onEvent('not a function' as never)).toThrow(/needs a function/);
  });
});
