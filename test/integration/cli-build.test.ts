import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * When the CLI's build fails, `npm ci` must still succeed ("prepare" exits 0 with a warning) and
 * the CLI runs its sources through tsx, saying so.
 */

const temp = useTempDir('holiday-cli-build');
const TSX = resolve('node_modules/.bin/tsx');

function run(command: string, args: string[], cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe('the CLI build and its fallback', () => {
  it('a failed build warns and exits 0 as "prepare", 1 with --strict (npm run build)', async () => {
    // A folder without the sources: esbuild cannot find the entry.
    const empty = join(temp, 'empty');
    mkdirSync(empty);
    const prepare = await run(TSX, [resolve('scripts/build-cli.ts')], empty);
    expect(prepare.code).toBe(0);
    expect(prepare.stderr).toContain('the CLI build failed, so the CLI will run its sources through tsx');
    expect(existsSync(join(empty, 'dist'))).toBe(false);
    const strict = await run(TSX, [resolve('scripts/build-cli.ts'), '--strict'], empty);
    expect(strict.code).toBe(1);
  });

  it('without a build, the CLI runs its sources through tsx, with a warning', async () => {
    const checkout = join(temp, 'checkout');
    mkdirSync(checkout);
    cpSync(resolve('bin'), join(checkout, 'bin'), { recursive: true });
    for (const entry of ['functions', 'config', 'node_modules', 'package.json', 'tsconfig.json']) {
      symlinkSync(resolve(entry), join(checkout, entry));
    }
    const result = await run(
      process.execPath,
      [join(checkout, 'bin', 'holiday-importer.js'), '--help'],
      checkout,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'no built CLI in dist/cli (run `npm run build`); running the sources through tsx',
    );
    expect(result.stdout).toContain('Usage: holiday-importer');
  });
});
