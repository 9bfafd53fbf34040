import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../electron/browser-host/electron-binary.js';
import { REPO } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp.js';

const tempDir = useTempDirs();

function sources(dir: string): string[] {
  return readdirSync(join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('runtime layering (DESIGN §1)', () => {
  it('shared/ imports no Node, DOM, Electron or React code', () => {
    for (const file of sources('shared')) {
      for (const spec of imports(file)) {
        expect(spec, relative(REPO, file)).not.toMatch(/^(node:|electron$|react|better-sqlite3|@e965\/xlsx|fs$|path$)/);
        if (spec.startsWith('.')) expect(spec, relative(REPO, file)).not.toMatch(/\.\.\/(electron|renderer)\//);
      }
    }
  });

  it('the renderer never imports engine, main or Node code', () => {
    const scanned = sources('renderer/src').flatMap(imports);
    expect(scanned).toContain('react');
    expect(scanned.some((s) => s.includes('shared/ipc/contract'))).toBe(true);
    for (const file of sources('renderer/src')) {
      for (const spec of imports(file)) {
        expect(spec, relative(REPO, file)).not.toMatch(/^(node:|electron$|better-sqlite3|fs$|path$|child_process$)/);
        expect(spec, relative(REPO, file)).not.toMatch(/(^|\/)electron\//);
      }
    }
  });

  it('only electron/main and electron/preload import electron', () => {
    for (const dir of ['electron/engine', 'electron/cli', 'electron/browser-host']) {
      for (const file of sources(dir)) expect(imports(file), relative(REPO, file)).not.toContain('electron');
    }
  });
});

describe('npm start finds a real Electron only where its binary exists', () => {
  it('returns null when the package has no binary, and the path when it has', () => {
    const root = tempDir();
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toBe(join(pkg, 'dist', 'electron'));
  });
});
