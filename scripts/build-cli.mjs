// Builds the operator CLI into dist/cli (run by "prepare" on npm ci, and before the tests): one
// small entry chunk for arguments and help, the commands in chunks loaded on use. The AWS SDK
// stays in node_modules: only plan, apply and invoke load it.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: { 'holiday-importer': 'functions/cli/cli-entry.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/cli',
  external: ['@aws-sdk/*'],
  minify: true,
  sourcemap: true,
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  logLevel: 'warning',
});
