import { runCli } from './main.js';

/** The process around the CLI: stdio, signals, exit code. `bin/holiday-importer.js` loads this. */

// The AWS SDK's notice that its releases after January 2027 need Node 22 would print on every run
// under Node 20; this turns off that one notice, not warnings in general (README: Node versions).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// A writing run asks for graceful interrupts; everything else stops at Ctrl-C as usual.
const interrupt = new AbortController();
let graceful = false;
let notice = 'no new write starts; finishing the one in flight, logging out and printing what was written';
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!graceful || interrupt.signal.aborted) process.exit(130);
    process.stderr.write(`\n${signal}: ${notice}. Again to quit at once.\n`);
    interrupt.abort();
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colour: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  now: () => new Date(),
  env: process.env,
  interruptSignal: (text) => {
    graceful = true;
    if (text) notice = text;
    return interrupt.signal;
  },
});
