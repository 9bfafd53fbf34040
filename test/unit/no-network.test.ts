import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliMain, REPO } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();
const GUARD = join(REPO, 'test/helpers/no-network.cjs');

function guarded(args: string[], log: string, env: Record<string, string> = {}): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--require', GUARD, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_NETWORK_LOG: log, ...env },
    timeout: 180_000,
  });
  return { code: r.status, stderr: r.stderr };
}

const attempts = (log: string): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);

describe('no data leaves the machine', () => {
  it('the guard catches attempts, in the main thread and in workers (control)', () => {
    const dir = tempDir();
    const log = join(dir, 'net.log');
    const script = join(dir, 'leak.mjs');
    writeFileSync(
      script,
      `import { Worker } from 'node:worker_threads';
       try { await fetch('https://example.org/'); } catch {}
       try { (await import('node:dns')).lookup('example.org', () => {}); } catch {}
       await new Promise((r) => new Worker("try { require('node:https').get('https://example.org/'); } catch {}", { eval: true }).on('exit', r));`,
    );
    guarded([script], log);
    const seen = attempts(log);
    expect(seen).toContain('main fetch');
    expect(seen).toContain('main dns.lookup');
    expect(seen).toContain('worker https.get');
  });

  it('a full demo run through the CLI — generate, import, export — makes no network attempt', () => {
    const dir = tempDir();
    const log = join(dir, 'net.log');
    const env = { BASELINE_PASSPHRASE: 'a passphrase for tests', BASELINE_HOME: dir };
    const db = join(dir, 'demo.db');
    const demo = guarded([cliMain(), 'demo', '--households', '60', '--db', db, '--out', join(dir, 'files')], log, env);
    expect(demo.code, demo.stderr).toBe(0);
    const exported = guarded([cliMain(), 'export', 'clusters', '--out', join(dir, 'c.csv'), '--db', db], log, env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(attempts(log)).toEqual([]);
  }, 120_000);
});
