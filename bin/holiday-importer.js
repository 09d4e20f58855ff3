#!/usr/bin/env node
// The operator CLI runs the TypeScript sources directly through tsx: no build step after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../functions/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  now: () => new Date(),
  env: process.env,
});
