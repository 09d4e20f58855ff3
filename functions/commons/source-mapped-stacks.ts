import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/**
 * Makes the stack traces of a bundled file point into its TypeScript sources, with the map that
 * lies beside it (`<file>.map`), read when a stack is first formatted: only when something fails.
 * Node's `--enable-source-maps` reads it at start and looks for a map in every module it loads
 * (the AWS SDK's too): ~13 ms of each Lambda cold start on Node 20, for stacks rarely read.
 * Frames of other files stay as V8 writes them; without a map nothing changes.
 */
export function mapStackTraces(bundleFile: string): void {
  const mapFile = `${bundleFile}.map`;
  if (!existsSync(mapFile)) return;
  let sourceMap: SourceMap | null | undefined;
  const entryAt = (frame: NodeJS.CallSite | undefined) => {
    if (frame?.getFileName() !== bundleFile) return undefined;
    if (sourceMap === undefined) {
      try {
        sourceMap = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
      } catch {
        sourceMap = null;
      }
    }
    const entry = sourceMap?.findEntry((frame.getLineNumber() ?? 1) - 1, (frame.getColumnNumber() ?? 1) - 1);
    return entry && 'originalSource' in entry && entry.originalSource ? entry : undefined;
  };

  Error.prepareStackTrace = (error, frames) => {
    let header: string;
    try {
      header = String(error);
    } catch {
      header = '<error>';
    }
    const lines = frames.map((frame, index) => {
      const entry = entryAt(frame);
      if (!entry) return `    at ${String(frame)}`;
      // esbuild writes sources relative to its output folder: the project-relative path is enough.
      const location = `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
      // The caller's call expression names the function as the source does (minified here).
      // (`name` is in Node's answer, not yet in @types/node 20.)
      const caller = entryAt(frames[index + 1]) as { name?: string } | undefined;
      const name = caller?.name ?? frame.getFunctionName();
      const prefix = frame.isAsync() ? 'async ' : frame.isConstructor() ? 'new ' : '';
      return name ? `    at ${prefix}${name} (${location})` : `    at ${prefix}${location}`;
    });
    return [header, ...lines].join('\n');
  };
}
