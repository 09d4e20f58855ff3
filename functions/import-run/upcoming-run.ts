import {
  type UpcomingReport,
  type UpcomingRequest,
  upcomingClosures,
} from '../core/notices/upcoming-closures.js';
import type { HttpMethod } from '../liveperson/http-transport.js';
import type { LivePersonClient } from '../liveperson/liveperson-client.js';

/** What reading the coming closures needs of LivePerson: reads only. */
export type UpcomingClient = Pick<
  LivePersonClient,
  'prepare' | 'listSpecialOccasions' | 'listSkills' | 'requests' | 'close'
>;

export interface UpcomingResult extends UpcomingReport {
  requests: Record<HttpMethod, number>;
}

/**
 * The closures and reduced days LivePerson holds for the next days, from its special occasions and
 * skills (not from the config): what customers will meet, hand edits included. It never writes.
 * The skills are read only when a date is coming, so a quiet week costs one GET.
 */
export async function readUpcoming(
  client: UpcomingClient,
  request: UpcomingRequest,
): Promise<UpcomingResult> {
  await client.prepare();
  let report: UpcomingReport;
  try {
    const occasions = await client.listSpecialOccasions();
    report = upcomingClosures(occasions, [], request);
    if (report.count > 0) {
      report = upcomingClosures(occasions, await client.listSkills(), request);
    }
  } finally {
    await client.close();
  }
  return { ...report, requests: client.requests.snapshot() };
}
