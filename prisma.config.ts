// Prisma 7 CLI configuration, used only by `prisma generate` (see scripts/prisma-generate.js).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
});
