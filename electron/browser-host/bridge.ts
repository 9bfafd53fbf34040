// The browser host's stand-in for Electron's preload + IPC: `window.workbench` in the page, bound
// to the engine in this Node process through one Playwright binding. Like Electron main, the host
// side checks the caller (main frame on the app origin) and the payload (the shared contract)
// before the engine sees anything, and answers with the Result envelope.
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { EngineEvent } from '../../shared/ipc/contract.js';
import { fail, type Result } from '../../shared/ipc/result.js';
import { parseRequest } from '../../shared/ipc/validate.js';
import { BROWSER_HOST_ORIGIN } from '../../shared/util/csp.js';
import type { EngineHandle } from '../engine/engine-types.js';

/** The binding Playwright installs in every page of the context. */
export const INVOKE_BINDING = '__workbenchInvoke';
/** The function the init script leaves in the page for the host to push engine events into. */
export const EVENT_SINK = '__workbenchDeliverEvent';

interface BridgeNames {
  origin: string;
  binding: string;
  sink: string;
}

/**
 * Runs in the page before any of its scripts (Playwright serialises it, so it must not close
 * over anything). Defines a frozen, non-writable `window.workbench` implementing WorkbenchApi,
 * and the event sink. Pages on any other origin get neither.
 */
function installWorkbenchApi(names: BridgeNames): void {
  type Fn = (...args: unknown[]) => unknown;
  const g = globalThis as unknown as Record<string, unknown> & { location: { origin: string } };
  if (g.location.origin !== names.origin) return;
  // Keep our own reference: later changes to the global do not redirect calls.
  let binding = g[names.binding] as Fn | undefined;
  const listeners = new Set<(event: unknown) => void>();

  const invoke = (channel: unknown, request: unknown): Promise<unknown> => {
    if (typeof binding !== 'function') binding = g[names.binding] as Fn | undefined;
    if (typeof binding !== 'function') {
      return Promise.resolve({
        ok: false,
        error: { kind: 'internal', message: 'The Workbench engine is not connected to this page.' },
      });
    }
    return Promise.resolve(binding(channel, request));
  };
  const onEvent = (listener: unknown): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const fn = listener as (event: unknown) => void;
    listeners.add(fn);
    return () => {
      listeners.delete(fn);
    };
  };
  const deliver = (event: unknown): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        // One failing listener must not starve the others; surface it like an uncaught error.
        setTimeout(() => {
          throw err;
        });
      }
    }
  };

  const api = Object.freeze({ invoke: Object.freeze(invoke), onEvent: Object.freeze(onEvent) });
  Object.defineProperty(g, 'workbench', { value: api, writable: false, configurable: false, enumerable: true });
  Object.defineProperty(g, names.sink, { value: Object.freeze(deliver), writable: false, configurable: false });
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Only the top-level document of the app origin may call the engine (no frames, no other pages). */
export function isTrustedCaller(source: { page: Page; frame: Frame }): boolean {
  return source.frame === source.page.mainFrame() && originOf(source.frame.url()) === BROWSER_HOST_ORIGIN;
}

export interface Bridge {
  /** Stops pushing engine events into the page. */
  dispose(): void;
}

/**
 * Binds `window.workbench` in every app page of `context` to `engine`. Call before the first
 * navigation. Engine events go, in order, to every open page on the app origin.
 */
export async function bindWorkbench(context: BrowserContext, engine: EngineHandle): Promise<Bridge> {
  await context.exposeBinding(INVOKE_BINDING, async (source, channel: unknown, payload: unknown) => {
    if (!isTrustedCaller(source)) {
      return fail('forbidden', 'The Workbench engine only answers the Workbench page.');
    }
    const parsed = parseRequest(channel, payload);
    if (!parsed.ok) return parsed;
    try {
      return await engine.invoke(parsed.value.channel, parsed.value.request);
    } catch (err) {
      // EngineHandle.invoke promises never to throw; if it does, the page still gets an envelope.
      process.stderr.write(`browser host: engine threw on ${parsed.value.channel}: ${(err as Error).name}\n`);
      return fail('internal', 'The engine failed unexpectedly. See the terminal for details.') as Result<unknown>;
    }
  });
  await context.addInitScript(installWorkbenchApi, {
    origin: BROWSER_HOST_ORIGIN,
    binding: INVOKE_BINDING,
    sink: EVENT_SINK,
  } satisfies BridgeNames);

  let queue: Promise<unknown> = Promise.resolve();
  const deliver = (event: EngineEvent): void => {
    const pages = context.pages().filter((p) => !p.isClosed() && originOf(p.url()) === BROWSER_HOST_ORIGIN);
    queue = queue.then(() =>
      Promise.all(
        pages.map((p) =>
          p
            .evaluate(
              ({ sink, ev }) => {
                const fn = (globalThis as unknown as Record<string, unknown>)[sink];
                if (typeof fn === 'function') (fn as (e: unknown) => void)(ev);
              },
              { sink: EVENT_SINK, ev: event as unknown },
            )
            // A page that is navigating or closing misses the event; it re-reads state on load.
            .catch(() => undefined),
        ),
      ),
    );
  };
  const unsubscribe = engine.onEvent(deliver);
  return { dispose: unsubscribe };
}
