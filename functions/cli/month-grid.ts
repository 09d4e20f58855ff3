import { addDays, daysBetween, weekday } from '../core/holidays/local-date.js';
import { eventLastDate } from '../core/planner/canonical-events.js';
import type { CalendarPreview } from '../core/planner/preview.js';
import type { SpecialOccasionEvent } from '../core/planner/special-occasion.js';
import type { Palette } from './palette.js';

export { ANSI, type Palette, PLAIN } from './palette.js';

/**
 * Text rendering of a calendar's events: a year as a grid of months (closed days and reduced
 * days marked) and a list. Pure: colours are chosen by the caller.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const CELL = 3;
const MONTH_WIDTH = 7 * CELL;

type DayMark = 'closed' | 'partial' | 'corrected';

function isWholeDay(event: SpecialOccasionEvent): boolean {
  const start = event.start.dateTime.slice(11);
  const end = event.end.dateTime.slice(11);
  return (
    (start === '' || start === '00:00:00') && (end === '' || end.startsWith('23:59') || end === '00:00:00')
  );
}

/** Every date an event covers with its mark; closed all day beats a partial day. */
export function dayMarks(events: readonly SpecialOccasionEvent[]): Map<string, DayMark> {
  const marks = new Map<string, DayMark>();
  for (const event of events) {
    const mark: DayMark = !event.meta.working && isWholeDay(event) ? 'closed' : 'partial';
    const first = event.start.dateTime.slice(0, 10);
    const days = daysBetween(first, eventLastDate(event)) + 1;
    for (let index = 0; index < days; index++) {
      const date = addDays(first, index);
      if (marks.get(date) !== 'closed') marks.set(date, mark);
    }
  }
  return marks;
}

function dayCell(day: number, mark: DayMark | undefined, palette: Palette): string {
  const number = String(day).padStart(2, ' ');
  if (mark === 'closed') return palette.closed(`${number}*`);
  if (mark === 'partial') return palette.partial(`${number}~`);
  if (mark === 'corrected') return palette.partial(`${number}!`);
  return `${number} `;
}

function monthLines(year: number, month: number, marks: Map<string, DayMark>, palette: Palette): string[] {
  const title = `${MONTHS[month]} ${year}`;
  const pad = Math.floor((MONTH_WIDTH - title.length) / 2);
  const lines = [palette.heading(`${' '.repeat(pad)}${title}`), 'Mo Tu We Th Fr Sa Su'];
  const first = `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const offset = (weekday(first) + 6) % 7;
  let line = ' '.repeat(offset * CELL);
  for (let day = 1; day <= 31; day++) {
    const date = addDays(first, day - 1);
    if (Number(date.slice(5, 7)) !== month + 1) break;
    line += dayCell(day, marks.get(date), palette);
    if ((offset + day) % 7 === 0) {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Visible length, ignoring ANSI colour codes. */
function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
  return text.replace(/\x1b\[[0-9;]*m/g, '').length;
}

export function renderYearGrid(
  year: number,
  events: readonly SpecialOccasionEvent[],
  palette: Palette,
  corrected: ReadonlySet<string> = new Set(),
  halfDays: readonly string[] = [],
): string {
  const marks = dayMarks(events);
  for (const date of halfDays) if (!marks.has(date)) marks.set(date, 'partial');
  // Days the corrections table changed (closed or opened against date-holidays) stand out.
  for (const date of corrected) marks.set(date, 'corrected');
  const rows: string[] = [];
  for (let quarter = 0; quarter < 4; quarter++) {
    const months = [0, 1, 2].map((index) => monthLines(year, quarter * 3 + index, marks, palette));
    const height = Math.max(...months.map((lines) => lines.length));
    for (let row = 0; row < height; row++) {
      rows.push(
        months
          .map((lines) => {
            const text = lines[row] ?? '';
            return text + ' '.repeat(Math.max(0, MONTH_WIDTH - visibleLength(text)));
          })
          .join('   ')
          .trimEnd(),
      );
    }
    rows.push('');
  }
  return rows.join('\n');
}

export function describeEvent(event: SpecialOccasionEvent): string {
  const first = event.start.dateTime.slice(0, 10);
  const last = eventLastDate(event);
  const day = (date: string) => `${WEEKDAYS[weekday(date)]} ${date}`;
  const when = last === first ? day(first).padEnd(27) : `${day(first)} .. ${day(last)}`.padEnd(27);
  const what = isWholeDay(event)
    ? event.meta.working
      ? 'open all day'
      : 'closed all day'
    : `${event.meta.working ? 'open' : 'closed'} ${event.start.dateTime.slice(11, 16)}-${event.end.dateTime.slice(11, 16)}`;
  return `${when} ${what.padEnd(17)} ${event.meta.name}`;
}

export const LEGEND =
  'Legend: 25* closed all day   24~ reduced hours or partly closed   16! corrected (date-holidays is wrong here; see "corrected:")   other days: normal hours';

export function renderCalendarPreview(
  preview: Pick<CalendarPreview, 'name' | 'timeZone' | 'years' | 'events'> &
    Partial<Pick<CalendarPreview, 'halfDays'>>,
  palette: Palette,
  corrected: ReadonlySet<string> = new Set(),
): string {
  const parts = [palette.heading(`${preview.name}  (${preview.timeZone})`), ''];
  for (const year of preview.years) {
    const events = preview.events.filter((event) => event.start.dateTime.startsWith(`${year}-`));
    const halfDays = (preview.halfDays ?? []).filter((half) => half.date.startsWith(`${year}-`));
    parts.push(
      renderYearGrid(
        year,
        events,
        palette,
        corrected,
        halfDays.map((half) => half.date),
      ),
    );
    const lines = [
      ...events.map((event) => ({ date: event.start.dateTime, text: describeEvent(event) })),
      ...halfDays.map((half) => ({
        date: half.date,
        text: `${`${WEEKDAYS[weekday(half.date)]} ${half.date}`.padEnd(27)} ${half.hours.padEnd(17)} ${half.name}`,
      })),
    ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    parts.push(
      `${events.length} events in ${year}${halfDays.length > 0 ? ` and ${halfDays.length} half day(s) on the skills' Workdays hours` : ''}:`,
    );
    parts.push(...lines.map((line) => `  ${line.text}`));
    parts.push('');
  }
  return parts.join('\n');
}
