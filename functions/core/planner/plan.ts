import { quoteBounded } from '../bounded-text.js';
import type { SkillReference } from '../config/config-schema.js';
import type { HalfDay } from '../holidays/calendar-events.js';
import type { Interval } from '../holidays/day-parts.js';
import { eventKey, eventLastDate, eventYear, fingerprintEvents, sortEvents } from './canonical-events.js';
import { type HalfDayNote, hoursSources, resolveHalfDays } from './half-days.js';
import { formatMarkedDescription, readMarker } from './ownership-marker.js';
import type {
  Skill,
  SpecialOccasion,
  SpecialOccasionDraft,
  SpecialOccasionEvent,
} from './special-occasion.js';
import type { Workdays } from './working-hours.js';

/**
 * The planner compares what the config wants with what LivePerson holds and decides, per
 * calendar and per skill, what to write. It never decides to write an object the importer does
 * not own, and it keeps every event outside the run's years as it found it.
 */

/** One calendar as the run wants it. */
export interface DesiredCalendar {
  name: string;
  /** The IANA zone the events are written in. */
  timeZone: string;
  /** The description without the ownership marker. */
  description: string;
  /** The years this run recomputes; events of other years are kept. */
  years: readonly number[];
  /** The canonical events of those years, half days aside. */
  events: readonly SpecialOccasionEvent[];
  /** Days of those years closed only in part: their hours come from the account's Workdays. */
  halfDays: readonly HalfDay[];
  /**
   * The canonical events of the other years the existing object holds (known after a read): what
   * drift is measured against, and what `force` writes for those years.
   */
  heldEvents: readonly SpecialOccasionEvent[];
  heldHalfDays: readonly HalfDay[];
  /** Its occasion is the account's default special occasion. */
  accountDefault: boolean;
  /** The config's fixed hours (`opensAt`..`closesAt`), for a calendar without Workdays to follow. */
  fixedHours?: Interval | undefined;
  /** Events whose last day is before this date (YYYY-MM-DD) are pruned. */
  pruneBefore: string;
  skills: readonly SkillReference[];
  adopt: boolean;
  /** Things a person should know that change nothing (an `exclude` name that matches nothing). */
  warnings?: readonly string[];
  /** Ids of the date-holidays corrections used in the run's years. */
  corrections?: readonly string[];
}

/** What LivePerson holds: the collections, read once with `select=$all`. */
export interface AccountState {
  occasions: readonly SpecialOccasion[];
  skills: readonly Skill[];
  /** The Workdays objects; read only when a calendar has half days. */
  workdays?: readonly Workdays[] | undefined;
}

export interface PlanOptions {
  /** Overwrite hand edits (drift) and relink skills held by foreign occasions. */
  force: boolean;
}

export type OccasionAction = 'create' | 'update' | 'unchanged' | 'drift' | 'conflict' | 'failed';

export interface OccasionPlan {
  action: OccasionAction;
  occasionId?: number;
  /** The whole object to send (POST for create, PUT for update); absent when nothing is written. */
  write?: SpecialOccasion | SpecialOccasionDraft;
  /** For create/update: what the write changes. For drift: what `force` would change. */
  eventsAdded: SpecialOccasionEvent[];
  eventsRemoved: SpecialOccasionEvent[];
  /** Events in the object after the run (or now, when nothing is written). */
  events: number;
  reason?: string;
}

export type SkillAction = 'link' | 'unchanged' | 'conflict' | 'missing' | 'failed';

export interface SkillPlan {
  /** The reference as the config gives it: a name or an id. */
  ref: SkillReference;
  action: SkillAction;
  skill?: Skill;
  reason?: string;
}

export interface CalendarPlan extends OccasionPlan {
  name: string;
  skills: SkillPlan[];
  warnings?: readonly string[];
  corrections?: readonly string[];
  /** The run years' half days: the hours written and the Workdays they came from. */
  halfDays?: readonly HalfDayNote[];
}

export interface OrphanPlan {
  name: string;
  occasionId: number;
  events: number;
}

export interface RunPlan {
  calendars: CalendarPlan[];
  orphaned: OrphanPlan[];
  /** The account's default special occasion as read (none: absent). */
  accountDefault?: { name: string; occasionId: number; importer: boolean };
}

function isPruned(event: SpecialOccasionEvent, pruneBefore: string): boolean {
  return eventLastDate(event) < pruneBefore;
}

/** Events present in `next` but not in `current`, compared by their canonical form. */
export function diffEvents(
  current: readonly SpecialOccasionEvent[],
  next: readonly SpecialOccasionEvent[],
): { added: SpecialOccasionEvent[]; removed: SpecialOccasionEvent[] } {
  const currentKeys = new Set(current.map(eventKey));
  const nextKeys = new Set(next.map(eventKey));
  return {
    added: sortEvents(next.filter((event) => !currentKeys.has(eventKey(event)))),
    removed: sortEvents(current.filter((event) => !nextKeys.has(eventKey(event)))),
  };
}

/** The object's events after the run: other years kept as they are, the run's years replaced, old ones pruned. */
export function mergeEvents(
  current: readonly SpecialOccasionEvent[],
  desired: Pick<DesiredCalendar, 'years' | 'events' | 'pruneBefore'>,
): SpecialOccasionEvent[] {
  const years = new Set(desired.years);
  const kept = current.filter((event) => !years.has(eventYear(event)));
  return sortEvents([...kept, ...desired.events].filter((event) => !isPruned(event, desired.pruneBefore)));
}

/** Decides create / update / unchanged / drift / conflict for one calendar's special occasion. */
export function planOccasion(
  desired: DesiredCalendar,
  occasions: readonly SpecialOccasion[],
  options: PlanOptions,
  index: Pick<AccountIndex, 'occasionByName'> = indexAccount({ occasions, skills: [] }),
): OccasionPlan {
  const existing = index.occasionByName.get(desired.name);
  const otherDefault = desired.accountDefault
    ? occasions.find((item) => !item.deleted && item.isDefault && item.name !== desired.name)
    : undefined;
  if (otherDefault && !readMarker(otherDefault.description) && !options.force) {
    return {
      ...(existing ? { occasionId: existing.id } : {}),
      action: 'conflict',
      eventsAdded: [],
      eventsRemoved: [],
      events: existing?.events.length ?? 0,
      reason: `the account's default special occasion is ${quoteBounded(otherDefault.name)} (${otherDefault.id}), which the importer does not own; making this calendar the default ("accountDefault": true) would replace it, since an account has one default: run with force to take it over`,
    };
  }
  if (!existing) {
    const events = mergeEvents([], desired);
    const write: SpecialOccasionDraft = {
      name: desired.name,
      description: formatMarkedDescription(desired.description, fingerprintEvents(events)),
      deleted: false,
      isDefault: desired.accountDefault,
      events,
    };
    return { action: 'create', write, eventsAdded: events, eventsRemoved: [], events: events.length };
  }

  const marker = readMarker(existing.description);
  const base = { occasionId: existing.id, events: existing.events.length };
  if (!marker && !desired.adopt) {
    return {
      ...base,
      action: 'conflict',
      eventsAdded: [],
      eventsRemoved: [],
      reason: `a special occasion named "${desired.name}" exists without the importer's marker; it belongs to someone else (set "adopt": true on the calendar to take it over)`,
    };
  }

  const odd = existing.oddEvents?.length ?? 0;
  if (!marker && odd > 0) {
    return {
      ...base,
      action: 'conflict',
      eventsAdded: [],
      eventsRemoved: [],
      reason: `"${desired.name}" holds ${odd} event(s) that are not of LivePerson's documented shape; fix them by hand before adopting it`,
    };
  }
  const drifted =
    marker !== undefined && (odd > 0 || marker.fingerprint !== fingerprintEvents(existing.events));
  let next: SpecialOccasionEvent[];
  if (drifted) {
    // Measured against every year the object holds, so a hand edit in any year shows, and force
    // leaves every year as the config says.
    const forced = sortEvents(
      [...desired.events, ...desired.heldEvents].filter((event) => !isPruned(event, desired.pruneBefore)),
    );
    if (!options.force) {
      const { added, removed } = diffEvents(existing.events, forced);
      return {
        ...base,
        action: 'drift',
        eventsAdded: added,
        eventsRemoved: removed,
        reason: `its events were edited outside the importer since the last import${odd > 0 ? ` (${odd} of them not of LivePerson's documented shape)` : ''}; review them and run with force to overwrite`,
      };
    }
    next = forced;
  } else {
    next = mergeEvents(existing.events, desired);
  }
  const { added, removed } = diffEvents(existing.events, next);

  const description = formatMarkedDescription(desired.description, fingerprintEvents(next));
  if (
    marker &&
    !drifted &&
    added.length === 0 &&
    removed.length === 0 &&
    description === existing.description &&
    (!desired.accountDefault || existing.isDefault === true)
  ) {
    return { ...base, action: 'unchanged', eventsAdded: [], eventsRemoved: [] };
  }
  // Odd events are never sent back: force replaces them, and they are not part of the wire object.
  const { oddEvents: _odd, ...wire } = existing;
  const write: SpecialOccasion = {
    ...wire,
    name: desired.name,
    description,
    deleted: false,
    // Only a calendar that asks for it sets the default; a default set by hand is left as it is.
    ...(desired.accountDefault ? { isDefault: true } : {}),
    events: next,
  };
  return {
    ...base,
    action: 'update',
    write,
    eventsAdded: added,
    eventsRemoved: removed,
    events: next.length,
  };
}

/**
 * What LivePerson holds, looked up by id and by name: built once per plan, so planning many
 * calendars costs one pass over each collection, not one per calendar.
 */
export interface AccountIndex {
  occasionByName: ReadonlyMap<string, SpecialOccasion>;
  occasionById: ReadonlyMap<number, SpecialOccasion>;
  skillById: ReadonlyMap<number, Skill>;
  skillByName: ReadonlyMap<string, Skill>;
  /** Live skills by lower-cased name; a name several skills share case-insensitively is ambiguous. */
  skillsByFoldedName: ReadonlyMap<string, readonly Skill[]>;
}

export function indexAccount(state: AccountState): AccountIndex {
  const occasionByName = new Map<string, SpecialOccasion>();
  const occasionById = new Map<number, SpecialOccasion>();
  for (const occasion of state.occasions) {
    occasionById.set(occasion.id, occasion);
    if (!occasion.deleted && !occasionByName.has(occasion.name)) occasionByName.set(occasion.name, occasion);
  }
  const skillById = new Map<number, Skill>();
  const skillByName = new Map<string, Skill>();
  const skillsByFoldedName = new Map<string, Skill[]>();
  for (const skill of state.skills) {
    if (skill.deleted) continue;
    skillById.set(skill.id, skill);
    if (!skillByName.has(skill.name)) skillByName.set(skill.name, skill);
    const folded = skill.name.toLowerCase();
    const list = skillsByFoldedName.get(folded);
    if (list) list.push(skill);
    else skillsByFoldedName.set(folded, [skill]);
  }
  return { occasionByName, occasionById, skillById, skillByName, skillsByFoldedName };
}

function findSkill(ref: SkillReference, index: AccountIndex): Skill | undefined {
  if (typeof ref === 'number') return index.skillById.get(ref);
  const exact = index.skillByName.get(ref);
  if (exact) return exact;
  const folded = index.skillsByFoldedName.get(ref.toLowerCase()) ?? [];
  return folded.length === 1 ? folded[0] : undefined;
}

const BLOCKED_LINKS: Partial<Record<OccasionAction, { action: SkillAction; reason: string }>> = {
  failed: { action: 'failed', reason: "not linked: the calendar's special occasion was not written" },
  conflict: { action: 'conflict', reason: "the calendar's special occasion is not the importer's" },
};

/**
 * Decides, per skill, whether to link it to the calendar's occasion. A skill held by an
 * occasion the importer does not own is left alone unless `force`.
 */
export function planSkillLinks(
  refs: readonly SkillReference[],
  occasion: OccasionPlan,
  state: AccountState,
  claimed: Set<number>,
  options: PlanOptions,
  index: AccountIndex = indexAccount(state),
): SkillPlan[] {
  return refs.map((ref): SkillPlan => {
    const skill = findSkill(ref, index);
    if (!skill) {
      return {
        ref,
        action: 'missing',
        reason: `no skill ${typeof ref === 'number' ? `with id ${ref}` : `named "${ref}"`} exists in the account`,
      };
    }
    if (claimed.has(skill.id)) {
      return { ref, skill, action: 'conflict', reason: 'another calendar of this run links the same skill' };
    }
    claimed.add(skill.id);
    const currentId = skill.specialOccasionId ?? undefined;
    if (occasion.occasionId !== undefined && currentId === occasion.occasionId) {
      return { ref, skill, action: 'unchanged' };
    }
    // A calendar whose occasion is not written, or not the importer's, links nothing.
    const blocked = BLOCKED_LINKS[occasion.action];
    if (blocked) return { ref, skill, ...blocked };
    const current = currentId ? index.occasionById.get(currentId) : undefined;
    if (current && !current.deleted && !readMarker(current.description) && !options.force) {
      return {
        ref,
        skill,
        action: 'conflict',
        reason: `linked to special occasion "${current.name}" (${current.id}), which the importer does not own; run with force to relink`,
      };
    }
    return { ref, skill, action: 'link' };
  });
}

/** A calendar with its half days resolved against the account's hours, or why it cannot be. */
function withHalfDays(
  calendar: DesiredCalendar,
  state: AccountState,
  index: AccountIndex,
): { calendar: DesiredCalendar; notes: HalfDayNote[]; warnings: string[] } | { failure: string } {
  if (calendar.halfDays.length === 0 && calendar.heldHalfDays.length === 0) {
    return { calendar, notes: [], warnings: [] };
  }
  if (!state.workdays) throw new Error(`Workdays were not read, yet "${calendar.name}" has half days`);
  const skills = [
    ...new Map(
      calendar.skills.flatMap((ref) => {
        const skill = findSkill(ref, index);
        return skill ? [[skill.id, skill] as const] : [];
      }),
    ).values(),
  ];
  const found = hoursSources(
    {
      name: calendar.name,
      timeZone: calendar.timeZone,
      skills,
      accountDefault: calendar.accountDefault,
      fixedHours: calendar.fixedHours,
    },
    state.workdays,
  );
  if ('failure' in found) return found;
  const run = resolveHalfDays(calendar.halfDays, found.sources, calendar.timeZone);
  if ('failure' in run) return run;
  const held = resolveHalfDays(calendar.heldHalfDays, found.sources, calendar.timeZone);
  if ('failure' in held) return held;
  return {
    calendar: {
      ...calendar,
      events: sortEvents([...calendar.events, ...run.events]),
      heldEvents: sortEvents([...calendar.heldEvents, ...held.events]),
      halfDays: [],
      heldHalfDays: [],
    },
    notes: run.notes,
    warnings: found.warnings,
  };
}

/** Whether planning these calendars needs the account's Workdays. */
export function needsWorkdays(desired: readonly DesiredCalendar[]): boolean {
  return desired.some((calendar) => calendar.halfDays.length > 0 || calendar.heldHalfDays.length > 0);
}

/** Plans a whole run. `configNames` are every calendar of the config, filtered or not. */
export function planRun(
  desired: readonly DesiredCalendar[],
  state: AccountState,
  options: PlanOptions,
  configNames: readonly string[] = desired.map((calendar) => calendar.name),
): RunPlan {
  const claimed = new Set<number>();
  const index = indexAccount(state);
  const calendars = desired.map((wanted): CalendarPlan => {
    const resolved = withHalfDays(wanted, state, index);
    const existing = index.occasionByName.get(wanted.name);
    const occasion: OccasionPlan =
      'failure' in resolved
        ? {
            ...(existing ? { occasionId: existing.id } : {}),
            action: 'failed',
            eventsAdded: [],
            eventsRemoved: [],
            events: existing?.events.length ?? 0,
            reason: resolved.failure,
          }
        : planOccasion(resolved.calendar, state.occasions, options, index);
    const warnings = [...(wanted.warnings ?? []), ...('failure' in resolved ? [] : resolved.warnings)];
    const notes = 'failure' in resolved ? [] : resolved.notes;
    return {
      name: wanted.name,
      ...occasion,
      skills: planSkillLinks(wanted.skills, occasion, state, claimed, options, index),
      ...(warnings.length ? { warnings } : {}),
      ...(wanted.corrections?.length ? { corrections: wanted.corrections } : {}),
      ...(notes.length ? { halfDays: notes } : {}),
    };
  });
  const names = new Set(configNames);
  const orphaned = state.occasions
    .filter((occasion) => !occasion.deleted && !names.has(occasion.name) && readMarker(occasion.description))
    .map((occasion) => ({ name: occasion.name, occasionId: occasion.id, events: occasion.events.length }));
  const current = state.occasions.find((occasion) => !occasion.deleted && occasion.isDefault);
  return {
    calendars,
    orphaned,
    ...(current
      ? {
          accountDefault: {
            name: current.name,
            occasionId: current.id,
            importer: readMarker(current.description) !== undefined,
          },
        }
      : {}),
  };
}
