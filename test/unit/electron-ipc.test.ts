import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ handlers: new Map<string, (...args: unknown[]) => unknown>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (...args: unknown[]) => unknown) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/api.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { ok, type Result } from '../../shared/ipc/result.js';
import { checkSender, isAppUrl, registerIpc } from '../../electron/main/ipc.js';

function windowContents(id = 1) {
  let destroyed = false;
  return { id, isDestroyed: () => destroyed, destroy: () => (destroyed = true), send: vi.fn() };
}

/** A hand-written engine that records what reaches it. */
function recordingEngine() {
  let listener: ((event: EngineEvent) => void) | undefined;
  const invoke = vi.fn(async (channel: string, payload: unknown): Promise<Result<unknown>> => ok({ channel, payload }));
  return {
    invoke,
    onEvent: (l: (event: EngineEvent) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
    emit: (event: EngineEvent) => listener?.(event),
  };
}

const APP_PAGE = 'app://workbench/index.html';
const mainFrame = (url = APP_PAGE) => ({ url, parent: null });

describe('IPC invoke handler', () => {
  let win: ReturnType<typeof windowContents>;
  let engine: ReturnType<typeof recordingEngine>;
  let dispose: () => void = () => {};
  let logged: string[];
  const invoke = (event: unknown, channel: unknown, payload?: unknown) =>
    electron.handlers.get(IPC_INVOKE)?.(event, channel, payload) as Promise<Result<unknown>>;
  const fromWindow = (frame: { url: string; parent: unknown } | null = mainFrame()) => ({ sender: win, senderFrame: frame });

  beforeEach(() => {
    dispose();
    win = windowContents(1);
    engine = recordingEngine();
    logged = [];
    dispose = registerIpc({ engine, getWindowContents: () => win, log: (_s, m) => logged.push(m) });
  });

  it('registers one handler on the invoke channel, and removes it on dispose', () => {
    expect([...electron.handlers.keys()]).toEqual([IPC_INVOKE]);
    dispose();
    expect(electron.handlers.size).toBe(0);
    dispose = registerIpc({ engine, getWindowContents: () => win });
  });

  it('passes a valid call from the app window to the engine and returns its Result', async () => {
    const result = await invoke(fromWindow(), 'app:info', {});
    expect(engine.invoke).toHaveBeenCalledExactlyOnceWith('app:info', {});
    expect(result).toEqual({ ok: true, value: { channel: 'app:info', payload: {} } });
    // A missing payload is sent as {} (parseRequest treats it the same way).
    await invoke(fromWindow(), 'store:lock');
    expect(engine.invoke).toHaveBeenLastCalledWith('store:lock', {});
  });

  it('returns the engine’s failure envelope unchanged', async () => {
    engine.invoke.mockResolvedValueOnce({ ok: false, error: { kind: 'wrong-passphrase', message: 'Wrong passphrase' } });
    expect(await invoke(fromWindow(), 'store:unlock', { passphrase: 'nope' })).toEqual({
      ok: false,
      error: { kind: 'wrong-passphrase', message: 'Wrong passphrase' },
    });
  });

  it('refuses an unknown channel before any handler runs', async () => {
    for (const channel of ['fs:read', 'app:info ', '__proto__', 'constructor', 42, null, undefined]) {
      const result = await invoke(fromWindow(), channel, {});
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    }
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  it('refuses an invalid payload before any handler runs, without echoing its values', async () => {
    const cases: Array<[string, unknown]> = [
      ['store:create', { passphrase: 'short1' }],
      ['store:create', {}],
      ['app:info', { extra: true }],
      ['files:choose', { purpose: 'export' }],
      ['records:page', 'not an object'],
      ['jobs:cancel', { job: { $gt: '' } }],
    ];
    for (const [channel, payload] of cases) {
      const result = await invoke(fromWindow(), channel, payload);
      expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(JSON.stringify(result)).not.toContain('short1');
    }
    expect(engine.invoke).not.toHaveBeenCalled();
  });

  describe('refuses a foreign sender before any handler runs', () => {
    const foreign: Array<[string, () => unknown]> = [
      ['another webContents', () => ({ sender: windowContents(2), senderFrame: mainFrame() })],
      ['a sub-frame of the app window', () => ({ sender: win, senderFrame: { url: APP_PAGE, parent: mainFrame() } })],
      ['another origin (https)', () => fromWindow(mainFrame('https://evil.example/index.html'))],
      ['another origin (file)', () => fromWindow(mainFrame('file:///tmp/index.html'))],
      ['another app:// host', () => fromWindow(mainFrame('app://evil/index.html'))],
      ['a look-alike host', () => fromWindow(mainFrame('app://workbench.evil/index.html'))],
      ['a frame that is gone', () => fromWindow(null)],
      ['an unparsable URL', () => fromWindow(mainFrame('::::'))],
    ];
    it.each(foreign)('%s', async (_name, makeEvent) => {
      // Valid calls, so only the sender can be the reason for the refusal.
      const result = await invoke(makeEvent(), 'app:info', {});
      expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(engine.invoke).not.toHaveBeenCalled();
    });

    it('checks the sender before the channel', async () => {
      const result = await invoke({ sender: windowContents(7), senderFrame: mainFrame() }, 'no:such', { x: 1 });
      expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    });

    it('refuses everything once the window is destroyed or gone', async () => {
      const event = fromWindow();
      win.destroy();
      expect(await invoke(event, 'app:info', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      dispose();
      dispose = registerIpc({ engine, getWindowContents: () => null });
      expect(await invoke(fromWindow(), 'app:info', {})).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(engine.invoke).not.toHaveBeenCalled();
    });
  });

  it('turns an exception from the engine into an internal error', async () => {
    engine.invoke.mockRejectedValueOnce(new Error('disk on fire at /home/jane'));
    const result = await invoke(fromWindow(), 'sources:list', {});
    expect(result).toEqual({ ok: false, error: { kind: 'internal', message: 'The request failed unexpectedly.' } });
    expect(logged.join('\n')).not.toContain('/home/jane');
  });

  it('sends engine events to the window, and not after it is destroyed', () => {
    const event: EngineEvent = { type: 'job:progress', job: 'j1', phase: 'reading', done: 1, total: 10 };
    engine.emit(event);
    expect(win.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT, event);
    win.destroy();
    engine.emit(event);
    expect(win.send).toHaveBeenCalledOnce();
  });
});

describe('sender check helpers', () => {
  it('recognise the app origin only', () => {
    expect(isAppUrl('app://workbench/index.html')).toBe(true);
    expect(isAppUrl('app://WORKBENCH/')).toBe(true);
    expect(isAppUrl('app://workbench:80/')).toBe(false);
    expect(isAppUrl('https://workbench/')).toBe(false);
    expect(isAppUrl('app://user@workbench.evil/')).toBe(false);
  });

  it('checkSender names the reason and never passes a null frame', () => {
    const win = windowContents(3);
    expect(checkSender({ sender: win, senderFrame: mainFrame() }, win)).toEqual({ ok: true, value: undefined });
    expect(checkSender({ sender: win, senderFrame: null }, win)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
