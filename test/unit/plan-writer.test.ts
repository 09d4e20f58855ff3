import { describe, expect, it } from 'vitest';
import { InputError } from '../../functions/core/errors.js';
import { fingerprintEvents as fingerprint } from '../../functions/core/planner/canonical-events.js';
import type { CalendarPlan, RunPlan } from '../../functions/core/planner/plan.js';
import type {
  Skill,
  SpecialOccasion,
  SpecialOccasionDraft,
  SpecialOccasionEvent,
} from '../../functions/core/planner/special-occasion.js';
import { jsonBytes, partsBySize } from '../../functions/import-run/body-parts.js';
import type { ImportClient } from '../../functions/import-run/import-client.js';
import { PlanWriter } from '../../functions/import-run/plan-writer.js';
import { type Audit, RunLedger } from '../../functions/import-run/run-ledger.js';
import {
  DeadlineExceededError,
  LivePersonApiError,
  OutcomeUnknownError,
  StaleRevisionError,
} from '../../functions/liveperson/errors.js';
import { RequestCounter } from '../../functions/liveperson/http-transport.js';

/**
 * The plan writer, the ledger and the body splitter on their own, with a client that records
 * what it is asked and answers as each case says: no HTTP, no sandbox.
 */

const event = (date: string, name = 'H'): SpecialOccasionEvent => ({
  meta: { working: false, name },
  start: { dateTime: `${date}T00:00:00`, timeZone: 'Europe/Berlin' },
  end: { dateTime: `${date}T23:59:59`, timeZone: 'Europe/Berlin' },
  recurrence: [],
});

function draft(name: string): SpecialOccasionDraft {
  return { name, description: 'x', deleted: false, isDefault: false, events: [event('2027-01-01')] };
}

function create(name: string, skills: Skill[] = []): CalendarPlan {
  const write = draft(name);
  return {
    name,
    action: 'create',
    write,
    eventsAdded: write.events,
    eventsRemoved: [],
    events: 1,
    skills: skills.map((skill) => ({ ref: skill.name, skill, action: 'link' as const })),
  };
}

function update(name: string, id: number): CalendarPlan {
  const write: SpecialOccasion = { ...draft(name), id };
  return {
    name,
    occasionId: id,
    action: 'update',
    write,
    eventsAdded: write.events,
    eventsRemoved: [],
    events: 1,
    skills: [],
  };
}

type Call = { method: string; names: (string | number)[] };
type Answer = (items: readonly { name: string; id?: number }[]) => unknown;

/** A client that answers each write with the next scripted reply: a result or an error to throw. */
function recordingClient(replies: Record<string, Answer[]> = {}) {
  const calls: Call[] = [];
  let nextId = 100;
  let revision = 1;
  const reply = <T>(
    method: string,
    items: readonly { name: string; id?: number }[],
    fallback: () => T,
  ): T => {
    calls.push({ method, names: items.map((item) => item.name ?? item.id ?? '') });
    const next = replies[method]?.shift();
    if (next) {
      const result = next(items);
      if (result instanceof Error) throw result;
      return result as T;
    }
    revision += 1;
    return fallback();
  };
  const client: ImportClient = {
    prepare: async () => {},
    listSpecialOccasions: async () => [],
    listSkills: async () => [],
    listWorkdays: async () => [],
    createSpecialOccasion: async (write) =>
      reply('createOne', [write], () => ({ ...write, id: nextId++ }) as SpecialOccasion),
    createSpecialOccasions: async (writes) =>
      reply('createMany', writes, () =>
        writes.map((write) => ({ ...write, id: nextId++ }) as SpecialOccasion),
      ),
    updateSpecialOccasions: async (writes) => reply('update', writes, () => [...writes]),
    updateSkills: async (skills) => reply('updateSkills', skills, () => [...skills]),
    revision: () => String(revision),
    requests: new RequestCounter(),
    close: async () => {},
  };
  return { client, calls };
}

function writer(
  client: ImportClient,
  halt: () => string | undefined = () => undefined,
  maxBodyBytes?: number,
) {
  const ledger = new RunLedger();
  const audits: { action: string; details: Record<string, unknown> }[] = [];
  const audit: Audit = (action, details) => audits.push({ action, details });
  return { ledger, audits, writer: new PlanWriter(client, ledger, audit, halt, maxBodyBytes) };
}

const plan = (...calendars: CalendarPlan[]): RunPlan => ({ calendars, orphaned: [] });
const skill = (id: number, name: string): Skill => ({ id, name, deleted: false });
const badRequest = () => new LivePersonApiError('POST specialoccasion', 400, 'bad');

describe('the one write path', () => {
  it('creates in one POST, then links in one PUT; each with its audit line', async () => {
    const { client, calls } = recordingClient();
    const { writer: w, ledger, audits } = writer(client);
    const end = await w.apply(plan(create('A', [skill(1, 'S1')]), create('B', [skill(2, 'S2')])));
    expect(end).toBe('done');
    expect(calls).toEqual([
      { method: 'createMany', names: ['A', 'B'] },
      { method: 'updateSkills', names: ['S1', 'S2'] },
    ]);
    expect(ledger.outcome('A')?.occasionId).toBe(100);
    expect(audits.map((line) => line.action)).toEqual([
      'created special occasion',
      'created special occasion',
      'linked skills',
    ]);
    expect(audits[0]?.details).toMatchObject({
      calendar: 'A',
      batch: 2,
      revisionBefore: '1',
      revisionAfter: '2',
    });
  });

  it.each([
    {
      name: 'a 400 on the array: one POST each from then on; the one refused waits for a read',
      replies: { createMany: [badRequest], createOne: [() => undefined, badRequest] as Answer[] },
      end: 'reread',
      calls: ['createMany A,B', 'createOne A', 'createOne B'],
    },
    {
      name: 'a 409 (the collection changed): refused, a read decides',
      replies: { createMany: [() => new StaleRevisionError('POST', 409, 'stale')] },
      end: 'reread',
      calls: ['createMany A,B'],
    },
    {
      name: 'a lost answer: its outcome unknown, a read decides',
      replies: { createMany: [() => new OutcomeUnknownError('POST', 'socket hang up')] },
      end: 'reread',
      calls: ['createMany A,B'],
    },
    {
      name: 'the deadline: both failed, the run halted and incomplete',
      replies: { createMany: [() => new DeadlineExceededError('POST', true)] },
      end: 'halted',
      calls: ['createMany A,B'],
    },
    {
      name: 'a 500: a read decides',
      replies: { createMany: [() => new LivePersonApiError('POST', 500, 'oops')] },
      end: 'reread',
      calls: ['createMany A,B'],
    },
  ])('$name', async ({ replies, end, calls: expected }) => {
    const scripted: Record<string, Answer[]> = Object.fromEntries(
      Object.entries(replies as Record<string, Answer[]>).map(([method, list]) => [
        method,
        list.map((answer: Answer) => (items: readonly { name: string }[]) => {
          const result = answer(items);
          return result === undefined ? items.map((item, index) => ({ ...item, id: 200 + index })) : result;
        }),
      ]),
    );
    // createOne answers one object, not a list.
    if (scripted.createOne) {
      scripted.createOne = scripted.createOne.map(
        (answer: Answer) => (items: readonly { name: string }[]) => {
          const result = answer(items);
          return Array.isArray(result) ? result[0] : result;
        },
      );
    }
    const { client, calls } = recordingClient(scripted);
    const { writer: w, ledger } = writer(client);
    expect(await w.apply(plan(create('A', [skill(1, 'S1')]), create('B')))).toBe(end);
    expect(calls.map((call) => `${call.method} ${call.names.join(',')}`)).toEqual(expected);
    // No link is written while a create waits for a read, or after the run halted.
    expect(calls.some((call) => call.method === 'updateSkills')).toBe(false);
    if (end === 'halted') {
      expect(ledger.incomplete).toBe(true);
      expect(ledger.failed('A') && ledger.failed('B')).toBe(true);
    }
  });

  it('a bad secret found while logging in again stops the run as it is', async () => {
    const { client } = recordingClient({
      createMany: [() => new InputError('Secret "s" is missing "password"')],
    });
    const { writer: w } = writer(client);
    await expect(w.apply(plan(create('A'), create('B')))).rejects.toThrow(/missing "password"/);
  });

  it('an update whose answer does not show the events: waits for a read, then fails unless it shows them', async () => {
    const { client } = recordingClient({
      update: [(items) => items.map((item) => ({ ...item, events: [] }))],
    });
    const { writer: w, ledger } = writer(client);
    expect(await w.apply(plan(update('A', 7)))).toBe('reread');
    ledger.settle({ occasions: [], skills: [] }, () => {});
    expect(ledger.outcome('A')?.error).toMatch(/does not hold what was sent/);
  });

  it('a 400 on the skills PUT is isolated to the skill LivePerson refuses', async () => {
    const { client, calls } = recordingClient({
      updateSkills: [
        () => new LivePersonApiError('PUT skills', 400, 'name is required'),
        (items) => [...items],
        () => new LivePersonApiError('PUT skills', 400, 'name is required'),
      ],
    });
    const { writer: w, ledger } = writer(client);
    expect(await w.apply(plan(create('A', [skill(1, 'S1'), skill(2, 'S2')])))).toBe('done');
    expect(calls.map((call) => `${call.method} ${call.names.join(',')}`)).toEqual([
      'createOne A',
      'updateSkills S1,S2',
      'updateSkills S1',
      'updateSkills S2',
    ]);
    expect(ledger.skillOutcomes('A').get('S1')).toEqual({ action: 'linked' });
    expect(ledger.skillOutcomes('A').get('S2')?.action).toBe('failed');
  });

  it('halted before a write: nothing is sent', async () => {
    const { client, calls } = recordingClient();
    const { writer: w } = writer(client, () => 'not written: the run reached its deadline');
    expect(await w.apply(plan(create('A')))).toBe('halted');
    expect(calls).toEqual([]);
  });

  it('a body over the size cap is split, each part its own POST', async () => {
    const { client, calls } = recordingClient();
    const size = jsonBytes(draft('A')) + 10;
    const { writer: w } = writer(client, undefined, size);
    expect(await w.apply(plan(create('A'), create('B'), create('C')))).toBe('done');
    expect(calls.map((call) => call.names.length)).toEqual([1, 1, 1]);
  });
});

describe('the ledger settles what a read shows', () => {
  it("a write whose outcome was unknown and that the read shows stored is this run's; a refused one is not", () => {
    const ledger = new RunLedger();
    const audits: string[] = [];
    const a = create('A');
    const b = create('B');
    ledger.pendOccasion({ calendar: a, write: a.write as SpecialOccasionDraft, reason: 'lost' });
    ledger.pendOccasion({
      calendar: b,
      write: b.write as SpecialOccasionDraft,
      reason: '409',
      refused: true,
    });
    const marked = (name: string, id: number) => {
      const write = draft(name);
      return { ...write, id, description: `x [holiday-importer fp=${fingerprint(write.events)}]` };
    };
    ledger.settle({ occasions: [marked('A', 1), marked('B', 2)], skills: [] }, (action) =>
      audits.push(action),
    );
    expect(ledger.outcome('A')?.occasionId).toBe(1);
    expect(ledger.outcome('B')).toBeUndefined();
    expect(audits).toEqual(['created special occasion']);
  });

  it('planned writes that never happened are failures with the reason', () => {
    const ledger = new RunLedger();
    ledger.closeUnwritten(plan(create('A', [skill(1, 'S1')])), 'not written: interrupted');
    expect(ledger.outcome('A')?.error).toBe('not written: interrupted');
    expect(ledger.skillOutcomes('A').get('S1')).toEqual({
      action: 'failed',
      error: 'not written: interrupted',
    });
  });
});

describe('the body splitter', () => {
  it.each([
    { sizes: [10, 10, 10], max: 100, parts: [3] },
    { sizes: [10, 10, 10], max: 25, parts: [2, 1] },
    { sizes: [200, 10], max: 100, parts: [1, 1] },
    { sizes: [], max: 100, parts: [] },
  ])('$sizes within $max bytes: parts of $parts', ({ sizes, max, parts }) => {
    expect(partsBySize(sizes, (size) => size, max).map((part) => part.length)).toEqual(parts);
  });
});
