import { type CliIo, runCli } from '../functions/cli/main.js';
import { ANSI, LEGEND, PLAIN, renderCalendarPreview } from '../functions/cli/month-grid.js';
import { loadConfig } from '../functions/commons/load-config.js';
import { calendarTimeZone } from '../functions/core/holidays/calendar-events.js';
import { eventYear } from '../functions/core/planner/canonical-events.js';
import { readMarker } from '../functions/core/planner/ownership-marker.js';
import { staticCredentials } from '../functions/liveperson/credentials.js';
import { SpecialOccasionListSchema } from '../functions/liveperson/wire-schemas.js';
import {
  registerSandboxCredentials,
  SANDBOX_ACCOUNT,
  SANDBOX_CREDENTIALS,
  seedDemoScene,
  startSandbox,
} from '../sandbox/index.js';

/**
 * `npm start`: the whole job against the built-in LivePerson sandbox, with no AWS or
 * LivePerson account: plan, apply, plan again (nothing left to do), then the occasions as stored.
 */

const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const palette = colour ? ANSI : PLAIN;
const sandbox = await startSandbox();
registerSandboxCredentials(sandbox.state);
seedDemoScene(sandbox.state);

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  colour,
  now: () => new Date(),
  env: { ...process.env, LP_CSDS_URL: sandbox.url },
};
// The CLI normally reads the secret from Secrets Manager; the sandbox has its own API key.
const deps = { credentialsFor: () => staticCredentials(SANDBOX_CREDENTIALS.oauth1) };

const banner = (text: string) => process.stdout.write(`\n${palette.heading(`=== ${text} ===`)}\n\n`);

let exitCode = 0;
try {
  console.log(
    `LivePerson sandbox on ${sandbox.url} (account ${SANDBOX_ACCOUNT}), seeded with six skills and one`,
  );
  console.log('hand-made special occasion that the skill "Billing DE" already uses.');

  banner('1. holiday-importer plan  (dry run: no configuration writes)');
  const planned = await runCli(['plan'], io, deps);
  console.log(`exit code ${planned}${planned === 3 ? ' (conflicts to look at; nothing was lost)' : ''}`);

  banner('2. holiday-importer apply');
  const applied = await runCli(['apply'], io, deps);
  console.log(`exit code ${applied}`);

  banner('3. holiday-importer plan  (again: nothing left to do, no writes)');
  const again = await runCli(['plan'], io, deps);
  console.log(`exit code ${again}`);

  banner(
    '4. holiday-importer plan --calendar "Holidays DE-BY" --year 2033  (24 and 31 December fall on a Saturday)',
  );
  // The skills' Workdays keep Saturdays closed, so those half days get no event: they stay closed.
  const saturday = await runCli(['plan', '--calendar', 'Holidays DE-BY', '--year', '2033'], io, deps);
  console.log(`exit code ${saturday}`);

  banner('5. The special occasions now in LivePerson');
  const config = await loadConfig('config/holidays.json');
  for (const stored of sandbox.state.live(SANDBOX_ACCOUNT, 'specialoccasion')) {
    const [occasion] = SpecialOccasionListSchema.parse([stored]);
    if (!occasion) continue;
    const calendar = config.calendars.find((item) => item.name === occasion.name);
    if (!calendar || !readMarker(occasion.description)) {
      console.log(`${occasion.name} #${occasion.id}: not the importer's, left untouched\n`);
      continue;
    }
    // One year is enough to see the shape; `npx holiday-importer preview` shows them all.
    const years = [...new Set(occasion.events.map(eventYear))].sort().slice(0, 1);
    process.stdout.write(
      `${renderCalendarPreview({ name: `${occasion.name} #${occasion.id}`, timeZone: calendarTimeZone(calendar), years, events: occasion.events }, palette)}\n`,
    );
  }
  console.log(LEGEND);
  exitCode = applied === 1 || again !== planned ? 1 : 0;
} finally {
  await sandbox.close();
}
process.exitCode = exitCode;
