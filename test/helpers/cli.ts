import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The --json summary: the last line of stdout. */
  json: Record<string, unknown> | null;
  /** The signal that ended the process (a crash test's SIGKILL), else null. */
  signal: NodeJS.Signals | null;
}

/** Runs the real CLI in a child process, with no terminal and only the env given. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 120_000,
  });
  const lines = result.stdout.trim().split('\n');
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(lines[lines.length - 1] ?? '') as Record<string, unknown>;
  } catch {
    json = null;
  }
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json, signal: result.signal };
}
