/**
 * Stands in for the `astronomia` package's index in the function's bundle, with the same modules:
 * the members date-holidays-parser and date-chinese import from it. The package does not declare
 * itself free of side effects, so its index would put all of its sixty modules (Saturn's moons,
 * Pluto...) into the bundle; named one by one, only these and what they import go in.
 */
export { default as base } from '@holiday-importer/astronomia-src/base.js';
export { default as julian } from '@holiday-importer/astronomia-src/julian.js';
export { default as moonphase } from '@holiday-importer/astronomia-src/moonphase.js';
export { default as planetposition } from '@holiday-importer/astronomia-src/planetposition.js';
export { default as solar } from '@holiday-importer/astronomia-src/solar.js';
export { default as solstice } from '@holiday-importer/astronomia-src/solstice.js';
