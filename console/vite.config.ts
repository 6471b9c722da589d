/**
 * The console's build: static assets into dist/, which the Ucfleet server serves at / (src/http/console-static.ts).
 * `npm run dev` serves the console with hot reload and forwards the API to a running server
 * (UCFLEET_API, default http://localhost:8080), so the session cookie stays on one origin.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.UCFLEET_API ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The SDK (../sdk/src) is imported as source; its one runtime dependency comes from the console's own packages.
    alias: { 'openapi-fetch': fileURLToPath(new URL('./node_modules/openapi-fetch', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: { '/v1': api, '/openapi.json': api },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // Every asset is content-hashed and served with a year-long cache; nothing is inlined as data: URLs.
    assetsInlineLimit: 0,
  },
});
