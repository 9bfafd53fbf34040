import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs: the same build is served from app://workbench/ (Electron) and
  // https://workbench.invalid/ (browser host), never from a fixed server path.
  base: './',
  plugins: [react()],
  build: {
    // BASELINE_RENDERER_DIST lets parallel work build and test in its own folder.
    outDir: process.env['BASELINE_RENDERER_DIST'] || fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // React + AG Grid is one ~1.4 MB chunk and is loaded from disk, so the web default is noise.
    chunkSizeWarningLimit: 3000,
    // The polyfill is not needed in Chromium and would be one more script for the CSP to allow.
    modulePreload: { polyfill: false },
    // Inlined assets would become data: URIs; keep everything as files the CSP allows by 'self'.
    assetsInlineLimit: 0,
  },
});
