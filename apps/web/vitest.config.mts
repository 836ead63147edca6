import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// The web client's pure code (no browser, no API): `npm run test:web`. Page
// behaviour is tested in real Chromium by tests/browser. Files are
// `*.test.ts` so that Jest's unit project (`*.spec.ts`) never picks them up.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
