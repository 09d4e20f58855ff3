/**
 * Stands in for `astronomia/data/vsop87Bearth` (the VSOP87 series of the earth, ~100 KiB) in a
 * function bundle whose holiday rules compute no position of the sun (function-bundle.ts decides).
 * date-holidays-parser and date-chinese wrap it in a Planet when they load, which reads only its
 * name and type; reading the series itself (an equinox, a Chinese date) fails loudly, never with a
 * wrong date.
 */
export class AstronomyNotBundledError extends Error {
  override name = 'AstronomyNotBundledError';
}

const identity: Record<string, string> = { name: 'earth', type: 'B' };

export default new Proxy(identity, {
  get(target, key) {
    if (typeof key === 'string' && key in target) return target[key];
    throw new AstronomyNotBundledError(
      'holiday-importer: this function was bundled without the astronomical data (no configured region computes an equinox or a Chinese-calendar date). Add the region to config/holidays.json and deploy again.',
    );
  },
});
