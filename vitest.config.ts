import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Three sets of tests, all in `npm test` (the full gate `.ci/run` calls):
 * - unit: pure and in-process tests (the sandbox over real HTTP included), with no build and no
 *   moto_server: `npm run test:unit`, the fast loop;
 * - slow: the whole input space (every country, every zone of a calendar file), the bundles and the built CLI;
 * - aws: the tests that reach Secrets Manager or CloudFormation; only they start moto_server.
 */

const AWS = [
  'test/integration/cli-invoke.test.ts',
  'test/integration/https-only.test.ts',
  'test/integration/importer-cli.test.ts',
  'test/integration/importer-handler.test.ts',
  'test/integration/notice-handler.test.ts',
  'test/integration/reconcile-run.test.ts',
  'test/integration/trickling-answers.test.ts',
  'test/cdk/function-bundle.test.ts',
];
const SLOW = [
  'test/unit/all-countries.test.ts',
  'test/unit/calendar-file.test.ts',
  'bundling/function-bundle.test.ts',
  'test/integration/cli-preview.test.ts',
  'test/integration/cli-build.test.ts',
];
const ALL = ['test/**/*.test.ts', 'bundling/**/*.test.ts'];

export default defineConfig({
  // As tsconfig.json's paths: the config the handler bundles.
  resolve: {
    alias: { '@holiday-importer/config': fileURLToPath(new URL('./config/holidays.json', import.meta.url)) },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        // The files of a worker share one module graph, as the calendars of a warm Lambda share its
        // container: state one leaves in a module shows in another (it found date-holidays keeping
        // one calendar's language for the next). It also keeps test:unit within 30 s.
        test: { name: 'unit', include: ALL, exclude: [...AWS, ...SLOW], isolate: false },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
      { extends: true, test: { name: 'aws', include: AWS, globalSetup: ['test/global-setup.ts'] } },
    ],
  },
});
