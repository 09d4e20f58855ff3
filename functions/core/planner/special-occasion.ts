/**
 * LivePerson's entities as the importer works with them. Objects keep every field LivePerson
 * sent (the index signatures), because a write sends the whole object back and must not drop what
 * LivePerson added after this code was written. The wire schemas that check them live in
 * liveperson/wire-schemas.ts.
 */

export interface EventTime {
  /** yyyy-MM-dd'T'HH:mm:ss as the importer writes it; any form that starts with a date when read. */
  dateTime: string;
  timeZone: string;
  [field: string]: unknown;
}

export interface SpecialOccasionEvent {
  start: EventTime;
  end: EventTime;
  recurrence: string[];
  meta: { working: boolean; name: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** What a create (POST) sends: everything but the server-assigned id. */
export interface SpecialOccasionDraft {
  name: string;
  description: string;
  deleted: boolean;
  isDefault: boolean;
  events: SpecialOccasionEvent[];
  [field: string]: unknown;
}

export interface SpecialOccasion extends SpecialOccasionDraft {
  id: number;
  /**
   * Events LivePerson holds that are not of the documented shape (made by hand or by another
   * tool). Never sent back; in an object the importer owns they are drift.
   */
  oddEvents?: unknown[];
}

export interface Skill {
  id: number;
  name: string;
  deleted: boolean;
  specialOccasionId?: number | null | undefined;
  [field: string]: unknown;
}
