#!/usr/bin/env node
// The CLI as `npm ci` built it (scripts/build-cli.ts, run by "prepare"): plain node, no compiler,
// each command loading only what it needs. Without a build (a checkout before `npm ci`, or a build
// that failed), the TypeScript sources run through tsx, with a warning.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the chunks between runs (the OS temp folder): later
// starts skip most of the compiling. Older Node has no such cache and ignores this.
module.enableCompileCache?.();

const built = new URL('../dist/cli/holiday-importer.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  process.stderr.write(
    'holiday-importer: no built CLI in dist/cli (run `npm run build`); running the sources through tsx\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  await import('../functions/cli/cli-entry.ts');
}
