import { describe, expect, it } from 'vitest';
import { type CalendarTreatment, rewriteCalendarFactory } from '../../cdk/library-subsets.js';

/** CalEventFactory.js in the shape date-holidays-parser 3.4 ships it, two calendars long. */
const FACTORY = `import CalEvent from './CalEvent.js'
// #ifndef nohebrew
import Hebrew from './Hebrew.js'
// #endif
// #ifndef nochinese
import Chinese from './Chinese.js'
// #endif

export default class CalEventFactory {
  constructor (opts) {
    switch (opts.fn) {
      // #ifndef nohebrew
      case 'hebrew':
        return new Hebrew(opts)
      // #endif
      // #ifndef nochinese
      case 'chinese':
      case 'korean':
        return new Chinese(opts)
      // #endif
      default:
        return new CalEvent(opts)
    }
  }
}`;

const OMITTED = 'no {calendar} here';
const rewrite = (treatment: (flag: string) => CalendarTreatment, source = FACTORY) =>
  rewriteCalendarFactory(source, treatment, OMITTED);

describe('rewriteCalendarFactory', () => {
  it.each<[string, (flag: string) => CalendarTreatment, string[], string[], Record<string, string[]>]>([
    [
      'keep',
      () => 'keep',
      ["import Hebrew from './Hebrew.js'", 'return new Hebrew(opts)'],
      ['omittedCalendar(opts.fn)'],
      {},
    ],
    [
      'omit',
      (flag) => (flag === 'nohebrew' ? 'omit' : 'keep'),
      ["case 'hebrew':\n        throw omittedCalendar(opts.fn)", 'return new Chinese(opts)'],
      ["import Hebrew from './Hebrew.js'", 'return new Hebrew(opts)'],
      {},
    ],
    [
      'defer',
      (flag) => (flag === 'nochinese' ? { defer: 'astronomical' } : 'keep'),
      ["case 'korean':\n        return new (deferredCalendar('Chinese'))(opts)", 'return new Hebrew(opts)'],
      ["import Chinese from './Chinese.js'"],
      { astronomical: ['Chinese'] },
    ],
  ])(
    '%s: the calendars as asked, the rest as the library has them',
    (_, treatment, present, absent, deferred) => {
      const result = rewrite(treatment);
      for (const text of present) expect(result.source).toContain(text);
      for (const text of absent) expect(result.source).not.toContain(text);
      expect(result.source).not.toContain('#ifndef');
      expect(Object.fromEntries(result.deferred)).toEqual(deferred);
    },
  );

  it.each([
    ['a case that no longer returns its calendar', FACTORY.replace('return new Hebrew(opts)', 'break')],
    ['a return without its case', FACTORY.replace("      case 'hebrew':\n", '')],
    [
      'an unknown line in a block',
      FACTORY.replace("import Hebrew from './Hebrew.js'", "import { Hebrew } from './calendars.js'"),
    ],
  ])('refuses %s: the label would fall through to another calendar', (_, source) => {
    expect(() => rewrite(() => 'omit', source)).toThrow(/no longer has the shape/);
  });

  it('refuses a build flag it does not know', () => {
    expect(() => rewrite(() => 'omit', FACTORY.replaceAll('nochinese', 'nomayan'))).toThrow(
      /unknown build flag nomayan/,
    );
  });
});
