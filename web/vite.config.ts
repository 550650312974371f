// Vite build of the web UI: root is web/, output dist/web/ (served by `wiremeter serve` at /).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // No inline scripts or data: URLs: the server's CSP allows scripts and styles from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    // `npx vite web` during development: API calls go to a running `wiremeter serve --http --port 8480`.
    proxy: { '/API': 'http://127.0.0.1:8480' },
  },
});
