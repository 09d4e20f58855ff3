import type { SkillReference } from '../core/config/config-schema.js';
import { InputError } from '../core/errors.js';
import { fingerprintEvents } from '../core/planner/canonical-events.js';
import type { CalendarPlan, RunPlan } from '../core/planner/plan.js';
import type { Skill, SpecialOccasion, SpecialOccasionDraft } from '../core/planner/special-occasion.js';
import {
  DeadlineExceededError,
  LivePersonApiError,
  OutcomeUnknownError,
  StaleRevisionError,
} from '../liveperson/errors.js';
import type { LivePersonClient } from '../liveperson/liveperson-client.js';
import { DEFAULT_MAX_BODY_BYTES, jsonBytes, partsBySize } from './body-parts.js';
import type { Audit, RunLedger } from './run-ledger.js';

/**
 * How one round of writes ended: everything attempted (`done`); a write whose outcome or
 * revision is unknown, so the next step is a fresh read (`reread`); or the run was told to stop
 * (its deadline, an operator's Ctrl-C): `halted`.
 */
export type RoundEnd = 'done' | 'reread' | 'halted';

export const DEADLINE_REASON = 'not written: the run reached its deadline; the next run converges';
export const INTERRUPTED_REASON = 'not written: the run was interrupted; run it again to finish';

/** Why the run must start no new write, if it must. */
export type HaltCheck = () => string | undefined;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The collection changed, or a write's fate is unknown: only a fresh read can tell what is. */
function needsReread(error: unknown): boolean {
  return (
    error instanceof StaleRevisionError ||
    error instanceof OutcomeUnknownError ||
    (error instanceof LivePersonApiError && error.status >= 500)
  );
}

const NOT_STORED =
  "LivePerson accepted the write but does not hold what was sent (checked by reading it back); check the API key's permissions and the object in LivePerson";

/** Whether a write's answer shows the object holding exactly the events sent. */
function answerHolds(answer: SpecialOccasion | undefined, write: SpecialOccasionDraft): boolean {
  return (
    answer !== undefined &&
    answer.oddEvents === undefined &&
    fingerprintEvents(answer.events) === fingerprintEvents(write.events)
  );
}

/** Errors no write of this run can get past: a bad secret stops the run as it is. */
function rethrowFatal(error: unknown): void {
  if (error instanceof InputError) throw error;
}

interface Link {
  calendar: string;
  ref: SkillReference;
  skill: Skill;
  target: number;
}

/**
 * Carries out one plan's writes in order (creates, then one PUT of every changed occasion, then
 * one PUT of every skill to link), each chained on the revision the previous write returned, and
 * records each outcome in the ledger. It never decides anything the plan did not.
 */
export class PlanWriter {
  /** LivePerson refused an array create once: this run creates one object per POST from then on. */
  private oneCreatePerPost = false;

  constructor(
    private readonly client: LivePersonClient,
    private readonly ledger: RunLedger,
    private readonly audit: Audit,
    private readonly halt: HaltCheck,
    private readonly maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
  ) {}

  private parts<T>(items: readonly T[], body: (item: T) => unknown): T[][] {
    return partsBySize(items, (item) => jsonBytes(body(item)), this.maxBodyBytes);
  }

  private halted(): boolean {
    return this.halt() !== undefined;
  }

  /** A write stopped by the deadline: its outcome is unknown, the run is incomplete. */
  private stopped(names: readonly string[], error: DeadlineExceededError): RoundEnd {
    for (const name of names) this.ledger.fail(name, error.message);
    this.ledger.incomplete = true;
    return 'halted';
  }

  async apply(plan: RunPlan): Promise<RoundEnd> {
    const open = (calendar: CalendarPlan) => !this.ledger.failed(calendar.name);
    const creates = plan.calendars.filter((item) => item.action === 'create' && open(item));
    for (const part of this.parts(creates, (calendar) => calendar.write)) {
      const end = await this.createPart(part);
      if (end !== 'done') return end;
    }
    const updates = plan.calendars.filter((item) => item.action === 'update' && open(item));
    for (const part of this.parts(updates, (calendar) => calendar.write)) {
      const end = await this.update(part);
      if (end !== 'done') return end;
    }
    // A create LivePerson refused is settled by a read first: it may be a name taken meanwhile.
    if (this.ledger.hasPending()) return 'reread';
    return this.link(plan);
  }

  /** New occasions in one POST (array body); one POST each once LivePerson refused an array. */
  private async createPart(part: readonly CalendarPlan[]): Promise<RoundEnd> {
    if (part.length === 1 || this.oneCreatePerPost) {
      for (const calendar of part) {
        const end = await this.create(calendar);
        if (end !== 'done') return end;
      }
      return 'done';
    }
    if (this.halted()) return 'halted';
    const before = this.client.revision('specialoccasion');
    const writes = part.map((calendar) => calendar.write as SpecialOccasionDraft);
    try {
      const created = await this.client.createSpecialOccasions(writes);
      for (const [index, calendar] of part.entries()) {
        const answer = created.find((item) => item.name === calendar.name);
        this.recordCreate(calendar, writes[index] as SpecialOccasionDraft, answer, before, part.length);
      }
      return 'done';
    } catch (error) {
      rethrowFatal(error);
      if (error instanceof DeadlineExceededError)
        return this.stopped(
          part.map((item) => item.name),
          error,
        );
      if (needsReread(error)) {
        for (const [index, calendar] of part.entries()) {
          this.ledger.pendOccasion({
            calendar,
            write: writes[index] as SpecialOccasionDraft,
            reason: message(error),
            refused: error instanceof StaleRevisionError,
          });
        }
        return 'reread';
      }
      if (error instanceof LivePersonApiError && error.status === 400) {
        // An array body refused, or one object in it: one POST per object tells which.
        this.oneCreatePerPost = true;
        return this.createPart(part);
      }
      for (const calendar of part) this.ledger.fail(calendar.name, message(error));
      return 'done';
    }
  }

  /** A create LivePerson answered: written (with its audit line) if the answer holds what was sent. */
  private recordCreate(
    calendar: CalendarPlan,
    write: SpecialOccasionDraft,
    answer: SpecialOccasion | undefined,
    before: string | undefined,
    batch: number,
  ): void {
    if (!answer || !answerHolds(answer, write)) {
      this.ledger.pendOccasion({
        calendar,
        write,
        reason: 'its answer did not show the events sent',
        unconfirmed: NOT_STORED,
      });
      return;
    }
    this.ledger.written(calendar, answer);
    this.audit('created special occasion', {
      calendar: calendar.name,
      occasionId: answer.id,
      revisionBefore: before,
      revisionAfter: this.client.revision('specialoccasion'),
      eventsAdded: calendar.eventsAdded.length,
      ...(batch > 1 ? { batch } : {}),
    });
  }

  private async create(calendar: CalendarPlan): Promise<RoundEnd> {
    if (this.halted()) return 'halted';
    const write = calendar.write as SpecialOccasionDraft;
    const before = this.client.revision('specialoccasion');
    try {
      this.recordCreate(calendar, write, await this.client.createSpecialOccasion(write), before, 1);
      return 'done';
    } catch (error) {
      rethrowFatal(error);
      if (error instanceof DeadlineExceededError) return this.stopped([calendar.name], error);
      if (needsReread(error)) {
        this.ledger.pendOccasion({
          calendar,
          write,
          reason: message(error),
          refused: error instanceof StaleRevisionError,
        });
        return 'reread';
      }
      if (error instanceof LivePersonApiError && error.status === 400) {
        // LivePerson answers a name already in use with 400 (or 409): another run may have made
        // it a moment ago. The revision is unchanged, so the round goes on; a read settles it.
        this.ledger.pendOccasion({
          calendar,
          write,
          reason: message(error),
          refusal: message(error),
          refused: true,
        });
        return 'done';
      }
      this.ledger.fail(calendar.name, message(error));
      return 'done';
    }
  }

  /** Every changed occasion in one PUT; a 400 is isolated to its object by sending each alone. */
  private async update(calendars: readonly CalendarPlan[]): Promise<RoundEnd> {
    if (calendars.length === 0) return 'done';
    if (this.halted()) return 'halted';
    const before = this.client.revision('specialoccasion');
    const writes = calendars.map((calendar) => calendar.write as SpecialOccasion);
    try {
      const stored = await this.client.updateSpecialOccasions(writes);
      const confirmed: CalendarPlan[] = [];
      for (const calendar of calendars) {
        const write = calendar.write as SpecialOccasion;
        const answer = stored.find((item) => item.id === calendar.occasionId);
        if (answer && answerHolds(answer, write)) {
          this.ledger.written(calendar, answer);
          confirmed.push(calendar);
        } else {
          this.ledger.pendOccasion({
            calendar,
            write,
            reason: 'its answer did not show the events sent',
            unconfirmed: NOT_STORED,
          });
        }
      }
      if (confirmed.length > 0) {
        this.audit('updated special occasions', {
          calendars: confirmed.map((calendar) => calendar.name),
          revisionBefore: before,
          revisionAfter: this.client.revision('specialoccasion'),
          eventsAdded: confirmed.reduce((sum, calendar) => sum + calendar.eventsAdded.length, 0),
          eventsRemoved: confirmed.reduce((sum, calendar) => sum + calendar.eventsRemoved.length, 0),
        });
      }
      return 'done';
    } catch (error) {
      rethrowFatal(error);
      if (error instanceof DeadlineExceededError)
        return this.stopped(
          calendars.map((item) => item.name),
          error,
        );
      if (needsReread(error)) {
        for (const calendar of calendars) {
          this.ledger.pendOccasion({
            calendar,
            write: calendar.write as SpecialOccasion,
            reason: message(error),
            refused: error instanceof StaleRevisionError,
          });
        }
        return 'reread';
      }
      if (error instanceof LivePersonApiError && error.status === 400 && calendars.length > 1) {
        for (const calendar of calendars) {
          const end = await this.update([calendar]);
          if (end !== 'done') return end;
        }
        return 'done';
      }
      for (const calendar of calendars) this.ledger.fail(calendar.name, message(error));
      return 'done';
    }
  }

  /** The occasion a calendar's skills point at: one that exists now and that the importer owns. */
  private target(calendar: CalendarPlan): number | undefined {
    if (this.ledger.failed(calendar.name) || calendar.action === 'conflict') return undefined;
    return this.ledger.outcome(calendar.name)?.occasionId ?? calendar.occasionId;
  }

  private async link(plan: RunPlan): Promise<RoundEnd> {
    const links: Link[] = [];
    for (const calendar of plan.calendars) {
      const target = this.target(calendar);
      for (const entry of calendar.skills) {
        if (entry.action !== 'link' || !entry.skill || this.ledger.linkFailed(calendar.name, entry.ref))
          continue;
        if (target === undefined) {
          this.ledger.failLink(
            calendar.name,
            entry.ref,
            "not linked: the calendar's special occasion was not written",
          );
        } else {
          links.push({ calendar: calendar.name, ref: entry.ref, skill: entry.skill, target });
        }
      }
    }
    for (const part of this.parts(links, (link) => link.skill)) {
      const end = await this.putLinks(part);
      if (end !== 'done') return end;
    }
    return 'done';
  }

  /** Every skill to relink in one PUT, each sent whole; a 400 is isolated to its skill. */
  private async putLinks(links: readonly Link[]): Promise<RoundEnd> {
    if (links.length === 0) return 'done';
    if (this.halted()) return 'halted';
    const before = this.client.revision('skills');
    try {
      const answer = await this.client.updateSkills(
        links.map((link) => ({ ...link.skill, specialOccasionId: link.target })),
      );
      const confirmed: Link[] = [];
      for (const link of links) {
        const stored = answer.find((skill) => skill.id === link.skill.id);
        if (stored?.specialOccasionId === link.target) {
          this.ledger.linked(link.calendar, link.ref);
          confirmed.push(link);
        } else {
          // Not shown linked in the answer (or not in it at all): a read tells.
          this.ledger.pendLink({
            ...link,
            skillId: link.skill.id,
            reason: 'its answer did not show the link',
            unconfirmed: NOT_STORED,
          });
        }
      }
      if (confirmed.length > 0) {
        this.audit('linked skills', {
          skills: confirmed.map((link) => ({
            skillId: link.skill.id,
            occasionId: link.target,
            calendar: link.calendar,
          })),
          revisionBefore: before,
          revisionAfter: this.client.revision('skills'),
        });
      }
      return confirmed.length === links.length ? 'done' : 'reread';
    } catch (error) {
      rethrowFatal(error);
      if (error instanceof DeadlineExceededError) {
        for (const link of links) this.ledger.failLink(link.calendar, link.ref, error.message);
        this.ledger.incomplete = true;
        return 'halted';
      }
      if (needsReread(error)) {
        for (const link of links) {
          this.ledger.pendLink({
            ...link,
            skillId: link.skill.id,
            reason: message(error),
            refused: error instanceof StaleRevisionError,
          });
        }
        return 'reread';
      }
      if (error instanceof LivePersonApiError && error.status === 400 && links.length > 1) {
        for (const link of links) {
          const end = await this.putLinks([link]);
          if (end !== 'done') return end;
        }
        return 'done';
      }
      for (const link of links) this.ledger.failLink(link.calendar, link.ref, message(error));
      return 'done';
    }
  }
}
