import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // As tsconfig.json's paths: the config the handler bundles.
  resolve: {
    alias: { '@holiday-importer/config': fileURLToPath(new URL('./config/holidays.json', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'bundling/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
