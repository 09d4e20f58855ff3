#!/usr/bin/env node
// The operator CLI runs the TypeScript sources directly through tsx: no build step after `npm ci`.
import { register } from 'tsx/esm/api';

// The AWS SDK's notice that its releases after January 2027 need Node 22 would print on every run
// under Node 20; this turns off that one notice, not warnings in general (README: Node versions).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { runCli } = await import('../functions/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  now: () => new Date(),
  env: process.env,
});
