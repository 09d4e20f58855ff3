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
import { DEFAULT_MAX_BODY_BYTES, jsonBytes, partsBySize } from './body-parts.js';
import type { ImportClient } from './import-client.js';
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

interface Link {
  calendar: string;
  ref: SkillReference;
  skill: Skill;
  target: number;
}

/** How a pending write is marked when LivePerson answered it without showing it stored. */
interface PendOptions {
  /** Refused outright (409, 400): it did not take, whatever the next read shows. */
  refused?: boolean;
  /** What to report when the re-read shows the object is not there (a refused create). */
  refusal?: string;
  /** Answered but not shown stored: unless the re-read shows it, it failed. */
  unconfirmed?: string;
}

/**
 * One kind of write (creating occasions, updating them, linking skills), as the one write path
 * below needs it: how to send a batch, how to read the answer, how each outcome is recorded.
 */
interface WriteKind<Item, Answer> {
  /** The collection whose revision the write chains on. */
  collection: 'specialoccasion' | 'skills';
  /** Why an item the answer did not show waits for the next read (the audit line's "confirmedAfter"). */
  unshown: string;
  send(items: readonly Item[]): Promise<Answer[]>;
  /** The answer's entry for an item, if it shows the item stored as sent. */
  stored(item: Item, answer: readonly Answer[]): Answer | undefined;
  /** Records the items the answer showed stored, with their audit line. */
  written(done: readonly { item: Item; answer: Answer }[], revisionBefore: string | undefined): void;
  pend(item: Item, reason: string, options?: PendOptions): void;
  fail(item: Item, error: string): void;
  /** A batch may go as one request (false once LivePerson refused a batch of this kind). */
  batches(): boolean;
  /** LivePerson refused a batch (400): each item goes alone, to tell which one it refused. */
  refusedBatch?(): void;
  /** A lone item refused (400) is settled by a read (a create: the name may be taken meanwhile). */
  refusalSettledByRead?: boolean;
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
    private readonly client: ImportClient,
    private readonly ledger: RunLedger,
    private readonly audit: Audit,
    private readonly halt: HaltCheck,
    private readonly maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
  ) {}

  private parts<T>(items: readonly T[], body: (item: T) => unknown): T[][] {
    return partsBySize(items, (item) => jsonBytes(body(item)), this.maxBodyBytes);
  }

  async apply(plan: RunPlan): Promise<RoundEnd> {
    const open = (calendar: CalendarPlan) => !this.ledger.failed(calendar.name);
    const creates = plan.calendars.filter((item) => item.action === 'create' && open(item));
    for (const part of this.parts(creates, (calendar) => calendar.write)) {
      const end = await this.write(this.creates, part);
      if (end !== 'done') return end;
    }
    const updates = plan.calendars.filter((item) => item.action === 'update' && open(item));
    for (const part of this.parts(updates, (calendar) => calendar.write)) {
      const end = await this.write(this.updates, part);
      if (end !== 'done') return end;
    }
    // A create LivePerson refused is settled by a read first: it may be a name taken meanwhile.
    if (this.ledger.hasPending()) return 'reread';
    for (const part of this.parts(this.links(plan), (link) => link.skill)) {
      const end = await this.write(this.linksKind, part);
      if (end !== 'done') return end;
      // A link the answer did not show: only a read tells whether it took.
      if (this.ledger.hasPending()) return 'reread';
    }
    return 'done';
  }

  /**
   * The one write path: send a batch, check the answer item by item, record what took; on an
   * error decide once for all kinds: a bad secret stops the run, the deadline halts it, a changed
   * collection or a lost answer needs a read, a 400 on a batch is isolated item by item.
   */
  private async write<Item, Answer>(
    kind: WriteKind<Item, Answer>,
    items: readonly Item[],
  ): Promise<RoundEnd> {
    if (items.length === 0) return 'done';
    if (items.length > 1 && !kind.batches()) return this.oneByOne(kind, items);
    if (this.halt() !== undefined) return 'halted';
    const before = this.client.revision(kind.collection);
    try {
      const answer = await kind.send(items);
      const done: { item: Item; answer: Answer }[] = [];
      for (const item of items) {
        const stored = kind.stored(item, answer);
        if (stored) done.push({ item, answer: stored });
        else kind.pend(item, kind.unshown, { unconfirmed: NOT_STORED });
      }
      if (done.length > 0) kind.written(done, before);
      return 'done';
    } catch (error) {
      // A bad secret found while logging in again: no write of this run can get past it.
      if (error instanceof InputError) throw error;
      if (error instanceof DeadlineExceededError) {
        for (const item of items) kind.fail(item, error.message);
        this.ledger.incomplete = true;
        return 'halted';
      }
      if (needsReread(error)) {
        for (const item of items)
          kind.pend(item, message(error), { refused: error instanceof StaleRevisionError });
        return 'reread';
      }
      if (error instanceof LivePersonApiError && error.status === 400) {
        if (items.length > 1) {
          kind.refusedBatch?.();
          return this.oneByOne(kind, items);
        }
        if (kind.refusalSettledByRead) {
          // LivePerson answers a name already in use with 400 (or 409): another run may have made
          // it a moment ago. The revision is unchanged, so the round goes on; a read settles it.
          for (const item of items)
            kind.pend(item, message(error), { refusal: message(error), refused: true });
          return 'done';
        }
      }
      for (const item of items) kind.fail(item, message(error));
      return 'done';
    }
  }

  private async oneByOne<Item, Answer>(
    kind: WriteKind<Item, Answer>,
    items: readonly Item[],
  ): Promise<RoundEnd> {
    for (const item of items) {
      const end = await this.write(kind, [item]);
      if (end !== 'done') return end;
    }
    return 'done';
  }

  private readonly creates: WriteKind<CalendarPlan, SpecialOccasion> = {
    collection: 'specialoccasion',
    unshown: 'its answer did not show the events sent',
    send: (items) => {
      const drafts = items.map((calendar) => calendar.write as SpecialOccasionDraft);
      return items.length === 1 && drafts[0]
        ? this.client.createSpecialOccasion(drafts[0]).then((created) => [created])
        : this.client.createSpecialOccasions(drafts);
    },
    stored: (calendar, answer) => {
      const created = answer.find((item) => item.name === calendar.name);
      return created && answerHolds(created, calendar.write as SpecialOccasionDraft) ? created : undefined;
    },
    written: (done, revisionBefore) => {
      for (const { item: calendar, answer } of done) {
        this.ledger.written(calendar, answer);
        this.audit('created special occasion', {
          calendar: calendar.name,
          occasionId: answer.id,
          revisionBefore,
          revisionAfter: this.client.revision('specialoccasion'),
          eventsAdded: calendar.eventsAdded.length,
          ...(done.length > 1 ? { batch: done.length } : {}),
        });
      }
    },
    pend: (calendar, reason, options = {}) =>
      this.ledger.pendOccasion({
        calendar,
        write: calendar.write as SpecialOccasionDraft,
        reason,
        ...options,
      }),
    fail: (calendar, error) => this.ledger.fail(calendar.name, error),
    batches: () => !this.oneCreatePerPost,
    refusedBatch: () => {
      // An array body refused, or one object in it: one POST per object tells which.
      this.oneCreatePerPost = true;
    },
    refusalSettledByRead: true,
  };

  private readonly updates: WriteKind<CalendarPlan, SpecialOccasion> = {
    collection: 'specialoccasion',
    unshown: 'its answer did not show the events sent',
    send: (items) =>
      this.client.updateSpecialOccasions(items.map((calendar) => calendar.write as SpecialOccasion)),
    stored: (calendar, answer) => {
      const stored = answer.find((item) => item.id === calendar.occasionId);
      return stored && answerHolds(stored, calendar.write as SpecialOccasion) ? stored : undefined;
    },
    written: (done, revisionBefore) => {
      for (const { item, answer } of done) this.ledger.written(item, answer);
      this.audit('updated special occasions', {
        calendars: done.map(({ item }) => item.name),
        revisionBefore,
        revisionAfter: this.client.revision('specialoccasion'),
        eventsAdded: done.reduce((sum, { item }) => sum + item.eventsAdded.length, 0),
        eventsRemoved: done.reduce((sum, { item }) => sum + item.eventsRemoved.length, 0),
      });
    },
    pend: (calendar, reason, options = {}) =>
      this.ledger.pendOccasion({ calendar, write: calendar.write as SpecialOccasion, reason, ...options }),
    fail: (calendar, error) => this.ledger.fail(calendar.name, error),
    batches: () => true,
  };

  private readonly linksKind: WriteKind<Link, Skill> = {
    collection: 'skills',
    unshown: 'its answer did not show the link',
    send: (links) =>
      this.client.updateSkills(links.map((link) => ({ ...link.skill, specialOccasionId: link.target }))),
    stored: (link, answer) => {
      const stored = answer.find((skill) => skill.id === link.skill.id);
      return stored?.specialOccasionId === link.target ? stored : undefined;
    },
    written: (done, revisionBefore) => {
      for (const { item } of done) this.ledger.linked(item.calendar, item.ref);
      this.audit('linked skills', {
        skills: done.map(({ item }) => ({
          skillId: item.skill.id,
          occasionId: item.target,
          calendar: item.calendar,
        })),
        revisionBefore,
        revisionAfter: this.client.revision('skills'),
      });
    },
    pend: (link, reason, options = {}) =>
      this.ledger.pendLink({ ...link, skillId: link.skill.id, reason, ...options }),
    fail: (link, error) => this.ledger.failLink(link.calendar, link.ref, error),
    batches: () => true,
  };

  /** The occasion a calendar's skills point at: one that exists now and that the importer owns. */
  private target(calendar: CalendarPlan): number | undefined {
    if (this.ledger.failed(calendar.name) || calendar.action === 'conflict') return undefined;
    return this.ledger.outcome(calendar.name)?.occasionId ?? calendar.occasionId;
  }

  /** The plan's links to write; a link whose occasion was not written fails here. */
  private links(plan: RunPlan): Link[] {
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
    return links;
  }
}
