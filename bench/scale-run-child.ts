import { parseConfig } from '../functions/core/config/config-validation.js';
import { runImport } from '../functions/import-run/import-run.js';
import { staticCredentials } from '../functions/liveperson/credentials.js';
import { LivePersonClient } from '../functions/liveperson/liveperson-client.js';
import { SANDBOX_ACCOUNT, SANDBOX_CREDENTIALS } from '../sandbox/index.js';

/**
 * One import run of N calendars in a process of its own, so its time and peak memory are the
 * importer's alone: `tsx bench/scale-run-child.ts <csdsUrl> <calendars> <dryRun>`. Prints JSON.
 */
const [csdsUrl = '', count = '1000', dryRun = 'false'] = process.argv.slice(2);
const REGIONS = [
  'DE-BY',
  'US',
  'GB-ENG',
  'FR',
  'AT',
  'CH-ZH',
  'NL',
  'BE',
  'IT',
  'ES-MD',
  'PL',
  'SE',
  'DK',
  'NO',
  'FI',
  'IE',
  'PT',
  'CZ',
  'CA-ON',
  'AU-NSW',
];
const n = Number(count);
const config = parseConfig(
  {
    accountId: SANDBOX_ACCOUNT,
    secretId: 'bench',
    calendars: Array.from({ length: n }, (_, index) => ({
      name: `Calendar ${index}`,
      regions: [REGIONS[index % REGIONS.length]],
      skills: [`Queue ${index}`],
    })),
  },
  'bench',
);
const started = performance.now();
const summary = await runImport(
  { trigger: 'manual', dryRun: dryRun === 'true', force: false, years: [2027, 2028] },
  {
    config,
    client: new LivePersonClient({
      accountId: config.accountId,
      credentials: staticCredentials(SANDBOX_CREDENTIALS.oauth1),
      csdsUrl,
      retry: { delaysMs: [5, 10, 15], minThrottleDelayMs: 50, timeoutMs: 60_000 },
    }),
  },
);
const ms = performance.now() - started;
const failed = summary.calendars.filter((calendar) => calendar.action === 'failed').length;
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, requests: summary.requests, failed })}\n`,
);
