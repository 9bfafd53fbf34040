// The hardening gate (issue 6): fails on unsafe Electron webPreferences, innerHTML-style sinks,
// non-literal RegExps, raw IPC outside its two wrapper files, and Electron imported where it
// must not be. `npm run lint` runs it with --max-warnings 0; `npm test` runs lint first.
import nounsanitized from 'eslint-plugin-no-unsanitized';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';

const unsafePref = (key, bad) => ({
  selector: `Property[key.name='webPreferences'] Property[key.name='${key}'][value.value=${bad}]`,
  message: `Electron hardening: webPreferences.${key} must not be ${bad}`,
});

export const UNSAFE_WEB_PREFERENCES = [
  unsafePref('nodeIntegration', true),
  unsafePref('nodeIntegrationInWorker', true),
  unsafePref('nodeIntegrationInSubFrames', true),
  unsafePref('contextIsolation', false),
  unsafePref('sandbox', false),
  unsafePref('webSecurity', false),
  unsafePref('allowRunningInsecureContent', true),
  unsafePref('webviewTag', true),
  unsafePref('experimentalFeatures', true),
  {
    selector: "CallExpression[callee.property.name='openExternal']",
    message: 'Electron hardening: shell.openExternal is refused; the app never opens links outside itself',
  },
];

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'release/**', 'node_modules/**', 'test/e2e/artifacts/**', '.tmp/**', 'test/fixtures/security/**'] },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { 'no-unsanitized': nounsanitized, security },
    rules: {
      'no-restricted-syntax': ['error', ...UNSAFE_WEB_PREFERENCES],
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
      'security/detect-non-literal-regexp': 'error',
      'security/detect-eval-with-expression': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Tests build RegExps from fixture names and try eval on purpose (to prove the CSP blocks it).
    files: ['test/**'],
    rules: { 'security/detect-non-literal-regexp': 'off', 'no-eval': 'off' },
  },
  {
    // Raw IPC lives only in electron/main/ipc.ts and the preload (DESIGN §1, STYLE synthesis 2).
    files: ['**/*.{ts,tsx,mts,cts}'],
    ignores: ['electron/main/**', 'electron/preload/**', 'test/unit/electron-*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main and electron/preload import electron.' }] }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcMain'], message: 'Register handlers in electron/main/ipc.ts.' }] }],
    },
  },
);
