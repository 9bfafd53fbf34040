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

/**
 * Runs in every page before any of its scripts. Defines a frozen, non-writable
 * `window.workbench` implementing WorkbenchApi on top of the binding, and the event sink the
 * host pushes engine events into. Pages on any other origin get neither.
 *
 * Plain JavaScript on purpose: a TypeScript function serialised with toString() carries whatever
 * helpers the loader injected (tsx/esbuild adds `__name(…)`), which do not exist in the page.
 */
const INIT_SCRIPT = `(() => {
  const ORIGIN = ${JSON.stringify(BROWSER_HOST_ORIGIN)};
  const BINDING = ${JSON.stringify(INVOKE_BINDING)};
  const SINK = ${JSON.stringify(EVENT_SINK)};
  if (globalThis.location.origin !== ORIGIN) return;
  // Keep our own reference, so replacing the global later does not redirect calls.
  let binding = globalThis[BINDING];
  const listeners = new Set();
  const invoke = (channel, request) => {
    if (typeof binding !== 'function') binding = globalThis[BINDING];
    if (typeof binding !== 'function') {
      return Promise.resolve({ ok: false, error: { kind: 'internal', message: 'The Workbench engine is not connected to this page.' } });
    }
    return Promise.resolve(binding(channel, request));
  };
  const onEvent = (listener) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  };
  const deliver = (event) => {
    for (const listener of [...listeners]) {
      try { listener(event); }
      // One failing listener must not starve the others; report it like an uncaught error.
      catch (err) { setTimeout(() => { throw err; }); }
    }
  };
  const api = Object.freeze({ invoke: Object.freeze(invoke), onEvent: Object.freeze(onEvent) });
  Object.defineProperty(globalThis, 'workbench', { value: api, writable: false, configurable: false, enumerable: true });
  Object.defineProperty(globalThis, SINK, { value: Object.freeze(deliver), writable: false, configurable: false, enumerable: false });
})();`;

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
  await context.addInitScript({ content: INIT_SCRIPT });

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
