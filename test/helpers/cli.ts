import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { inject } from 'vitest';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The CLI's entry, compiled once for the test run (test/global-setup.ts): `node <this> import …`
 * runs the CLI as `npm run cli` does, without compiling its source again in each process.
 */
export const cliMain = (): string => join(inject('cliBundle'), 'main.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The --json summary: the last line of stdout. */
  json: Record<string, unknown> | null;
  /** The signal that ended the process (a crash test's SIGKILL), else null. */
  signal: NodeJS.Signals | null;
}

const TIMEOUT_MS = 120_000;

function summaryOf(stdout: string): Record<string, unknown> | null {
  const lines = stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
  } catch {
    return null;
  }
}

let worker: Worker | null = null;

/** The worker that runs commands in this test file (cli-worker.ts, bundled with the CLI): started once, so each command skips Node's start-up. */
function cliWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(join(inject('cliBundle'), 'cli-worker.mjs'));
  worker.unref();
  worker.on('exit', () => {
    worker = null;
  });
  return worker;
}

/**
 * Runs the real CLI (`main`, as `npm run cli` does) with no terminal and only the env given, and
 * waits for it. It runs in a worker thread kept for the test file: Node's start-up is paid once,
 * not per command. `child: true` (and any crash test, which kills its process) runs it
 * in a child process of its own instead.
 */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, options: { child?: boolean } = {}): CliRun {
  if (options.child || env.BASELINE_TEST_CRASH_AT !== undefined) return runCliChild(args, env);
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const given = Object.fromEntries(Object.entries({ PATH: process.env.PATH, HOME: process.env.HOME, ...env }).filter((e): e is [string, string] => e[1] !== undefined));
  cliWorker().postMessage({ args, env: given, done, reply: port2 }, [port2]);
  if (Atomics.wait(done, 0, 0, TIMEOUT_MS) === 'timed-out') {
    void worker?.terminate();
    throw new Error(`the CLI did not finish within ${TIMEOUT_MS / 1000} s: ${args.join(' ')}`);
  }
  const reply = receiveMessageOnPort(port1)?.message as { code: number; stdout: string; stderr: string } | undefined;
  port1.close();
  if (!reply) throw new Error(`the CLI sent no result: ${args.join(' ')}`);
  return { ...reply, json: summaryOf(reply.stdout), signal: null };
}

/** Runs the real CLI in a child process, with no terminal and only the env given. */
export function runCliChild(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [cliMain(), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json: summaryOf(result.stdout), signal: result.signal };
}
