import type { HolidaysTypes } from 'date-holidays';

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
  /** date-holidays code; a country's entry applies to all its subdivisions but those in `except`. */
  region: string;
  except?: readonly string[];
  /** Only these subdivisions (and theirs), where a holiday is a state's, not the country's. */
  only?: readonly string[];
  source: CorrectionSource;
  /** The date-holidays version the entry was checked against. */
  checkedAgainst: string;
}

/** A day off the library lacks (a public holiday unless said otherwise). */
export interface AddDayOff extends CorrectionBase {
  kind: 'add';
  dates: readonly string[];
  name: HolidayNames;
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
  name: HolidayNames;
}

/** Every holiday of a region is a working day between two dates (`to` open-ended). */
export interface SuspendHolidays extends CorrectionBase {
  kind: 'suspend';
  from: string;
  to?: string;
}

/** A date-holidays holiday type (`public`, `bank`, `school`, `optional`, `observance`). */
export type HolidayType = HolidaysTypes.HolidayType;

/**
 * A holiday as date-holidays' data gives its rule, exactly (`Holiday.rule`): "08-04 and if
 * Saturday, Sunday then next Monday", "27 Rajab". An exact match fails the entry's test the day
 * the library changes the rule, so the entry is looked at again.
 */
export type LibraryRule = string;

/** The names of an added holiday by language; `en` is the fallback. */
export type HolidayNames = Readonly<Record<string, string>> & { en: string };

interface RuleBase extends CorrectionBase {
  /** The first year the law applies (inclusive); every year when absent. */
  since?: number;
}

/** A holiday the library has whose type the law changed (an observance that is a day off now). */
export interface RetypeHoliday extends RuleBase {
  kind: 'retype';
  rules: readonly LibraryRule[];
  type: HolidayType;
}

/** A holiday the library still has that a statute abolished (or that never was a day off). */
export interface AbolishHoliday extends RuleBase {
  kind: 'abolish';
  rules: readonly LibraryRule[];
}

/** A holiday a statute added, as a date-holidays rule ("01-14", "chinese 01-0-03", "9 Dhu al-Hijjah"). */
export interface InstituteHoliday extends RuleBase {
  kind: 'institute';
  rule: string;
  name: HolidayNames;
}

/** A holiday the library moves by the wrong rule: each library rule, and the law's (date-holidays grammar). */
export interface ReruleHoliday extends RuleBase {
  kind: 'rerule';
  rules: Readonly<Record<LibraryRule, string>>;
}

/**
 * A holiday that falls on a rest day gives the next working day off: the first day after it that
 * is neither a rest day nor a public holiday nor already another holiday's substitute.
 */
export interface SubstituteRule extends RuleBase {
  kind: 'substitute';
  /** Weekdays, 0 = Sunday .. 6 = Saturday. */
  restDays: readonly number[];
  /** The public holidays the rule covers: all of them, only some, or all but some. */
  holidays: 'public' | { only: readonly LibraryRule[] } | { except: readonly LibraryRule[] };
  /** What the substitute day adds to the holiday's name, by language ("in lieu"). */
  label: HolidayNames;
}

export type RuleCorrection =
  | RetypeHoliday
  | AbolishHoliday
  | InstituteHoliday
  | ReruleHoliday
  | SubstituteRule;
export type DatedCorrection = AddDayOff | RemoveDayOff | MoveDayOff | SuspendHolidays;
export type HolidayCorrection = DatedCorrection | RuleCorrection;

export function isRuleCorrection(entry: HolidayCorrection): entry is RuleCorrection {
  return (
    entry.kind === 'retype' ||
    entry.kind === 'abolish' ||
    entry.kind === 'institute' ||
    entry.kind === 'rerule' ||
    entry.kind === 'substitute'
  );
}

/** The dates a dated entry names (for a suspension: where it starts and ends); a rule names none. */
export function correctionDates(entry: HolidayCorrection): string[] {
  if (isRuleCorrection(entry)) return [];
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

const SOURCE_TH_LPA: CorrectionSource = {
  title:
    'Labour Protection Act B.E. 2541 s.29 (at least 13 traditional holidays incl. National Labour Day; substitute on the next working day); Cabinet in-lieu practice since 2001',
  url: 'https://www.labour.go.th/',
};
const SOURCE_TH_LUNAR: CorrectionSource = {
  title:
    'Buddhist days by the Thai lunar calendar (python-holidays TH lunar calendar); date-holidays lists them only to 2026',
  url: 'https://github.com/vacanza/holidays/blob/dev/holidays/calendars/thai.py',
};
const SOURCE_TW_ACT: CorrectionSource = {
  title:
    'Act on Implementing Memorial Days and Festivals (紀念日及節日實施條例), passed 2025-05-09, promulgated 2025-05-28; DGPA 2026 calendar',
  url: 'https://law.moj.gov.tw/',
};
const SOURCE_MY_2027: CorrectionSource = {
  title:
    'Federal holiday list 2027 (Cabinet Division, JPM; kabinet.gov.my HKA_2027.pdf, cited by python-holidays 0.105)',
  url: 'https://www.kabinet.gov.my/',
};
const SOURCE_CN_795: CorrectionSource = {
  title:
    'State Council Decree No. 795 (2024 revision of the National Holidays Measures, in force 2025-01-01), Art. 2-3',
  url: 'https://www.gov.cn/',
};
const SOURCE_AE: CorrectionSource = {
  title:
    'UAE Cabinet resolutions on unified official holidays for the public and private sectors (since 2019); MoHRE circulars',
  url: 'https://u.ae/en/information-and-services/public-holidays-and-religious-affairs/public-holidays',
};
const SOURCE_NG: CorrectionSource = {
  title: 'Public Holidays Act Cap. P40 (LFN 2004) and FG/Ministry of Interior declarations (e.g. 2016, 2022)',
  url: 'https://interior.gov.ng/',
};
const SOURCE_BG: CorrectionSource = {
  title:
    'Labour Code Art. 154(1)-(2): the first working day(s) after a Saturday or Sunday holiday (but Easter) are off',
  url: 'https://lex.bg/',
};
const SOURCE_RS: CorrectionSource = {
  title:
    'Zakon o državnim i drugim praznicima u Republici Srbiji, Art. 3: a holiday on a Sunday gives the first next working day off',
  url: 'https://www.paragraf.rs/',
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

  // Second batch: 34 contact-center regions beyond the first 40, checked against date-holidays 3.37.0
  // and python-holidays 0.105 (weekday disagreements, 2026-12 .. 2028, high confidence only).
  {
    id: 'th-in-lieu-days',
    region: 'TH',
    kind: 'substitute',
    restDays: [0, 6],
    holidays: 'public',
    label: { en: 'in lieu', th: 'ชดเชย' },
    source: SOURCE_TH_LPA,
    checkedAgainst: VERSION,
  },
  {
    id: 'th-national-labour-day',
    region: 'TH',
    kind: 'institute',
    rule: '05-01',
    name: { en: 'National Labour Day', th: 'วันแรงงานแห่งชาติ' },
    source: SOURCE_TH_LPA,
    checkedAgainst: VERSION,
  },
  {
    id: 'th-2027-2028-makha-bucha',
    region: 'TH',
    kind: 'add',
    dates: ['2027-02-21', '2028-02-10'],
    name: { en: 'Makha Bucha', th: 'วันมาฆบูชา' },
    source: SOURCE_TH_LUNAR,
    checkedAgainst: VERSION,
  },
  {
    id: 'th-2027-2028-visakha-bucha',
    region: 'TH',
    kind: 'add',
    dates: ['2027-05-20', '2028-05-08'],
    name: { en: 'Visakha Bucha', th: 'วันวิสาขบูชา' },
    source: SOURCE_TH_LUNAR,
    checkedAgainst: VERSION,
  },
  {
    id: 'th-2027-2028-asarnha-bucha',
    region: 'TH',
    kind: 'add',
    dates: ['2027-07-18', '2028-07-06'],
    name: { en: 'Asarnha Bucha', th: 'วันอาสาฬหบูชา' },
    source: SOURCE_TH_LUNAR,
    checkedAgainst: VERSION,
  },
  {
    id: 'th-2027-2028-buddhist-lent',
    region: 'TH',
    kind: 'add',
    dates: ['2027-07-19', '2028-07-07'],
    name: { en: 'Buddhist Lent Day', th: 'วันเข้าพรรษา' },
    source: SOURCE_TH_LUNAR,
    checkedAgainst: VERSION,
  },
  {
    id: 'tw-national-days-off-2025',
    region: 'TW',
    kind: 'retype',
    rules: [
      '05-01 and if Saturday then previous Friday if Sunday then next Monday',
      '09-28',
      '10-25',
      '12-25',
    ],
    type: 'public',
    since: 2025,
    source: SOURCE_TW_ACT,
    checkedAgainst: VERSION,
  },
  {
    id: 'tw-little-new-year',
    region: 'TW',
    kind: 'institute',
    rule: '1 day before chinese 01-0-00',
    name: { en: 'Little New Year', zh: '小年夜' },
    since: 2025,
    source: SOURCE_TW_ACT,
    checkedAgainst: VERSION,
  },
  {
    id: 'my-2027-hari-raya-puasa',
    region: 'MY',
    kind: 'move',
    from: '2027-03-09',
    to: '2027-03-11',
    name: { en: 'Hari Raya Puasa', ms: 'Hari Raya Aidilfitri' },
    source: SOURCE_MY_2027,
    checkedAgainst: VERSION,
  },
  {
    id: 'my-2027-hari-raya-haji',
    region: 'MY',
    kind: 'move',
    from: '2027-05-16',
    to: '2027-05-17',
    name: { en: 'Hari Raya Haji', ms: 'Hari Raya Aidiladha' },
    source: SOURCE_MY_2027,
    checkedAgainst: VERSION,
  },
  {
    id: 'my-2027-wesak',
    region: 'MY',
    kind: 'add',
    dates: ['2027-05-20'],
    name: { en: 'Wesak Day', ms: 'Hari Wesak' },
    source: SOURCE_MY_2027,
    checkedAgainst: VERSION,
  },
  {
    id: 'my-2027-maulidur-rasul',
    region: 'MY',
    kind: 'move',
    from: '2027-08-14',
    to: '2027-08-15',
    name: { en: "Prophet Muhammad's Birthday", ms: 'Maulidur Rasul' },
    source: SOURCE_MY_2027,
    checkedAgainst: VERSION,
  },
  {
    // Kedah, Kelantan and Terengganu rest on Friday and Saturday: Sunday is a working day there.
    id: 'my-2027-maulidur-rasul-replacement',
    region: 'MY',
    except: ['MY-02', 'MY-03', 'MY-11'],
    kind: 'add',
    dates: ['2027-08-16'],
    name: { en: "Prophet Muhammad's Birthday (replacement)", ms: 'Cuti Maulidur Rasul (ganti)' },
    source: SOURCE_MY_2027,
    checkedAgainst: VERSION,
  },
  {
    // date-holidays' own states with Thaipusam, which it lists only to 2026.
    id: 'my-2027-thaipusam',
    region: 'MY',
    only: ['MY-01', 'MY-02', 'MY-05', 'MY-07', 'MY-08', 'MY-10', 'MY-14', 'MY-16'],
    kind: 'add',
    dates: ['2027-01-22'],
    name: { en: 'Thaipusam' },
    source: SOURCE_MY_2027,
    checkedAgainst: VERSION,
  },
  {
    // Hari Raya Puasa 2028 is 26-27 or 27-28 Feb: 28 Feb is day 2, or the replacement day.
    id: 'my-2028-hari-raya-puasa-28-feb',
    region: 'MY',
    kind: 'add',
    dates: ['2028-02-28'],
    name: { en: 'Hari Raya Puasa (day 2 or replacement)', ms: 'Hari Raya Aidilfitri' },
    source: {
      title:
        'Holidays Act 1951, the replacement rule for a holiday on a weekly rest day (off whichever date Hari Raya Puasa 2028 takes)',
      url: 'https://www.kabinet.gov.my/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'cn-spring-festival-day-3',
    region: 'CN',
    kind: 'institute',
    rule: 'chinese 01-0-03',
    name: { en: 'Spring Festival', zh: '春节' },
    since: 2025,
    source: SOURCE_CN_795,
    checkedAgainst: VERSION,
  },
  {
    id: 'cn-labour-day-2-may',
    region: 'CN',
    kind: 'institute',
    rule: '05-02',
    name: { en: 'Labour Day', zh: '劳动节' },
    since: 2025,
    source: SOURCE_CN_795,
    checkedAgainst: VERSION,
  },
  {
    id: 'cn-group-holidays',
    region: 'CN',
    kind: 'retype',
    rules: ['06-01', '08-01 12:00'],
    type: 'observance',
    source: {
      title:
        "State Council Decree No. 795 (National Holidays Measures, 2024 revision), Art. 3: Children's Day is a day off for children under 14, Army Day a half day for active servicemen only",
      url: SOURCE_CN_795.url,
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'ae-unified-list-2019',
    region: 'AE',
    kind: 'abolish',
    rules: ['27 Rajab', '1 Ramadan'],
    since: 2019,
    source: SOURCE_AE,
    checkedAgainst: VERSION,
  },
  {
    id: 'ae-arafat-day',
    region: 'AE',
    kind: 'institute',
    rule: '9 Dhu al-Hijjah',
    name: { en: 'Arafat Day', ar: 'يوم عرفة' },
    source: SOURCE_AE,
    checkedAgainst: VERSION,
  },
  {
    id: 'ng-observed-days',
    region: 'NG',
    kind: 'substitute',
    restDays: [0, 6],
    holidays: { only: ['01-01', '10-01', '12-25', '12-26'] },
    label: { en: 'observed' },
    source: SOURCE_NG,
    checkedAgainst: VERSION,
  },
  {
    id: 'ng-childrens-day-pupils',
    region: 'NG',
    kind: 'retype',
    rules: ['05-27'],
    type: 'school',
    source: SOURCE_NG,
    checkedAgainst: VERSION,
  },
  {
    id: 'ng-no-hijri-new-year',
    region: 'NG',
    kind: 'abolish',
    rules: ['1 Muharram'],
    source: SOURCE_NG,
    checkedAgainst: VERSION,
  },
  {
    id: 'bg-weekend-transfer',
    region: 'BG',
    kind: 'substitute',
    restDays: [0, 6],
    holidays: { except: ['orthodox -2', 'orthodox', 'orthodox 1'] },
    label: { en: 'observed', bg: 'почивен ден' },
    source: SOURCE_BG,
    checkedAgainst: VERSION,
  },
  {
    id: 'bg-26-december',
    region: 'BG',
    kind: 'retype',
    rules: ['12-26'],
    type: 'public',
    source: SOURCE_BG,
    checkedAgainst: VERSION,
  },
  {
    id: 'gh-founders-day-2025',
    region: 'GH',
    kind: 'abolish',
    rules: ['08-04 and if Saturday, Sunday then next Monday'],
    since: 2025,
    source: {
      title:
        'Public Holidays and Commemorative Days (Amendment) Act, 2025 (Act 1142): 4 August a commemorative day; Interior Ministry notice 2025-07-31',
      url: 'https://www.mint.gov.gh/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'gt-army-day-2018',
    region: 'GT',
    kind: 'rerule',
    rules: {
      '06-30 if tuesday then previous monday if wednesday,thursday then next friday':
        '06-30 if tuesday,wednesday then previous monday if thursday,friday,saturday,sunday then next monday',
    },
    since: 2018,
    source: {
      title: 'Decreto 19-2018 (reforming Art. 2 of Decreto 42-2010); CC exp. 5536-2018',
      url: 'https://www.congreso.gob.gt/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'cr-culturas-2020',
    region: 'CR',
    kind: 'abolish',
    rules: ['10-12 if monday then previous friday'],
    since: 2020,
    source: {
      title: 'Law 9803 (La Gaceta 159, 2020-07-02): 12 October no longer a holiday',
      url: 'https://www.imprentanacional.go.cr/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'do-constitution-day',
    region: 'DO',
    kind: 'rerule',
    rules: {
      '11-06 if tuesday,wednesday,thursday,friday,saturday then next monday':
        '11-06 if tuesday,wednesday then previous monday if thursday,friday then next monday',
    },
    source: {
      title:
        'Law 139-97 moves a holiday only from Tuesday to Friday; Ministerio de Trabajo notices (2022: Sunday "no se cambia")',
      url: 'https://mt.gob.do/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'rs-plain-dates',
    region: 'RS',
    kind: 'rerule',
    rules: {
      '01-01 if sunday then next tuesday': '01-01',
      '01-02 if sunday then next monday': '01-02',
      '02-15 if sunday then next tuesday': '02-15',
      '02-16 if sunday then next monday': '02-16',
      '05-01 if sunday then next tuesday': '05-01',
      '05-02 if sunday then next monday': '05-02',
      '11-11 if sunday then next monday': '11-11',
    },
    source: SOURCE_RS,
    checkedAgainst: VERSION,
  },
  {
    id: 'rs-sunday-rule',
    region: 'RS',
    kind: 'substitute',
    restDays: [0],
    holidays: { only: ['01-01', '01-02', '02-15', '02-16', '05-01', '05-02', '11-11'] },
    label: { en: 'observed', sr: 'нерадни дан' },
    source: SOURCE_RS,
    checkedAgainst: VERSION,
  },
  {
    id: 'vn-compensatory-day',
    region: 'VN',
    kind: 'substitute',
    restDays: [0],
    holidays: { only: ['01-01', 'vietnamese 3-0-10', '04-30', '05-01', '09-02'] },
    label: { en: 'observed', vi: 'nghỉ bù' },
    source: {
      title: 'Labour Code 45/2019/QH14 Art. 111(3), Art. 112',
      url: 'https://vanban.chinhphu.vn/',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'in-ka-may-day',
    region: 'IN-KA',
    kind: 'institute',
    rule: '05-01',
    name: { en: 'May Day' },
    source: {
      title: 'Karnataka government holiday list (cited by python-holidays)',
      url: 'https://github.com/vacanza/holidays/blob/dev/holidays/countries/india.py',
    },
    checkedAgainst: VERSION,
  },
  {
    id: 'ma-amazigh-new-year',
    region: 'MA',
    kind: 'institute',
    rule: '01-14',
    name: { en: 'Amazigh New Year', ar: 'رأس السنة الأمازيغية', fr: 'Nouvel An amazigh' },
    since: 2024,
    source: {
      title: 'Decree 2.23.1000 amending Decree 2.04.426 (Labour Code Art. 217), adopted 2023-11-23',
      url: 'https://www.sgg.gov.ma/',
    },
    checkedAgainst: VERSION,
  },
];

/**
 * Holidays that neither date-holidays nor this table knows after a year: they come by a yearly
 * list, or by a lunar calendar the library lacks. A calendar that covers a later year without
 * naming days of its own for it (`extraEvents`) gets a warning, never a silent gap.
 */
export interface KnownThrough {
  region: string;
  through: number;
  holidays: string;
}

export const KNOWN_THROUGH: readonly KnownThrough[] = [
  {
    region: 'TH',
    through: 2028,
    holidays:
      'the Buddhist days (Makha Bucha, Visakha Bucha, Asarnha Bucha, Buddhist Lent: date-holidays has no Thai lunar calendar)',
  },
  {
    region: 'MY',
    through: 2027,
    holidays:
      'Wesak Day and Thaipusam, and the Islamic days as the federal list sets them (it comes out around August of the year before)',
  },
];

/** The warnings for the years a calendar covers past what is known of its regions' holidays. */
export function unknownHolidayWarnings(
  regions: readonly string[],
  years: readonly number[],
  yearsWithOwnDays: ReadonlySet<number>,
): string[] {
  return KNOWN_THROUGH.flatMap((known) => {
    const late = years.filter((year) => year > known.through && !yearsWithOwnDays.has(year));
    if (late.length === 0 || !regions.some((region) => appliesTo(known, region))) return [];
    return [
      `${known.region}: ${known.holidays} are known only through ${known.through}, so ${late.join(', ')} lacks them; add them through "extraEvents" (README "Known data corrections")`,
    ];
  });
}

/** Whether an entry for `entryRegion` applies to a calendar region (a country covers its subdivisions). */
export function appliesTo(
  entry: Pick<HolidayCorrection, 'region' | 'except' | 'only'>,
  region: string,
): boolean {
  const within = (code: string) => region === code || region.startsWith(`${code}-`);
  return (
    within(entry.region) &&
    !(entry.except ?? []).some(within) &&
    (entry.only === undefined || entry.only.some(within))
  );
}

/** The entries a calendar uses for one of its regions. */
export function correctionsFor(
  region: string,
  setting: boolean | { skip: readonly string[] },
  table: readonly HolidayCorrection[] = HOLIDAY_CORRECTIONS,
): HolidayCorrection[] {
  if (setting === false) return [];
  const skip = new Set(setting === true ? [] : setting.skip);
  return table.filter((entry) => !skip.has(entry.id) && appliesTo(entry, region));
}

/** Whether an entry touches a year (its dates, or its suspension range). */
export function touchesYear(entry: HolidayCorrection, year: number): boolean {
  if (isRuleCorrection(entry)) return appliesInYear(entry, year);
  if (entry.kind === 'suspend') {
    return entry.from <= `${year}-12-31` && (entry.to === undefined || entry.to >= `${year}-01-01`);
  }
  return correctionDates(entry).some((date) => date.startsWith(`${year}-`));
}

/** Whether a rule is law in a year. */
export function appliesInYear(entry: RuleCorrection, year: number): boolean {
  return entry.since === undefined || year >= entry.since;
}

export function isSuspended(entry: SuspendHolidays, date: string): boolean {
  return date >= entry.from && (entry.to === undefined || date <= entry.to);
}

/** The name of an added day in a language (its base language, else English). */
export function correctionName(entry: AddDayOff | MoveDayOff | InstituteHoliday, language: string): string {
  return nameIn(entry.name, language);
}

export function nameIn(names: HolidayNames, language: string): string {
  return names[language] ?? names[language.split('-')[0] ?? ''] ?? names.en;
}
