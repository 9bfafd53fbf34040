import { describe, expect, it, vi } from 'vitest';
import { createClient, WorkbenchError } from '../../renderer/src/api/client-core.js';
import type { WorkbenchApi } from '../../shared/ipc/api.js';
import type { Channel, EngineEvent, ImportSummary } from '../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../shared/ipc/result.js';

type Handler = (request: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** A stand-in for window.workbench: scripted channel answers and an event bus the test drives. */
function fakeWorkbench(handlers: Partial<Record<Channel, Handler>>) {
  const listeners = new Set<(event: EngineEvent) => void>();
  const calls: { channel: Channel; request: unknown }[] = [];
  const api = {
    async invoke(channel: Channel, request: unknown) {
      calls.push({ channel, request });
      const handler = handlers[channel];
      if (!handler) return fail('invalid-request', `no handler for ${channel}`);
      return handler(request);
    },
    onEvent(listener: (event: EngineEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as WorkbenchApi;
  const emit = (event: EngineEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  return { api, calls, emit, listeners };
}

const summary: ImportSummary = {
  fileName: 'police.csv',
  sourceId: 3,
  skipped: false,
  message: 'Imported',
  sheets: [{ sheet: '', rows: 10, records: 9, structure: 0, quarantined: 1 }],
  events: 0,
  preset: null,
  savedPreset: null,
  diff: null,
};

const progress = (job: string, done: number): EngineEvent => ({ type: 'job:progress', job, phase: 'Reading rows', done, total: 10 });
const finished = (job: string, result: Result<unknown>): EngineEvent => ({
  type: 'job:finished',
  job,
  channel: 'import:start',
  result,
});

describe('call', () => {
  it('returns the value of an ok result', async () => {
    const { api } = fakeWorkbench({ 'sources:list': () => ok([]) });
    await expect(createClient(() => api).call('sources:list', {})).resolves.toEqual([]);
  });

  it('throws the engine error with its kind and message', async () => {
    const { api } = fakeWorkbench({ 'store:unlock': () => fail('wrong-passphrase', 'That passphrase is not right') });
    const error = await createClient(() => api)
      .call('store:unlock', { passphrase: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error).toMatchObject({ kind: 'wrong-passphrase', message: 'That passphrase is not right' });
  });

  it('reports a broken bridge as an internal error', async () => {
    const api = { invoke: () => Promise.reject(new Error('channel closed')), onEvent: () => () => {} } as unknown as WorkbenchApi;
    await expect(createClient(() => api).call('app:info', {})).rejects.toMatchObject({ kind: 'internal' });
  });
});

describe('runJob', () => {
  it('reports progress for its own job only and resolves with the parsed result', async () => {
    const bus = fakeWorkbench({ 'import:start': () => ok({ job: 'j1' }) });
    const seen: number[] = [];
    const done = createClient(() => bus.api).runJob('import:start', { token: 'f_abcdefgh1234' }, (p) => seen.push(p.done));
    await vi.waitFor(() => expect(bus.calls).toHaveLength(1));
    await Promise.resolve();
    bus.emit(progress('other', 1));
    bus.emit(progress('j1', 4));
    bus.emit(finished('other', ok({ nonsense: true })));
    bus.emit(finished('j1', ok(summary)));
    await expect(done).resolves.toEqual(summary);
    expect(seen).toEqual([4]);
    expect(bus.listeners.size).toBe(0);
  });

  it('keeps events that arrive before the job id is known', async () => {
    const bus = fakeWorkbench({});
    // The engine finishes the job before invoke() has answered with its id.
    (bus.api as { invoke: unknown }).invoke = async () => {
      bus.emit(progress('fast', 10));
      bus.emit(finished('fast', ok(summary)));
      return ok({ job: 'fast' });
    };
    const seen: number[] = [];
    await expect(
      createClient(() => bus.api).runJob('import:start', { token: 'f_abcdefgh1234' }, (p) => seen.push(p.done)),
    ).resolves.toEqual(summary);
    expect(seen).toEqual([10]);
  });

  it('rejects with the engine error when the job fails', async () => {
    const bus = fakeWorkbench({ 'import:start': () => ok({ job: 'j2' }) });
    const done = createClient(() => bus.api).runJob('import:start', { token: 'f_abcdefgh1234' }, () => {});
    await vi.waitFor(() => expect(bus.calls).toHaveLength(1));
    await Promise.resolve();
    bus.emit(finished('j2', fail('bad-input', 'police.csv, row 12: no columns')));
    await expect(done).rejects.toMatchObject({ kind: 'bad-input', message: 'police.csv, row 12: no columns' });
  });

  it('rejects a result that does not match the contract', async () => {
    const bus = fakeWorkbench({ 'import:start': () => ok({ job: 'j3' }) });
    const done = createClient(() => bus.api).runJob('import:start', { token: 'f_abcdefgh1234' }, () => {});
    await vi.waitFor(() => expect(bus.calls).toHaveLength(1));
    await Promise.resolve();
    bus.emit(finished('j3', ok({ fileName: 42 })));
    await expect(done).rejects.toMatchObject({ kind: 'internal' });
  });

  it('rejects when the job cannot start', async () => {
    const bus = fakeWorkbench({ 'import:start': () => fail('store-locked', 'The store is locked') });
    await expect(
      createClient(() => bus.api).runJob('import:start', { token: 'f_abcdefgh1234' }, () => {}),
    ).rejects.toMatchObject({ kind: 'store-locked' });
    expect(bus.listeners.size).toBe(0);
  });

  it('asks the engine to cancel when aborted, and settles on its finished event', async () => {
    const bus = fakeWorkbench({
      'import:start': () => ok({ job: 'j4' }),
      'jobs:cancel': () => ok({ cancelled: true }),
    });
    const abort = new AbortController();
    const done = createClient(() => bus.api).runJob('import:start', { token: 'f_abcdefgh1234' }, () => {}, abort.signal);
    await vi.waitFor(() => expect(bus.calls).toHaveLength(1));
    await Promise.resolve();
    abort.abort();
    await vi.waitFor(() => expect(bus.calls.map((c) => c.channel)).toContain('jobs:cancel'));
    expect(bus.calls.at(-1)?.request).toEqual({ job: 'j4' });
    bus.emit(finished('j4', fail('cancelled', 'Import cancelled')));
    await expect(done).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('cancels a job aborted before its id was known', async () => {
    const bus = fakeWorkbench({ 'jobs:cancel': () => ok({ cancelled: true }) });
    const abort = new AbortController();
    (bus.api as { invoke: unknown }).invoke = async (channel: Channel, request: unknown) => {
      bus.calls.push({ channel, request });
      if (channel === 'jobs:cancel') return ok({ cancelled: true });
      abort.abort();
      return ok({ job: 'j5' });
    };
    const done = createClient(() => bus.api, { cancelGraceMs: 10 }).runJob(
      'import:start',
      { token: 'f_abcdefgh1234' },
      () => {},
      abort.signal,
    );
    // No finished event ever comes: the grace period settles it.
    await expect(done).rejects.toMatchObject({ kind: 'cancelled' });
    expect(bus.calls.map((c) => c.channel)).toEqual(['import:start', 'jobs:cancel']);
  });

  it('does not start a job whose signal is already aborted', async () => {
    const bus = fakeWorkbench({ 'import:start': () => ok({ job: 'j6' }) });
    const abort = new AbortController();
    abort.abort();
    await expect(
      createClient(() => bus.api).runJob('import:start', { token: 'f_abcdefgh1234' }, () => {}, abort.signal),
    ).rejects.toMatchObject({ kind: 'cancelled' });
    expect(bus.calls).toHaveLength(0);
  });
});

describe('onStoreLocked', () => {
  it('fires only for the idle-lock event and stops after unsubscribing', () => {
    const bus = fakeWorkbench({});
    let locked = 0;
    const off = createClient(() => bus.api).onStoreLocked(() => locked++);
    bus.emit(progress('job_1', 1));
    bus.emit({ type: 'store:locked', reason: 'idle' });
    expect(locked).toBe(1);
    off();
    bus.emit({ type: 'store:locked', reason: 'idle' });
    expect(locked).toBe(1);
  });
});
