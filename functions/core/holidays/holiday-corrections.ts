/**
 * Where date-holidays is wrong for a contact center, and what is right: a dated, sourced table
 * applied on top of the library for every calendar unless it opts out (`"corrections": false`, or
 * `{ "skip": [ids] }`). A config's own `exclude` and `extraEvents` still win. Each entry has a test
 * that fails once the library itself is fixed, so the entry can go.
 * Facts and sources: each entry's `source` below, listed in README.md "Known data corrections"
 * (checked against date-holidays 3.37.0).
 */

export interface CorrectionSource {
  title: string;
  url: string;
}

interface CorrectionBase {
  id: string;
  /** date-holidays code; a country's entry applies to all its subdivisions. */
  region: string;
  source: CorrectionSource;
  /** The date-holidays version the entry was checked against. */
  checkedAgainst: string;
}

/** A day off the library lacks (a public holiday unless said otherwise). */
export interface AddDayOff extends CorrectionBase {
  kind: 'add';
  dates: readonly string[];
  /** The holiday's name by language; `en` is the fallback. */
  name: Readonly<Record<string, string>> & { en: string };
}

/** A day the library closes that is a working day. */
export interface RemoveDayOff extends CorrectionBase {
  kind: 'remove';
  dates: readonly string[];
}

/** The library has a day off on the wrong date: `from` is a working day, `to` the day off. */
export interface MoveDayOff extends CorrectionBase {
  kind: 'move';
  from: string;
  to: string;
  name: Readonly<Record<string, string>> & { en: string };
}

/** Every holiday of a region is a working day between two dates (`to` open-ended). */
export interface SuspendHolidays extends CorrectionBase {
  kind: 'suspend';
  from: string;
  to?: string;
}

export type HolidayCorrection = AddDayOff | RemoveDayOff | MoveDayOff | SuspendHolidays;

/** The dates an entry names (for a suspension: where it starts and ends). */
export function correctionDates(entry: HolidayCorrection): string[] {
  if (entry.kind === 'suspend') return [entry.from, ...(entry.to ? [entry.to] : [])];
  if (entry.kind === 'move') return [entry.from, entry.to];
  return [...entry.dates];
}

const VERSION = '3.37.0';

const SOURCE_SEOLLAL: CorrectionSource = {
  title:
    'Seollal is the day before, the day of and the day after the lunar new year (KASI); date-holidays starts it a day late',
  url: 'https://github.com/commenthol/date-holidays/pull/641',
};
const SOURCE_MOM_2027: CorrectionSource = {
  title: 'Ministry of Manpower, public holidays 2027',
  url: 'https://www.mom.gov.sg/employment-practices/public-holidays',
};

export const HOLIDAY_CORRECTIONS: readonly HolidayCorrection[] = [
  {
    id: 'ua-martial-law-2022',
    region: 'UA',
    kind: 'suspend',
    from: '2022-03-15',
    source: {
      title:
        'Law of Ukraine 2136-IX "On the organisation of labour relations under martial law", Art. 6; martial law extended in 90-day steps (Interfax-Ukraine, 2026-01-14)',
      url: 'https://zakon.rada.gov.ua/laws/show/2136-20',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'kr-seollal-2026',
    region: 'KR',
    kind: 'move',
    from: '2026-02-19',
    to: '2026-02-16',
    name: { en: 'Korean New Year', ko: '설날' },
    source: SOURCE_SEOLLAL,
    checkedAgainst: VERSION,
  },
  {
    id: 'kr-seollal-2027-eve',
    region: 'KR',
    kind: 'add',
    dates: ['2027-02-06'],
    name: { en: 'Korean New Year', ko: '설날' },
    source: SOURCE_SEOLLAL,
    checkedAgainst: VERSION,
  },
  {
    id: 'kr-seollal-2028',
    region: 'KR',
    kind: 'move',
    from: '2028-01-29',
    to: '2028-01-26',
    name: { en: 'Korean New Year', ko: '설날' },
    source: SOURCE_SEOLLAL,
    checkedAgainst: VERSION,
  },
  {
    id: 'kr-labor-day',
    region: 'KR',
    kind: 'add',
    dates: ['2026-05-01', '2027-05-01', '2027-05-03', '2028-05-01'],
    name: { en: 'Labor Day', ko: '노동절' },
    source: {
      title: 'Public holiday since the amendment of 2026-03-31 (2027: substitute on 3 May)',
      url: 'https://github.com/hyunbinseo/holidays-kr/issues/25',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'kr-local-elections-2026',
    region: 'KR',
    kind: 'add',
    dates: ['2026-06-03'],
    name: { en: 'Local Elections Day', ko: '전국동시지방선거일' },
    source: {
      title: 'Nationwide local elections, a public holiday (KRX closed)',
      url: 'https://github.com/lballabio/QuantLib/issues/2685',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'sg-2027-hari-raya-puasa',
    region: 'SG',
    kind: 'move',
    from: '2027-03-09',
    to: '2027-03-10',
    name: { en: 'Hari Raya Puasa' },
    source: SOURCE_MOM_2027,
    checkedAgainst: VERSION,
  },
  {
    id: 'sg-2027-hari-raya-haji',
    region: 'SG',
    kind: 'move',
    from: '2027-05-16',
    to: '2027-05-17',
    name: { en: 'Hari Raya Haji' },
    source: SOURCE_MOM_2027,
    checkedAgainst: VERSION,
  },
  {
    id: 'sg-2027-vesak',
    region: 'SG',
    kind: 'add',
    dates: ['2027-05-20'],
    name: { en: 'Vesak Day' },
    source: SOURCE_MOM_2027,
    checkedAgainst: VERSION,
  },
  {
    id: 'tr-bayram-day-after',
    region: 'TR',
    kind: 'remove',
    dates: ['2026-03-23', '2027-03-12', '2027-05-20', '2028-02-29', '2028-05-09'],
    source: {
      title:
        'Law 2429: the Bayram days are the days off; the day after (where date-holidays ends the span at noon) is a working day',
      url: 'https://www.mevzuat.gov.tr/mevzuatmetin/1.5.2429.pdf',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'sk-2027-2028-restored',
    region: 'SK',
    kind: 'add',
    dates: ['2027-05-08', '2027-09-15', '2028-05-08', '2028-09-15'],
    name: {
      en: 'Day of Victory over Fascism / Our Lady of Sorrows',
      sk: 'Deň víťazstva nad fašizmom / Sviatok Sedembolestnej Panny Márie',
    },
    source: {
      title: 'Law 261/2025 suspended 8 May and 15 September for 2026 only; from 2027 they are days off again',
      url: 'https://www.refresher.sk/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'hu-2026-rest-days',
    region: 'HU',
    kind: 'add',
    dates: ['2026-01-02', '2026-08-21', '2026-12-24'],
    name: { en: 'Rest day (worked on a Saturday)', hu: 'Pihenőnap' },
    source: {
      title:
        'Decree 10/2025 (IV.30.) NGM: rest days swapped with the working Saturdays 10 Jan, 8 Aug, 12 Dec 2026',
      url: 'https://magyarkozlony.hu/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'ca-on-no-easter-monday',
    region: 'CA-ON',
    kind: 'remove',
    dates: ['2026-04-06', '2027-03-29', '2028-04-17'],
    source: {
      title: "Easter Monday is not one of Ontario's public holidays (Employment Standards Act)",
      url: 'https://www.ontario.ca/document/your-guide-employment-standards-act-0/public-holidays',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'gb-sct-2026-world-cup',
    region: 'GB-SCT',
    kind: 'add',
    dates: ['2026-06-15'],
    name: { en: 'Bank holiday (Royal Proclamation)' },
    source: {
      title: 'Royal Proclamation of 2026-02-03: a bank holiday in Scotland (employers not obliged)',
      url: 'https://www.gov.scot/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'za-2026-local-elections',
    region: 'ZA',
    kind: 'add',
    dates: ['2026-11-04'],
    name: { en: 'Local Government Elections' },
    source: {
      title: 'Declared a public holiday under the Public Holidays Act s. 2A',
      url: 'https://www.gov.za/about-sa/public-holidays',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'ru-2026-transfers',
    region: 'RU',
    kind: 'add',
    dates: ['2026-01-09', '2026-05-11', '2026-12-31'],
    name: { en: 'Day off (transferred)', ru: 'Выходной день (перенос)' },
    source: {
      title: 'Government decree of 2025-09-24 on the transfer of days off in 2026 (TASS)',
      url: 'https://tass.ru/',
    },
    checkedAgainst: VERSION,
  },
];

/** Whether an entry for `entryRegion` applies to a calendar region (a country covers its subdivisions). */
export function appliesTo(entryRegion: string, region: string): boolean {
  return region === entryRegion || region.startsWith(`${entryRegion}-`);
}

/** The entries a calendar uses for one of its regions. */
export function correctionsFor(
  region: string,
  setting: boolean | { skip: readonly string[] },
  table: readonly HolidayCorrection[] = HOLIDAY_CORRECTIONS,
): HolidayCorrection[] {
  if (setting === false) return [];
  const skip = new Set(setting === true ? [] : setting.skip);
  return table.filter((entry) => !skip.has(entry.id) && appliesTo(entry.region, region));
}

/** Whether an entry touches a year (its dates, or its suspension range). */
export function touchesYear(entry: HolidayCorrection, year: number): boolean {
  if (entry.kind === 'suspend') {
    return entry.from <= `${year}-12-31` && (entry.to === undefined || entry.to >= `${year}-01-01`);
  }
  return correctionDates(entry).some((date) => date.startsWith(`${year}-`));
}

export function isSuspended(entry: SuspendHolidays, date: string): boolean {
  return date >= entry.from && (entry.to === undefined || date <= entry.to);
}

/** The name of an added day in a language (its base language, else English). */
export function correctionName(entry: AddDayOff | MoveDayOff, language: string): string {
  return entry.name[language] ?? entry.name[language.split('-')[0] ?? ''] ?? entry.name.en;
}
