import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The api's error catalogue and log names, shared as source (plain TS, no Node imports). */
const webAliases = {
  '@app/error-codes': fileURLToPath(
    new URL('../../libs/domain/src/errors/error-codes.ts', import.meta.url),
  ),
  '@app/log-names': fileURLToPath(
    new URL('../../libs/domain/src/shared/log-names.ts', import.meta.url),
  ),
};

// The client is built into dist/web, which the api serves at `/` (same
// origin as /api/v1, so no CORS). In development `vite` proxies the API.
export default defineConfig({
  root,
  base: '/',
  resolve: { alias: webAliases },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    manifest: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router's "use client" marks server components; a SPA has none.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': process.env.API_URL ?? 'http://localhost:3000' },
  },
});
