import type { SkillReference } from '../core/config/config-schema.js';
import { fingerprintEvents } from '../core/planner/canonical-events.js';
import { readMarker } from '../core/planner/ownership-marker.js';
import type { AccountState, CalendarPlan, RunPlan } from '../core/planner/plan.js';
import type { SpecialOccasion, SpecialOccasionDraft } from '../core/planner/special-occasion.js';
import type { CalendarOutcome, SkillOutcome } from '../core/summary/run-summary.js';

/** A write whose outcome the next read decides: its answer was lost, or it may have clashed. */
export interface PendingOccasionWrite {
  calendar: CalendarPlan;
  write: SpecialOccasion | SpecialOccasionDraft;
  /** Why it is pending, for the audit line. */
  reason: string;
  /** What to report when the re-read shows the object is not there (a create LivePerson refused). */
  refusal?: string;
  /** The write was answered but its answer did not show it stored: unless the re-read does, it failed. */
  unconfirmed?: string;
  /**
   * LivePerson refused the write (409, 400): it did not take, so an object that holds what was
   * sent was written by someone else (another run) and is not reported as this run's write.
   */
  refused?: boolean;
}

export interface PendingLink {
  calendar: string;
  ref: SkillReference;
  skillId: number;
  target: number;
  reason: string;
  unconfirmed?: string;
  /** As for occasions: a refused PUT did not link, whatever the read shows. */
  refused?: boolean;
}

export type Audit = (action: string, details: Record<string, unknown>) => void;

/**
 * What a run did across its reconcile rounds: the writes that took (and are reported even when a
 * later plan finds nothing left to do), the ones that failed, and the ones whose outcome the next
 * read of LivePerson settles.
 */
export class RunLedger {
  private readonly occasions = new Map<string, CalendarOutcome>();
  private readonly skills = new Map<string, Map<SkillReference, SkillOutcome>>();
  private readonly pendingOccasions = new Map<string, PendingOccasionWrite>();
  private readonly pendingLinks = new Map<number, PendingLink>();
  /** The last error of a write that stayed unsettled: what a run that gives up reports. */
  private readonly lastErrors = new Map<string, string>();
  incomplete = false;

  outcome(calendar: string): CalendarOutcome | undefined {
    return this.occasions.get(calendar);
  }

  skillOutcomes(calendar: string): ReadonlyMap<SkillReference, SkillOutcome> {
    return this.skills.get(calendar) ?? new Map();
  }

  failed(calendar: string): boolean {
    return this.occasions.get(calendar)?.error !== undefined;
  }

  linkFailed(calendar: string, ref: SkillReference): boolean {
    return this.skills.get(calendar)?.get(ref)?.action === 'failed';
  }

  hasPending(): boolean {
    return this.pendingOccasions.size > 0 || this.pendingLinks.size > 0;
  }

  written(calendar: CalendarPlan, stored: { id: number; events: readonly unknown[] }): void {
    this.occasions.set(calendar.name, {
      action: calendar.action,
      occasionId: stored.id,
      eventsAdded: calendar.eventsAdded,
      eventsRemoved: calendar.eventsRemoved,
      events: stored.events.length,
    });
  }

  fail(calendar: string, error: string): void {
    this.occasions.set(calendar, { ...this.occasions.get(calendar), error });
  }

  linked(calendar: string, ref: SkillReference): void {
    this.skillMap(calendar).set(ref, { action: 'linked' });
  }

  failLink(calendar: string, ref: SkillReference, error: string): void {
    this.skillMap(calendar).set(ref, { action: 'failed', error });
  }

  pendOccasion(pending: PendingOccasionWrite): void {
    this.pendingOccasions.set(pending.calendar.name, pending);
    this.lastErrors.set(pending.calendar.name, pending.reason);
  }

  pendLink(pending: PendingLink): void {
    this.pendingLinks.set(pending.skillId, pending);
    this.lastErrors.set(`${pending.calendar}|${String(pending.ref)}`, pending.reason);
  }

  /**
   * After a fresh read: a pending write whose outcome was unknown and whose object now holds
   * exactly what was sent took (reported as written, with its audit line); a refused create whose
   * name is still free failed; anything else is dropped and the new plan decides (a refused write
   * that someone else made meanwhile is `unchanged`, not this run's `created`).
   */
  settle(state: AccountState, audit: Audit): void {
    for (const [name, pending] of this.pendingOccasions) {
      const stored = state.occasions.find((item) => !item.deleted && item.name === name);
      const sent = fingerprintEvents(pending.write.events);
      if (
        stored &&
        !pending.refused &&
        readMarker(stored.description)?.fingerprint === sent &&
        fingerprintEvents(stored.events) === sent
      ) {
        this.written(pending.calendar, stored);
        audit(
          `${pending.calendar.action === 'create' ? 'created special occasion' : 'updated special occasions'}`,
          {
            calendar: name,
            occasionId: stored.id,
            confirmedAfter: pending.reason,
            eventsAdded: pending.calendar.eventsAdded.length,
            eventsRemoved: pending.calendar.eventsRemoved.length,
          },
        );
      } else if (pending.unconfirmed) {
        this.fail(name, pending.unconfirmed);
      } else if (!stored && pending.refusal) {
        this.fail(name, pending.refusal);
      }
    }
    this.pendingOccasions.clear();
    for (const [skillId, pending] of this.pendingLinks) {
      const stored = state.skills.find((skill) => skill.id === skillId);
      if (!pending.refused && stored?.specialOccasionId === pending.target) {
        this.linked(pending.calendar, pending.ref);
        audit('linked skills', {
          skills: [{ skillId, occasionId: pending.target, calendar: pending.calendar }],
          confirmedAfter: pending.reason,
        });
      } else if (pending.unconfirmed) {
        this.failLink(pending.calendar, pending.ref, pending.unconfirmed);
      }
    }
    this.pendingLinks.clear();
  }

  /** Planned writes that never happened (deadline, too many rounds) are failures of this run. */
  closeUnwritten(plan: RunPlan, reason: string): void {
    for (const calendar of plan.calendars) {
      const planned = calendar.action === 'create' || calendar.action === 'update';
      if (planned && !this.occasions.has(calendar.name)) {
        this.fail(calendar.name, this.lastErrors.get(calendar.name) ?? reason);
      }
      for (const skill of calendar.skills) {
        if (skill.action === 'link' && !this.skillMap(calendar.name).has(skill.ref)) {
          this.failLink(
            calendar.name,
            skill.ref,
            this.lastErrors.get(`${calendar.name}|${String(skill.ref)}`) ?? reason,
          );
        }
      }
    }
  }

  private skillMap(calendar: string): Map<SkillReference, SkillOutcome> {
    let map = this.skills.get(calendar);
    if (!map) {
      map = new Map();
      this.skills.set(calendar, map);
    }
    return map;
  }
}
