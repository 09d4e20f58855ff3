import { rmSync } from 'node:fs';
import { build } from 'esbuild';

/**
 * The operator CLI as one plain esbuild bundle of functions/cli/cli-entry.ts: the libraries as
 * they ship (every country, every zone), no aliases. The commands sit in chunks loaded on use, so
 * `--help` reads little; the AWS SDK stays in node_modules (only plan, apply and invoke load it).
 */
export const CLI_OUT_DIR = 'dist/cli';

export async function buildCli(outDir = CLI_OUT_DIR): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: { 'holiday-importer': 'functions/cli/cli-entry.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: outDir,
    external: ['@aws-sdk/*'],
    minify: true,
    sourcemap: true,
    // The libraries are CommonJS (moment-timezone requires moment): an ES module bundle gives them
    // a real require.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: 'warning',
  });
}
