// Main's engine client and the utility host, wired together over an in-memory port that
// structured-clones every message as Electron's MessagePort does. The engine is a hand-written
// stand-in honouring EngineHandle; nothing here needs Electron.
import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../shared/ipc/result.js';
import type { EngineHandle, EngineOptions } from '../../electron/engine/engine-types.js';
import {
  parseMainMessage,
  serveEngine,
  type EngineFactory,
  type HostToMain,
  type MainToHost,
} from '../../electron/engine/utility-host.js';
import { createEngineClient, parseHostMessage, type EngineClientOptions } from '../../electron/main/engine-client.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An engine stand-in: echoes calls, answers files:choose through options.chooseFiles, emits events. */
function standInEngine(delays: Record<string, number> = {}) {
  const state = {
    options: undefined as EngineOptions | undefined,
    calls: [] as Array<[string, unknown]>,
    closed: 0,
    emit: (_event: EngineEvent) => {},
  };
  const factory: EngineFactory = (options) => {
    state.options = options;
    const listeners = new Set<(event: EngineEvent) => void>();
    state.emit = (event) => listeners.forEach((l) => l(event));
    const engine: EngineHandle = {
      async invoke(channel, payload): Promise<Result<unknown>> {
        state.calls.push([channel, payload]);
        await new Promise((resolve) => setTimeout(resolve, delays[channel] ?? 0));
        if (channel === 'files:choose') {
          try {
            const paths = (await options.chooseFiles?.((payload as { purpose: 'import' | 'reference' }).purpose)) ?? [];
            return ok(paths.map((p) => ({ token: `t:${p}`, name: p, size: 0 })));
          } catch (error) {
            return fail('internal', (error as Error).message);
          }
        }
        return ok({ channel, payload });
      },
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close() {
        state.closed++;
      },
    };
    return engine;
  };
  return { factory, state };
}

/** Connects a client and a host the way utilityProcess.fork and process.parentPort do. */
function connect(
  factory: EngineFactory,
  clientOptions: Partial<EngineClientOptions> = {},
  { exitOnShutdown = true }: { exitOnShutdown?: boolean } = {},
) {
  const toHost: Array<(message: { data: unknown }) => void> = [];
  const toMain: Array<(message: unknown) => void> = [];
  const exitListeners: Array<(code: number) => void> = [];
  const sentToHost: MainToHost[] = [];
  const sentToMain: HostToMain[] = [];
  let alive = true;
  const exit = (code: number) => {
    if (!alive) return;
    alive = false;
    setTimeout(() => exitListeners.forEach((l) => l(code)), 0);
  };
  const kill = vi.fn(() => exit(143));

  serveEngine(
    {
      on: (_event, listener) => toHost.push(listener),
      postMessage: (message) => {
        sentToMain.push(message);
        const data = structuredClone(message);
        if (alive) queueMicrotask(() => toMain.forEach((l) => l(data)));
      },
    },
    factory,
    (code) => {
      if (exitOnShutdown) exit(code);
    },
  );
  const log = vi.fn();
  const client = createEngineClient(
    {
      post: (message) => {
        if (!alive) throw new Error('process gone');
        sentToHost.push(message);
        const data = structuredClone(message);
        queueMicrotask(() => toHost.forEach((l) => l({ data })));
      },
      onMessage: (listener) => toMain.push(listener),
      onExit: (listener) => exitListeners.push(listener),
      kill,
    },
    {
      init: { storePath: '/data/Baseline Workbench/baseline.db', version: '0.1.0' },
      chooseFiles: async () => [],
      log,
      ...clientOptions,
    },
  );
  return { client, kill, crash: (code: number) => exit(code), sentToHost, sentToMain, log };
}

describe('engine client ↔ utility host', () => {
  it('starts the engine with the store path, the Electron host and a chooseFiles bridge', async () => {
    const { factory, state } = standInEngine();
    const { client, sentToHost } = connect(factory);
    expect(sentToHost[0]).toEqual({
      type: 'init',
      options: { storePath: '/data/Baseline Workbench/baseline.db', version: '0.1.0' },
    });
    await client.invoke('app:info', {});
    expect(state.options).toMatchObject({ storePath: '/data/Baseline Workbench/baseline.db', host: 'electron', version: '0.1.0' });
    expect(state.options?.chooseFiles).toBeTypeOf('function');
  });

  it('relays {seq, channel, payload} → {seq, result} and matches answers that arrive out of order', async () => {
    const { factory, state } = standInEngine({ 'sources:list': 30, 'app:info': 0 });
    const { client, sentToHost, sentToMain } = connect(factory);
    const slow = client.invoke('sources:list', {});
    const fast = client.invoke('app:info', { a: 1 });
    expect(await fast).toEqual({ ok: true, value: { channel: 'app:info', payload: { a: 1 } } });
    expect(await slow).toEqual({ ok: true, value: { channel: 'sources:list', payload: {} } });
    expect(state.calls.map(([c]) => c)).toEqual(['sources:list', 'app:info']);
    expect(sentToHost.slice(1)).toEqual([
      { type: 'request', seq: 1, channel: 'sources:list', payload: {} },
      { type: 'request', seq: 2, channel: 'app:info', payload: { a: 1 } },
    ]);
    expect(sentToMain.filter((m) => m.type === 'response').map((m) => (m as { seq: number }).seq)).toEqual([2, 1]);
  });

  it('asks main for files when the engine handles files:choose, and passes main’s answer back', async () => {
    const { factory } = standInEngine();
    const chooseFiles = vi.fn(async () => ['/home/analyst/extracts/school.xlsx', '/home/analyst/extracts/police.csv']);
    const { client, sentToMain, sentToHost } = connect(factory, { chooseFiles });
    const result = await client.invoke('files:choose', { purpose: 'import' });
    expect(chooseFiles).toHaveBeenCalledExactlyOnceWith('import');
    expect(sentToMain).toContainEqual({ type: 'choose-files', seq: 1, purpose: 'import' });
    expect(sentToHost).toContainEqual({
      type: 'files-chosen',
      seq: 1,
      paths: ['/home/analyst/extracts/school.xlsx', '/home/analyst/extracts/police.csv'],
    });
    expect(result).toMatchObject({ ok: true, value: [{ name: '/home/analyst/extracts/school.xlsx' }, { name: '/home/analyst/extracts/police.csv' }] });
  });

  it('tells main what the files are for, so reference data gets its own dialog', async () => {
    const { factory } = standInEngine();
    const chooseFiles = vi.fn(async () => ['/home/analyst/reference/lsoa-2021.geojson']);
    const { client, sentToMain } = connect(factory, { chooseFiles });
    await client.invoke('files:choose', { purpose: 'reference' });
    expect(chooseFiles).toHaveBeenCalledExactlyOnceWith('reference');
    expect(sentToMain).toContainEqual({ type: 'choose-files', seq: 1, purpose: 'reference' });
  });

  it('reports a failing dialog to the engine as a rejected chooseFiles', async () => {
    const { factory } = standInEngine();
    const { client } = connect(factory, { chooseFiles: async () => Promise.reject(new Error('dialog failed')) });
    expect(await client.invoke('files:choose', { purpose: 'import' })).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'dialog failed' },
    });
  });

  it('pushes engine events to every subscriber until it unsubscribes', async () => {
    const { factory, state } = standInEngine();
    const { client } = connect(factory);
    await client.invoke('app:info', {});
    const seen: EngineEvent[] = [];
    const unsubscribe = client.onEvent((event) => seen.push(event));
    const progress: EngineEvent = { type: 'job:progress', job: 'j1', phase: 'reading', done: 5, total: 10 };
    state.emit(progress);
    await tick();
    expect(seen).toEqual([progress]);
    unsubscribe();
    state.emit(progress);
    await tick();
    expect(seen).toHaveLength(1);
  });

  it('shuts down cleanly: the engine closes its store, the process exits, later calls fail', async () => {
    const { factory, state } = standInEngine();
    const { client, kill, sentToMain } = connect(factory);
    await client.invoke('app:info', {});
    await client.shutdown(1000);
    expect(state.closed).toBe(1);
    expect(sentToMain.at(-1)).toEqual({ type: 'closed' });
    expect(kill).not.toHaveBeenCalled();
    expect(client.running).toBe(false);
    expect(await client.invoke('app:info', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('kills an engine that does not exit in time', async () => {
    const { factory } = standInEngine();
    const { client, kill } = connect(factory, {}, { exitOnShutdown: false });
    await client.shutdown(20);
    expect(kill).toHaveBeenCalledOnce();
  });

  it('answers pending calls with an internal error when the process dies, and says so once', async () => {
    const { factory } = standInEngine({ 'sources:list': 50 });
    const onUnexpectedExit = vi.fn();
    const { client, crash } = connect(factory, { onUnexpectedExit });
    const pending = client.invoke('sources:list', {});
    await tick();
    crash(9);
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(onUnexpectedExit).toHaveBeenCalledExactlyOnceWith(9);
    expect(await client.invoke('app:info', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('answers with an internal error when the engine cannot be created', async () => {
    const { client } = connect(() => {
      throw new Error('cannot open /secret/path/baseline.db');
    });
    const result = await client.invoke('app:info', {});
    expect(result).toEqual({ ok: false, error: { kind: 'internal', message: 'The engine could not handle the request.' } });
  });
});

describe('message checks', () => {
  it('the host drops malformed messages from main', () => {
    expect(parseMainMessage(null)).toBeNull();
    expect(parseMainMessage({ type: 'request', seq: '1', channel: 'app:info' })).toBeNull();
    expect(parseMainMessage({ type: 'request', seq: 1.5, channel: 'app:info' })).toBeNull();
    expect(parseMainMessage({ type: 'init', options: { storePath: 3, version: '1' } })).toBeNull();
    expect(parseMainMessage({ type: 'files-chosen', seq: 1, paths: ['/a', 2] })).toBeNull();
    expect(parseMainMessage({ type: 'eval', code: '1' })).toBeNull();
    expect(parseMainMessage({ type: 'shutdown' })).toEqual({ type: 'shutdown' });
  });

  it('main drops malformed messages from the host', () => {
    expect(parseHostMessage({ type: 'response', seq: 1, result: 'yes' })).toBeNull();
    expect(parseHostMessage({ type: 'event', event: null })).toBeNull();
    expect(parseHostMessage({ type: 'choose-files' })).toBeNull();
    // The purpose decides which files the dialog offers: an unknown one is dropped, not guessed.
    expect(parseHostMessage({ type: 'choose-files', seq: 2, purpose: 'anything' })).toBeNull();
    expect(parseHostMessage({ type: 'choose-files', seq: 2, purpose: 'reference' })).toEqual({ type: 'choose-files', seq: 2, purpose: 'reference' });
    expect(parseHostMessage({ type: 'response', seq: 1, result: { ok: true, value: 1 } })).toEqual({
      type: 'response',
      seq: 1,
      result: { ok: true, value: 1 },
    });
  });
});

describe('the save dialog bridge (exports for people)', () => {
  /** An engine whose every call asks for a save path and answers with it. */
  const savingEngine: EngineFactory = (options) => ({
    async invoke(): Promise<Result<unknown>> {
      try {
        return ok(await options.chooseSaveFile?.({ suggestedName: 'record.xlsx', filter: { name: 'Excel workbook', extension: 'xlsx' } }));
      } catch (error) {
        return fail('internal', (error as Error).message);
      }
    },
    onEvent: () => () => {},
    close() {},
  });

  it('asks main for one path with the suggested name and filter; a cancel comes back as null', async () => {
    const chooseSaveFile = vi.fn(async () => '/home/analyst/Documents/record.xlsx' as string | null);
    const { client, sentToMain } = connect(savingEngine, { chooseSaveFile });
    expect(await client.invoke('governance:exportRecord', {})).toEqual({ ok: true, value: '/home/analyst/Documents/record.xlsx' });
    expect(chooseSaveFile).toHaveBeenCalledWith({ suggestedName: 'record.xlsx', filter: { name: 'Excel workbook', extension: 'xlsx' } });
    expect(sentToMain).toContainEqual({ type: 'choose-files', seq: 1, save: { suggestedName: 'record.xlsx', filter: { name: 'Excel workbook', extension: 'xlsx' } } });
    chooseSaveFile.mockResolvedValueOnce(null);
    expect(await client.invoke('governance:exportRecord', {})).toEqual({ ok: true, value: null });
  });

  it('fails clearly when main has no save dialog, and drops a malformed save request', async () => {
    const { client } = connect(savingEngine);
    expect(await client.invoke('governance:exportRecord', {})).toEqual({ ok: false, error: { kind: 'internal', message: 'This version cannot show a save dialog' } });
    expect(parseHostMessage({ type: 'choose-files', seq: 1, save: { suggestedName: 3 } })).toBeNull();
    expect(parseHostMessage({ type: 'choose-files', seq: 1, save: { suggestedName: 'a.xlsx', filter: { name: 'x', extension: 'xlsx' } } })).toEqual({
      type: 'choose-files',
      seq: 1,
      save: { suggestedName: 'a.xlsx', filter: { name: 'x', extension: 'xlsx' } },
    });
  });
});
