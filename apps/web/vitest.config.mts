import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the web client's pure code (`*.test.ts` beside it; Jest runs
// the api's `*.spec.ts`). `npm run test:web`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // As in vite.config.mts: the api's error catalogue and log names, shared as source.
  resolve: {
    alias: {
      '@app/error-codes': fileURLToPath(
        new URL('../../libs/domain/src/errors/error-codes.ts', import.meta.url),
      ),
      '@app/log-names': fileURLToPath(
        new URL('../../libs/domain/src/shared/log-names.ts', import.meta.url),
      ),
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
