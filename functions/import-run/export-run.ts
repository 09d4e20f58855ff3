import type { Config } from '../core/config/config-schema.js';
import { type CalendarEntry, occasionEntries } from '../core/export/calendar-file.js';
import { calendarTimeZone } from '../core/holidays/calendar-events.js';
import { selectCalendars } from '../core/planner/desired-calendar.js';
import { readMarker } from '../core/planner/ownership-marker.js';
import type { LivePersonClient } from '../liveperson/liveperson-client.js';

/** What a calendar export needs of LivePerson: one read. */
export type ExportClient = Pick<LivePersonClient, 'prepare' | 'listSpecialOccasions' | 'close'>;

export interface ExportedCalendar {
  name: string;
  timeZone: string;
  occasionId: number;
  entries: CalendarEntry[];
}

export interface ExportRead {
  calendars: ExportedCalendar[];
  /** Calendars of the config that LivePerson holds no importer occasion of (not applied yet). */
  missing: string[];
}

/**
 * The config's calendars as LivePerson holds them: the importer's occasion of each name, hand
 * edits included (what customers meet), in the calendar's zone. Reads only.
 */
export async function readExportCalendars(
  client: ExportClient,
  config: Config,
  request: { calendars: readonly string[]; years: readonly number[] },
): Promise<ExportRead> {
  const selected = selectCalendars(config, request.calendars);
  await client.prepare();
  let occasions: Awaited<ReturnType<ExportClient['listSpecialOccasions']>>;
  try {
    occasions = await client.listSpecialOccasions();
  } finally {
    await client.close();
  }
  const calendars: ExportedCalendar[] = [];
  const missing: string[] = [];
  for (const calendar of selected) {
    const occasion = occasions.find(
      (item) => !item.deleted && item.name === calendar.name && readMarker(item.description) !== undefined,
    );
    if (!occasion) {
      missing.push(calendar.name);
      continue;
    }
    const entries = occasionEntries(occasion.events).filter(
      (entry) => request.years.length === 0 || request.years.includes(Number(entry.date.slice(0, 4))),
    );
    calendars.push({
      name: calendar.name,
      timeZone: calendarTimeZone(calendar),
      occasionId: occasion.id,
      entries,
    });
  }
  return { calendars, missing };
}
