import { clock } from '../holidays/day-parts.js';
import { addDays } from '../holidays/local-date.js';
import { wallAt } from '../holidays/zoned-time.js';
import { occasionDays } from '../planner/occasion-days.js';
import { readMarker } from '../planner/ownership-marker.js';
import type { Skill, SpecialOccasion } from '../planner/special-occasion.js';

/**
 * What customers will meet in the next days, from what LivePerson holds (not from the config):
 * the importer's occasions and the account default, hand edits included, with the skills each
 * one serves. Pure: the reads are the caller's.
 */

export { DEFAULT_NOTICE_DAYS, MAX_NOTICE_DAYS } from './notice-window.js';

export interface AffectedSkill {
  skill: string;
  skillId: number;
}

export interface UpcomingClosure {
  calendar: string;
  occasionId: number;
  timeZone: string;
  /** closed: the whole day; reduced: open only in `hours` (LivePerson's windows for the date). */
  kind: 'closed' | 'reduced';
  hours: string[];
  holidays: string[];
  /** The account's default special occasion: it also serves every skill without one of its own. */
  accountDefault: boolean;
  skills: AffectedSkill[];
}

export interface UpcomingDay {
  date: string;
  closures: UpcomingClosure[];
}

export interface UpcomingReport {
  from: string;
  to: string;
  days: number;
  /** The days with a closure or reduced hours, for the notice's subject. */
  count: number;
  subject: string;
  dates: UpcomingDay[];
}

export interface UpcomingRequest {
  now: Date;
  days: number;
  /** The zone whose today starts the window: the schedule's, or the operator's. */
  timeZone: string;
}

/** Today in a zone, yyyy-mm-dd. */
export function todayIn(timeZone: string, now: Date): string {
  return new Date(wallAt(now.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The occasions a notice covers: the importer's and the account default, whoever made it. */
export function noticedOccasions(occasions: readonly SpecialOccasion[]): SpecialOccasion[] {
  return occasions.filter(
    (occasion) => !occasion.deleted && (occasion.isDefault || readMarker(occasion.description) !== undefined),
  );
}

/** The skills an occasion serves: those linked to it, and for the default those linked to none. */
export function skillsServedBy(
  occasion: SpecialOccasion,
  skills: readonly Skill[],
  occasionIds: ReadonlySet<number>,
): AffectedSkill[] {
  return skills
    .filter((skill) => !skill.deleted)
    .filter((skill) => {
      const linked = skill.specialOccasionId ?? undefined;
      if (linked === occasion.id) return true;
      // A skill linked to an occasion that no longer exists follows the default too.
      return occasion.isDefault && (linked === undefined || !occasionIds.has(linked));
    })
    .map((skill) => ({ skill: skill.name, skillId: skill.id }))
    .sort((a, b) => a.skill.localeCompare(b.skill) || a.skillId - b.skillId);
}

/**
 * The dates from today (in the request's zone) for `days` days on which an occasion closes or
 * reduces the hours. LivePerson's rule decides a date: a not-working window closes it; otherwise
 * its working windows are the day's only hours.
 */
export function upcomingClosures(
  occasions: readonly SpecialOccasion[],
  skills: readonly Skill[],
  request: UpcomingRequest,
): UpcomingReport {
  const from = todayIn(request.timeZone, request.now);
  const to = addDays(from, request.days - 1);
  const noticed = noticedOccasions(occasions);
  const ids = new Set(occasions.filter((occasion) => !occasion.deleted).map((occasion) => occasion.id));
  const byDate = new Map<string, UpcomingClosure[]>();
  for (const occasion of noticed) {
    const days = occasionDays(occasion.events).filter((day) => day.date >= from && day.date <= to);
    if (days.length === 0) continue;
    const served = skillsServedBy(occasion, skills, ids);
    const timeZone = occasion.events[0]?.start.timeZone ?? '';
    for (const day of days) {
      const closure: UpcomingClosure = {
        calendar: occasion.name,
        occasionId: occasion.id,
        timeZone,
        kind: day.kind,
        hours: day.hours.map((interval) => `${clock(interval.from)}-${clock(interval.to)}`),
        holidays: day.holidays,
        accountDefault: occasion.isDefault,
        skills: served,
      };
      byDate.set(day.date, [...(byDate.get(day.date) ?? []), closure]);
    }
  }
  const dates = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, closures]) => ({
      date,
      closures: closures.sort((a, b) => a.calendar.localeCompare(b.calendar) || a.occasionId - b.occasionId),
    }));
  return {
    from,
    to,
    days: request.days,
    count: dates.length,
    subject: noticeSubject(from, to, dates.length),
    dates,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function dayMonth(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** "Contact center closures 30 Nov - 13 Dec 2026: 2 days" (both years when the span crosses one). */
export function noticeSubject(from: string, to: string, count: number): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const span = `${dayMonth(from)}${sameYear ? '' : ` ${from.slice(0, 4)}`} - ${dayMonth(to)} ${to.slice(0, 4)}`;
  return `Contact center closures ${span}: ${count} ${count === 1 ? 'day' : 'days'}`;
}

/** The notice's text: one paragraph per date, each closure with its calendar, hours and skills. */
export function formatUpcoming(report: UpcomingReport): string {
  if (report.count === 0) {
    return `No closures or reduced hours from ${dayMonth(report.from)} to ${dayMonth(report.to)} ${report.to.slice(0, 4)}.\n`;
  }
  const lines = [report.subject, ''];
  for (const day of report.dates) {
    const weekday = WEEKDAYS[new Date(`${day.date}T00:00:00Z`).getUTCDay()];
    lines.push(`${weekday} ${dayMonth(day.date)} ${day.date.slice(0, 4)}`);
    for (const closure of day.closures) {
      const hours = closure.kind === 'closed' ? 'closed all day' : `open only ${closure.hours.join(', ')}`;
      const holidays = closure.holidays.join(', ');
      lines.push(`  ${closure.calendar} (${closure.timeZone}): ${hours}; ${holidays}`);
      const skills = closure.skills.map((skill) => skill.skill).join(', ');
      const followers = closure.accountDefault
        ? ' (the account default: every skill without an occasion of its own)'
        : '';
      lines.push(`    skills: ${skills || 'none linked'}${followers}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A notice cut to `maxBytes` of UTF-8 at a line's end (SNS takes 256 KiB), saying how to see the rest.
 */
export function boundNotice(text: string, maxBytes = 250_000): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const note =
    '\n... cut here: the message is too long for one notice. The whole list: npx holiday-importer upcoming\n';
  const lines = text.split('\n');
  let kept = '';
  for (const line of lines) {
    if (Buffer.byteLength(`${kept}${line}\n`) + Buffer.byteLength(note) > maxBytes) break;
    kept += `${line}\n`;
  }
  return `${kept}${note}`;
}
