// Electron main: lifecycle only. Security settings live in security.ts, the app:// protocol in
// protocol.ts, IPC in ipc.ts and the engine (a utility process) behind engine-client.ts.
//
// Order matters: userData, the single-instance lock, the privileged scheme and the global
// sandbox must be set before `ready`; guards are installed before the first window exists.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  session,
  utilityProcess,
  type MenuItemConstructorOptions,
  type SaveDialogOptions,
} from 'electron';
import { ELECTRON_ORIGIN } from '../../shared/util/csp.js';
import { shellLayout, storePathFor, userDataDir } from './app-paths.js';
import type { SaveFileRequest } from '../engine/engine-types.js';
import type { FilePurpose } from '../../shared/ipc/schemas.js';
import { openDialogOptions } from './dialog-options.js';
import { createEngineClient, type EngineClient } from './engine-client.js';
import { registerIpc } from './ipc.js';
import { log } from './log.js';
import { installAppProtocol, registerAppScheme } from './protocol.js';
import { guardSession, installWebContentsGuards, mainWindowOptions } from './security.js';

const APP_URL = `${ELECTRON_ORIGIN}/index.html`;
const layout = shellLayout(path.dirname(fileURLToPath(import.meta.url)), app.getAppPath());

let mainWindow: BrowserWindow | null = null;
let engine: EngineClient | null = null;
let engineClosed = false;

app.setPath('userData', userDataDir(app.getPath('appData')));
// Chromium's caches and local storage stay apart from the store and its key file.
app.setPath('sessionData', path.join(app.getPath('userData'), 'chromium'));
app.enableSandbox();
// Dates typed and shown as dd/mm/yyyy: Chromium's date inputs follow its own language.
app.commandLine.appendSwitch('lang', 'en-GB');
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  installWebContentsGuards();
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (engineClosed || !engine) return;
    event.preventDefault();
    const closing = engine;
    engine = null;
    void closing.shutdown().finally(() => {
      engineClosed = true;
      app.quit();
    });
  });
  app.on('render-process-gone', (_event, _contents, details) => log('main', `renderer gone: ${details.reason}`));
  app.on('child-process-gone', (_event, details) => log('main', `${details.type} process gone: ${details.reason}`));
  app.whenReady().then(start, (error: unknown) => fatal(error));
}

function start(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));
  guardSession(session.defaultSession);
  installAppProtocol(layout.rendererRoot);
  engine = forkEngine();
  registerIpc({ engine, getWindowContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null) });
  createMainWindow();
}

function forkEngine(): EngineClient {
  const child = utilityProcess.fork(layout.engineHost, [], { serviceName: 'Baseline Workbench engine', stdio: 'inherit' });
  return createEngineClient(
    {
      post: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      kill: () => child.kill(),
    },
    {
      init: { storePath: storePathFor(app.getPath('userData'), process.argv), version: app.getVersion() },
      chooseFiles,
      chooseSaveFile,
      onUnexpectedExit: (code) => {
        dialog.showErrorBox(
          'Baseline Workbench',
          `The engine stopped unexpectedly (code ${code}). The app will close; your store is safe on disk.`,
        );
        engineClosed = true;
        app.quit();
      },
    },
  );
}

function createMainWindow(): void {
  // The options are the literal in security.ts, asserted at run time and unit-tested; the
  // scanner cannot follow the call, hence the annotation.
  const win = new BrowserWindow(mainWindowOptions(layout.preload)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_URL).catch((error: unknown) => fatal(error));
}

/** files:choose — only main can show a native dialog; the engine asks for it over its port. */
async function chooseFiles(purpose: FilePurpose): Promise<string[]> {
  const options = openDialogOptions(purpose);
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Exports for people (e.g. the data protection record): the user picks where the file goes. */
async function chooseSaveFile({ suggestedName, filter }: SaveFileRequest): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Save',
    defaultPath: path.join(app.getPath('documents'), suggestedName),
    filters: [{ name: filter.name, extensions: [filter.extension] }],
    properties: ['showOverwriteConfirmation'],
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Roles only: no item opens a URL (Electron's default menu links to its website). */
function menuTemplate(): MenuItemConstructorOptions[] {
  const mac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!app.isPackaged) view.push({ type: 'separator' }, { role: 'toggleDevTools' });
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}

function fatal(error: unknown): void {
  log('main', `startup failed: ${error instanceof Error ? error.message : String(error)}`);
  dialog.showErrorBox('Baseline Workbench', 'Baseline Workbench could not start.');
  app.quit(); // will-quit still closes the engine if it was started

}
