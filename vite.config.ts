import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  // Relative asset URLs: the same build is served from app://opus/ (Electron) and by the browser host.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Monaco's core is one large chunk by nature; warn only well above it.
    chunkSizeWarningLimit: 4096,
    // The page CSP forbids inline scripts; Vite's modulepreload polyfill is not needed in Chromium.
    modulePreload: { polyfill: false },
  },
  worker: { format: 'es' },
});
