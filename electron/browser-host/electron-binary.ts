import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable when the electron package's binary really is installed, else null.
 * Reads the package's own path.txt instead of require('electron'), which would try to download.
 */
export function findElectronBinary(repoRoot: string): string | null {
  const pkgDir = path.join(repoRoot, 'node_modules', 'electron');
  const pathTxt = path.join(pkgDir, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const binary = path.join(pkgDir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Builds the main process code and runs the real app; returns Electron's exit code. */
export function runElectron(repoRoot: string, binary: string, args: string[]): number {
  const tsc = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: repoRoot, stdio: 'inherit' });
  if (tsc.status !== 0) return tsc.status ?? 1;
  const app = spawnSync(binary, [repoRoot, ...args], { cwd: repoRoot, stdio: 'inherit' });
  return app.status ?? 1;
}
