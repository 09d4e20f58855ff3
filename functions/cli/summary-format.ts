import { weekday } from '../core/holidays/local-date.js';
import {
  FAILED_CALENDAR_ACTIONS,
  FAILED_SKILL_ACTIONS,
  REVIEW_CALENDAR_ACTIONS,
  REVIEW_SKILL_ACTIONS,
} from '../core/summary/run-outcome.js';
import type { CalendarSummary, EventLine, RunSummary, SkillSummary } from '../core/summary/run-summary.js';
import type { Palette } from './month-grid.js';

/** The run summary as a person reads it: a diff per calendar and the skill links. Pure. */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const PLANNED: Record<CalendarSummary['action'], string> = {
  created: 'create',
  updated: 'update',
  unchanged: 'unchanged',
  drift: 'DRIFT',
  conflict: 'CONFLICT',
  orphaned: 'orphaned',
  failed: 'FAILED',
};
const DONE: Record<CalendarSummary['action'], string> = {
  ...PLANNED,
  created: 'created',
  updated: 'updated',
};
const SKILL_PLANNED: Record<SkillSummary['action'], string> = {
  linked: 'link',
  unchanged: 'already linked',
  conflict: 'CONFLICT',
  missing: 'MISSING',
  failed: 'FAILED',
};
const SKILL_DONE: Record<SkillSummary['action'], string> = { ...SKILL_PLANNED, linked: 'linked' };

export function formatEventLine(line: EventLine): string {
  const day = (date: string) => `${WEEKDAYS[weekday(date)]} ${date}`;
  const when = line.until ? `${day(line.date)} .. ${day(line.until)}` : day(line.date);
  const hours = line.from
    ? `${line.working ? 'open' : 'closed'} ${line.from}-${line.to}`
    : line.working
      ? 'open all day'
      : 'closed all day';
  return `${when.padEnd(27)} ${hours.padEnd(17)} ${line.name}`;
}

function formatCalendar(calendar: CalendarSummary, dryRun: boolean, palette: Palette): string[] {
  const verb = (dryRun ? PLANNED : DONE)[calendar.action];
  const attention = [...FAILED_CALENDAR_ACTIONS, ...REVIEW_CALENDAR_ACTIONS].includes(calendar.action);
  const id = calendar.occasionId === undefined ? '' : ` #${calendar.occasionId}`;
  const counts =
    calendar.action === 'created' || calendar.action === 'updated' || calendar.action === 'drift'
      ? ` (+${calendar.eventsAdded} -${calendar.eventsRemoved} events, ${calendar.events} in all)`
      : ` (${calendar.events} events)`;
  const lines = [
    `${palette.heading(calendar.name)}${id}  ${attention ? palette.closed(verb) : verb}${counts}`,
  ];
  if (calendar.error) lines.push(`    ${calendar.error}`);
  for (const warning of calendar.warnings ?? []) lines.push(`    warning: ${warning}`);
  if (calendar.corrections?.length) lines.push(`    corrections: ${calendar.corrections.join(', ')}`);
  for (const half of calendar.halfDays ?? []) {
    const day = `${WEEKDAYS[weekday(half.date)]} ${half.date}`;
    lines.push(`    half day ${day} ${half.name}: ${half.hours}  (from ${half.from})`);
  }
  if (calendar.changes) {
    if (calendar.action === 'drift') lines.push('    with --force:');
    for (const removed of calendar.changes.removed) lines.push(`  - ${formatEventLine(removed)}`);
    for (const added of calendar.changes.added) lines.push(`  + ${formatEventLine(added)}`);
  }
  for (const skill of calendar.skills) {
    const label = typeof skill.skill === 'number' ? `skill ${skill.skill}` : `skill "${skill.skill}"`;
    const id = skill.skillId !== undefined && typeof skill.skill !== 'number' ? ` (#${skill.skillId})` : '';
    const action = (dryRun ? SKILL_PLANNED : SKILL_DONE)[skill.action];
    const flagged = [...FAILED_SKILL_ACTIONS, ...REVIEW_SKILL_ACTIONS].includes(skill.action)
      ? palette.closed(action)
      : action;
    lines.push(
      `    ${label}${id}: ${flagged}${skill.error && skill.action !== 'linked' ? ` - ${skill.error}` : ''}`,
    );
  }
  return lines;
}

export function formatSummary(summary: RunSummary, palette: Palette): string {
  const title = summary.dryRun ? 'Plan (dry run, nothing written)' : 'Applied';
  const lines = [`${title}: years ${summary.years.join(', ')}`];
  if (summary.accountDefault) {
    const { name, occasionId, importer } = summary.accountDefault;
    lines.push(
      `Account default special occasion: "${name}" #${occasionId}${importer ? " (the importer's)" : " (not the importer's)"}`,
    );
  }
  lines.push('');
  for (const calendar of summary.calendars)
    lines.push(...formatCalendar(calendar, summary.dryRun, palette), '');
  const { GET, POST, PUT, DELETE } = summary.requests;
  lines.push(`LivePerson requests: ${GET} GET, ${POST} POST, ${PUT} PUT, ${DELETE} DELETE`);
  if (summary.incomplete) {
    lines.push(
      'The run stopped before it finished (incomplete; each calendar says why); the next run converges.',
    );
  }
  return `${lines.join('\n')}\n`;
}
