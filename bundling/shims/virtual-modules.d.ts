// date-holidays-parser ships its types as an ambient module its package.json "exports" does not name.
/// <reference path="../../node_modules/date-holidays-parser/types/index.d.ts" />

/**
 * Module names that exist only in the function's bundle: esbuild aliases them to files written at
 * synth time (function-bundle.ts). Declared here so the shims type-check like any module.
 */

declare module '@holiday-importer/holiday-data' {
  /** date-holidays' data (date-holidays/data), of the configured countries. */
  const data: { version: string; license: string; holidays: Record<string, unknown>; names: object };
  export default data;
}

declare module '@holiday-importer/zone-data' {
  /** moment-timezone's packed zones and links. */
  const zones: { version: string; zones: string[]; links: string[] };
  export default zones;
}

declare module '@holiday-importer/moment-timezone-core' {
  import moment from 'moment-timezone';
  /** moment-timezone/moment-timezone.js: the library without its data. */
  export default moment;
}

declare module '@holiday-importer/astronomia-src/*' {
  /** A module of astronomia/src (its default export is the namespace its index re-exports). */
  const module: unknown;
  export default module;
}
