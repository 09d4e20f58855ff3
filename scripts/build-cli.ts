// Builds the operator CLI into dist/cli (run by "prepare" on npm ci, and before the tests). A build
// that fails must not fail `npm ci`: the CLI then runs the TypeScript sources through tsx
// (bin/holiday-importer.js), slower to start, same behaviour.
import { rmSync } from 'node:fs';
import { buildCli, CLI_OUT_DIR } from '../bundling/cli-bundle.js';

try {
  await buildCli();
} catch (error) {
  rmSync(CLI_OUT_DIR, { recursive: true, force: true });
  process.stderr.write(
    `holiday-importer: the CLI build failed, so the CLI will run its sources through tsx (slower start): ${(error as Error).message}\n`,
  );
  // `npm run build` (and so `npm test`) passes --strict: there a failed build is a failure.
  process.exitCode = process.argv.includes('--strict') ? 1 : 0;
}
