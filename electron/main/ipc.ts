// The only ipcMain user. Every call from the renderer goes through `handleInvoke`:
//   1. sender check (our window's webContents, its main frame, origin app://workbench),
//   2. contract check (known channel, payload matches its zod schema),
//   3. the engine, whose Result goes back as is.
// A refusal at 1 or 2 returns the Result envelope and the engine never sees the call.
import { ipcMain } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc/api.js';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../shared/ipc/result.js';
import { parseRequest } from '../../shared/ipc/validate.js';
import type { EngineHandle } from '../engine/engine-types.js';
import { log as defaultLog, type Log } from './log.js';
import { APP_HOST, APP_SCHEME } from './security.js';

/** The parts of a webContents the checks read (Electron's WebContents has them all). */
export interface SenderLike {
  readonly id: number;
  isDestroyed(): boolean;
}

/** The parts of a WebFrameMain the checks read. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of an IpcMainInvokeEvent the checks read. */
export interface InvokeEventLike {
  readonly sender: SenderLike;
  readonly senderFrame: FrameLike | null;
}

export interface WindowContentsLike extends SenderLike {
  send(channel: string, ...args: unknown[]): void;
}

/** True for app://workbench/… (the WHATWG origin of a custom scheme is opaque, so compare parts). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Accepts only our own window's main frame showing the app. A sub-frame, another window or
 * webContents, a destroyed sender and a page on any other origin are refused.
 */
export function checkSender(event: InvokeEventLike, expected: SenderLike | null): Result<void> {
  const refuse = (why: string): Result<void> => fail('forbidden', `IPC refused: ${why}`);
  if (!expected || expected.isDestroyed()) return refuse('the app window is not open');
  const sender = event.sender;
  if (sender.isDestroyed() || sender.id !== expected.id) return refuse('the sender is not the app window');
  const frame = event.senderFrame;
  if (!frame) return refuse('the sending frame is gone');
  if (frame.parent !== null) return refuse('the sender is a sub-frame');
  if (!isAppUrl(frame.url)) return refuse('the sender is not on the app origin');
  return ok(undefined);
}

export interface IpcDeps {
  engine: Pick<EngineHandle, 'invoke' | 'onEvent'>;
  /** The main window's webContents, or null when there is none. */
  getWindowContents(): WindowContentsLike | null;
  log?: Log;
}

/** Sender check, then contract check, then the engine. Never throws. */
export async function handleInvoke(
  deps: IpcDeps,
  event: InvokeEventLike,
  channel: unknown,
  payload: unknown,
): Promise<Result<unknown>> {
  const log = deps.log ?? defaultLog;
  const sender = checkSender(event, deps.getWindowContents());
  if (!sender.ok) {
    log('ipc', sender.error.message);
    return sender;
  }
  const parsed = parseRequest(channel, payload);
  if (!parsed.ok) {
    log('ipc', `refused ${parsed.error.kind}: ${typeof channel === 'string' ? channel.slice(0, 80) : typeof channel}`);
    return parsed;
  }
  try {
    // The engine validates again and applies defaults: it is the same entry point the CLI and
    // the browser host use, so it receives the payload exactly as the renderer sent it.
    return await deps.engine.invoke(parsed.value.channel, payload ?? {});
  } catch (error) {
    log('ipc', `${parsed.value.channel} failed in main: ${error instanceof Error ? error.name : 'error'}`);
    return fail('internal', 'The request failed unexpectedly.');
  }
}

/** Sends one engine event to the window, if it is still there. */
export function forwardEvent(contents: WindowContentsLike | null, event: EngineEvent): void {
  if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, event);
}

/** Registers the one invoke handler and the event relay; returns the undo. */
export function registerIpc(deps: IpcDeps): () => void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => handleInvoke(deps, event, channel, payload));
  const unsubscribe = deps.engine.onEvent((event) => forwardEvent(deps.getWindowContents(), event));
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
