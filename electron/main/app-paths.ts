// Where the shell finds its own files and the store. Pure functions, so tests can check them.
import path from 'node:path';
import { PRODUCT_NAME } from '../engine/store/paths.js';

/** The folder the compiled main.js lives in: build/electron/electron/main. */
export interface ShellLayout {
  /** The sandboxed preload, compiled to CommonJS (see electron/preload/preload.ts). */
  preload: string;
  /** The utility process entry that hosts the engine. */
  engineHost: string;
  /** The built renderer served on app://workbench/. */
  rendererRoot: string;
}

export function shellLayout(mainDir: string, appPath: string): ShellLayout {
  return {
    preload: path.join(mainDir, '..', 'preload', 'preload.js'),
    engineHost: path.join(mainDir, '..', 'engine', 'utility-host.js'),
    rendererRoot: path.join(appPath, 'dist', 'renderer'),
  };
}

/**
 * userData as the CLI computes it (electron/engine/store/paths.ts): `<appData>/Baseline
 * Workbench`, or BASELINE_HOME when set, so the app and the CLI open the same store.
 */
export function userDataDir(appData: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.BASELINE_HOME || path.join(appData, PRODUCT_NAME);
}

/** `<userData>/baseline.db`, or `<userData>/demo.db` when started with `--demo`. */
export function storePathFor(userData: string, argv: readonly string[]): string {
  return path.join(userData, argv.includes('--demo') ? 'demo.db' : 'baseline.db');
}
